import type { Role } from '../../../common/enums.js';
import type { Permission } from '../../../common/permissions.js';

/**
 * What each role may do. Region scope is separate (scope.ts): a permission says "may read
 * residents", the scope says "those of my region's subtree". The names themselves are
 * common/permissions.ts, which the clients read too.
 */
export { PERMISSIONS, type Permission } from '../../../common/permissions.js';

const STAFF_READ: Permission[] = ['regions.read', 'residents.read', 'houses.read', 'vehicles.read', 'grids.read', 'orgs.read'];

// The case desk of a region: takes reports in, dispatches, verifies and closes them.
const CASE_DESK: Permission[] = ['cases.report', 'cases.read', 'cases.dispatch', 'cases.verify'];

// The county office's work (issue 11): documents, disclosure, supervision, proposals.
const COUNTY_OFFICE: Permission[] = [
  'documents.read',
  'documents.manage',
  'disclosure.handle',
  'tasks.read',
  'tasks.supervise',
  'tasks.report',
  'proposals.read',
  'proposals.manage',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // County administrators run the platform; they work with masked personal data like the
  // leaders do, and see 特殊人群 because county-level 综治 follow-up happens there. One number
  // in full they reveal with a reason, audited (查看完整号码, decision 019).
  county_admin: [
    ...STAFF_READ,
    ...CASE_DESK,
    'cases.supervise',
    'cases.configure',
    'residents.write',
    'houses.write',
    'places.write',
    'vehicles.write',
    'special_groups.read',
    'personal_data.reveal',
    'imports.run',
    'exports.run',
    'audit.read',
    'users.manage',
    // The county's map data, as the CLI's `civicgrid geo` loads it (decision 048).
    'map.manage',
    'iot.read',
    'iot.manage',
    'iot.alarms',
    'iot.configure',
    ...COUNTY_OFFICE,
  ],
  town_staff: [
    ...STAFF_READ,
    ...CASE_DESK,
    'cases.supervise',
    'residents.write',
    'houses.write',
    'places.write',
    'vehicles.write',
    'special_groups.read',
    'imports.run',
    'exports.run',
    'iot.read',
    'iot.alarms',
    // 各镇（街道）: a town reports its part of the county's supervised tasks.
    'documents.read',
    'tasks.read',
    'tasks.report',
  ],
  // Community staff and grid workers register and visit people: they need numbers in full.
  // The community desk also handles and verifies what is dispatched to the community.
  community_staff: [
    ...STAFF_READ,
    ...CASE_DESK,
    'cases.handle',
    'residents.write',
    'houses.write',
    'places.write',
    'vehicles.write',
    'special_groups.read',
    'personal_data.full',
    'imports.run',
    'exports.run',
    // The community registers the devices installed in it (issue 10's contract), and tunes
    // one device's rules; a type's rules are the county's (decision 032).
    'iot.read',
    'iot.manage',
    'iot.alarms',
    'iot.configure',
  ],
  grid_worker: [
    ...STAFF_READ,
    'cases.report',
    'cases.read',
    'cases.handle',
    'cases.verify',
    'residents.write',
    'houses.write',
    // A grid worker registers the cars they find on patrol; estates and buildings are the community's.
    'vehicles.write',
    'special_groups.read',
    'personal_data.full',
    'iot.read',
    'iot.alarms',
  ],
  // A department handler sees only the cases dispatched to the unit (cases/access.ts).
  // It also reports its unit's supervised tasks and replies to the proposals assigned to it.
  dept_handler: [
    'regions.read',
    'orgs.read',
    'cases.handle',
    'documents.read',
    'tasks.read',
    'tasks.report',
    'proposals.read',
    'proposals.handle',
  ],
  // Property staff see the houses and vehicles of the estates their company manages, masked.
  // Their estates' devices and alarms too: the property desk is the first to answer a fire alarm.
  property_staff: ['regions.read', 'houses.read', 'vehicles.read', 'orgs.read', 'cases.report', 'iot.read', 'iot.alarms'],
  // Leaders follow the tasks and proposals of the units they 分管.
  leader: [...STAFF_READ, 'cases.read', 'cases.supervise', 'iot.read', 'documents.read', 'tasks.read', 'proposals.read'],
  resident: ['me.home', 'cases.report'],
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}
