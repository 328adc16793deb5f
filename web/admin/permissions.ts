/**
 * Which permissions open which admin pages, named as the server names them
 * (server/platform/auth/permissions.ts). The menu hides what these do not allow; the server
 * refuses it anyway.
 */
export const READ_REGIONS = ['regions.read'];
export const READ_PEOPLE = ['residents.read'];
export const WRITE_PEOPLE = ['residents.write'];
export const READ_SPECIAL_GROUPS = ['special_groups.read'];
export const READ_HOUSES = ['houses.read'];
export const READ_ESTATES = ['houses.read'];
export const READ_VEHICLES = ['vehicles.read'];
export const READ_GRIDS = ['grids.read'];
export const READ_ORGS = ['orgs.read'];
export const RUN_IMPORTS = ['imports.run'];
export const RUN_EXPORTS = ['exports.run'];
export const DATA_TRANSFER = [...RUN_IMPORTS, ...RUN_EXPORTS];
export const READ_AUDIT = ['audit.read'];
