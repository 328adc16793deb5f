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

// Casework (server: cases.* in server/platform/auth/permissions.ts). A department handler has
// cases.handle without cases.read: the workbench shows them their unit's cases only.
export const REPORT_CASES = ['cases.report'];
export const READ_CASES = ['cases.read'];
export const WORK_CASES = ['cases.read', 'cases.handle'];
export const DISPATCH_CASES = ['cases.dispatch'];
export const SUPERVISE_CASES = ['cases.supervise'];
/** 督办单: handlers sign theirs; desks and supervisors follow those of their region. */
export const READ_NOTICES = ['cases.handle', 'cases.supervise', 'cases.dispatch'];
export const CASE_STATISTICS = ['cases.read'];
