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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_READ: Permission[] = ['regions.read', 'residents.read', 'houses.read', 'vehicles.read', 'grids.read', 'orgs.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // County administrators run the platform; they work with masked personal data like the
  // leaders do, and see 特殊人群 because county-level 综治 follow-up happens there.
  county_admin: [...STAFF_READ, 'residents.write', 'houses.write', 'special_groups.read', 'imports.run', 'exports.run', 'audit.read'],
  town_staff: [...STAFF_READ, 'residents.write', 'houses.write', 'special_groups.read', 'imports.run', 'exports.run'],
  // Community staff and grid workers register and visit people: they need numbers in full.
  community_staff: [...STAFF_READ, 'residents.write', 'houses.write', 'special_groups.read', 'personal_data.full', 'imports.run', 'exports.run'],
  grid_worker: [...STAFF_READ, 'residents.write', 'houses.write', 'special_groups.read', 'personal_data.full'],
  dept_handler: ['regions.read', 'orgs.read'],
  // Property staff see the houses and vehicles of the estates their company manages, masked.
  property_staff: ['regions.read', 'houses.read', 'vehicles.read', 'orgs.read'],
  leader: [...STAFF_READ],
  resident: ['me.home'],
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}
