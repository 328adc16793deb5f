import type { Role } from '../../../common/enums.js';

/**
 * What each role may do. Region scope is separate (scope.ts): a permission says "may read
 * residents", the scope says "those of my region's subtree".
 */
export const PERMISSIONS = [
  'regions.read',
  'residents.read',
  'residents.write',
  'houses.read',
  'houses.write',
  'vehicles.read',
  'grids.read',
  'orgs.read',
  'special_groups.read',   // 特殊人群: restricted, every read audited
  'personal_data.full',    // unmasked ID numbers and phones
  'imports.run',
  'exports.run',
  'audit.read',
  'me.home',
  'cases.report',          // report a problem (and follow, verify and rate one's own reports)
  'cases.read',            // read the cases of one's region
  'cases.dispatch',        // 受理, 立案, 派遣, 结案, approve requests, merge
  'cases.handle',          // 签收 and 处置 what is dispatched to one's unit or grid
  'cases.verify',          // 核查 handled cases of one's region
  'cases.supervise',       // 督办 and the supervision board
  'cases.configure',       // categories, routing rules, calendar, Open311 clients
  'users.manage',          // the account list and clearing an account's sign-in failures (解除登录限制)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_READ: Permission[] = ['regions.read', 'residents.read', 'houses.read', 'vehicles.read', 'grids.read', 'orgs.read'];

// The case desk of a region: takes reports in, dispatches, verifies and closes them.
const CASE_DESK: Permission[] = ['cases.report', 'cases.read', 'cases.dispatch', 'cases.verify'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // County administrators run the platform; they work with masked personal data like the
  // leaders do, and see 特殊人群 because county-level 综治 follow-up happens there.
  county_admin: [...STAFF_READ, ...CASE_DESK, 'cases.supervise', 'cases.configure', 'residents.write', 'houses.write', 'special_groups.read', 'imports.run', 'exports.run', 'audit.read', 'users.manage'],
  town_staff: [...STAFF_READ, ...CASE_DESK, 'cases.supervise', 'residents.write', 'houses.write', 'special_groups.read', 'imports.run', 'exports.run'],
  // Community staff and grid workers register and visit people: they need numbers in full.
  // The community desk also handles and verifies what is dispatched to the community.
  community_staff: [...STAFF_READ, ...CASE_DESK, 'cases.handle', 'residents.write', 'houses.write', 'special_groups.read', 'personal_data.full', 'imports.run', 'exports.run'],
  grid_worker: [...STAFF_READ, 'cases.report', 'cases.read', 'cases.handle', 'cases.verify', 'residents.write', 'houses.write', 'special_groups.read', 'personal_data.full'],
  // A department handler sees only the cases dispatched to the unit (case-access.ts).
  dept_handler: ['regions.read', 'orgs.read', 'cases.handle'],
  // Property staff see the houses and vehicles of the estates their company manages, masked.
  property_staff: ['regions.read', 'houses.read', 'vehicles.read', 'orgs.read', 'cases.report'],
  leader: [...STAFF_READ, 'cases.read', 'cases.supervise'],
  resident: ['me.home', 'cases.report'],
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}
