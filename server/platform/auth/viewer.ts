import type { Role } from '../../../common/enums.js';
import type { Permission } from './permissions.js';

/** Who is asking: resolved once per request from the session, passed to every service call. */
export interface Viewer {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  regionId: number;
  regionPath: string; // '/1/4/17/': everything the viewer may see starts with it
  regionName: string;
  regionCode: string;
  regionLevel: 'county' | 'town' | 'community' | 'grid';
  propertyCompanyId: number | null;
  residentId: number | null;
  orgUnitId: number | null;
  permissions: ReadonlySet<Permission>;
  /** Someone else knows the password (demo account, generated one): see identity password-change-gate.ts. */
  mustChangePassword: boolean;
  ip?: string;
}

export function can(viewer: Viewer, permission: Permission): boolean {
  return viewer.permissions.has(permission);
}
