import type { Permission } from '@common/permissions';

/**
 * Which permissions open which admin pages, by the names the server grants
 * (common/permissions.ts, so a misspelt or retired one fails the type check). The menu hides
 * what these do not allow; the server refuses it anyway.
 */
export const READ_REGIONS: Permission[] = ['regions.read'];
export const READ_PEOPLE: Permission[] = ['residents.read'];
export const WRITE_PEOPLE: Permission[] = ['residents.write'];
export const READ_SPECIAL_GROUPS: Permission[] = ['special_groups.read'];
export const READ_HOUSES: Permission[] = ['houses.read'];
/** 房屋 (server: regions/house-edits.service.ts). */
export const WRITE_HOUSES: Permission[] = ['houses.write'];
export const READ_ESTATES: Permission[] = ['houses.read'];
export const READ_VEHICLES: Permission[] = ['vehicles.read'];
export const WRITE_VEHICLES: Permission[] = ['vehicles.write'];
/** 小区, 楼栋 and 网格 (server: regions/place-edits.routes.ts). */
export const WRITE_PLACES: Permission[] = ['places.write'];
export const READ_GRIDS: Permission[] = ['grids.read'];
export const READ_ORGS: Permission[] = ['orgs.read'];
export const RUN_IMPORTS: Permission[] = ['imports.run'];
export const RUN_EXPORTS: Permission[] = ['exports.run'];
export const DATA_TRANSFER: Permission[] = [...RUN_IMPORTS, ...RUN_EXPORTS];
export const READ_AUDIT: Permission[] = ['audit.read'];
/** 物联感知: devices (server: iot/devices.routes.ts). */
export const READ_DEVICES: Permission[] = ['iot.read'];
export const MANAGE_DEVICES: Permission[] = ['iot.manage'];
/** 告警中心's actions and the critical-alarm popup (server: iot/alarms.routes.ts). */
export const HANDLE_ALARMS: Permission[] = ['iot.alarms'];

// Casework (server: cases.* in server/platform/auth/permissions.ts). A department handler has
// cases.handle without cases.read: the workbench shows them their unit's cases only.
export const REPORT_CASES: Permission[] = ['cases.report'];
export const READ_CASES: Permission[] = ['cases.read'];
export const WORK_CASES: Permission[] = ['cases.read', 'cases.handle'];
export const DISPATCH_CASES: Permission[] = ['cases.dispatch'];
export const SUPERVISE_CASES: Permission[] = ['cases.supervise'];
export const CONFIGURE_CASES: Permission[] = ['cases.configure'];
/** 督办单: handlers sign theirs; desks and supervisors follow those of their region. */
export const READ_NOTICES: Permission[] = ['cases.handle', 'cases.supervise', 'cases.dispatch'];
export const CASE_STATISTICS: Permission[] = ['cases.read'];
/** 依申请公开 (server: disclosure/disclosure.routes.ts). */
export const HANDLE_DISCLOSURE: Permission[] = ['disclosure.handle'];
// 督查督办 (issue 11 part 5).
export const READ_TASKS: Permission[] = ['tasks.read'];
export const REPORT_TASKS: Permission[] = ['tasks.report'];
export const SUPERVISE_TASKS: Permission[] = ['tasks.supervise'];

// The document library and the gazette (政务公开): the county office reads and manages, departments, towns and leaders read.
export const READ_DOCUMENTS: Permission[] = ['documents.read'];
export const MANAGE_DOCUMENTS: Permission[] = ['documents.manage'];
