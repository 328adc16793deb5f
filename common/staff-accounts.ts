import type { RegionLevel, Role } from './enums.js';

/**
 * Which staff accounts 账号管理 makes, and what each role's account must name: the level of its
 * region (a grid worker belongs to a grid, a community desk to a community…) and, for a
 * department handler or property staff, the unit or company whose work they see. The server
 * refuses an account that breaks these; the admin form offers only what they allow.
 * Resident accounts are not made here: a resident signs in with an account tied to their record
 * in the people register, which this form does not choose (docs/decisions/019).
 */
export const STAFF_ROLES = [
  'county_admin',
  'town_staff',
  'community_staff',
  'grid_worker',
  'dept_handler',
  'property_staff',
  'leader',
] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_REGION_LEVEL: Record<StaffRole, RegionLevel> = {
  county_admin: 'county',
  leader: 'county',
  // A county department's cases reach it by its unit, wherever they lie: its region is the county.
  dept_handler: 'county',
  town_staff: 'town',
  community_staff: 'community',
  grid_worker: 'grid',
  // Property staff see their company's estates inside the community their account names.
  property_staff: 'community',
};

/** What else a role's account names: its county department, or its property company. */
export function roleNeeds(role: StaffRole): 'orgUnit' | 'propertyCompany' | null {
  if (role === 'dept_handler') return 'orgUnit';
  if (role === 'property_staff') return 'propertyCompany';
  return null;
}

/** 3–40 lower-case letters, digits or . _ - (the CLI's rule, server/cli/user-command.ts). */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;
