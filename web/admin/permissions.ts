/**
 * Which permissions open which admin pages. The server names permissions like
 * 'residents.read'; base-data pages also accept a finer permission the server may add later
 * (e.g. 'houses.read' for a property company that may see houses but not residents).
 */
export const READ_PEOPLE = ['residents.read'];
export const WRITE_PEOPLE = ['residents.write'];
export const READ_SPECIAL_GROUPS = ['special_groups.read'];
export const READ_HOUSES = ['houses.read', 'residents.read'];
export const READ_ESTATES = ['estates.read', 'houses.read', 'residents.read'];
export const READ_VEHICLES = ['vehicles.read', 'residents.read'];
export const READ_GRIDS = ['grids.read', 'residents.read'];
export const READ_ORGS = ['orgs.read'];
export const RUN_IMPORTS = ['imports.run'];
export const RUN_EXPORTS = ['exports.run'];
export const DATA_TRANSFER = [...RUN_IMPORTS, ...RUN_EXPORTS];
export const READ_AUDIT = ['audit.read'];
