import type { Me } from '../../../common/contracts/identity.js';
import type { Config } from '../../platform/config.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { passwordChangeEnforced } from './password-change-gate.js';

/** The signed-in user as GET /api/auth/me answers (common/contracts/identity.ts). */
export function presentMe(viewer: Viewer, mode: Config['mode']): Me {
  return {
    id: viewer.userId,
    username: viewer.username,
    displayName: viewer.displayName,
    role: viewer.role,
    region: { id: viewer.regionId, code: viewer.regionCode, name: viewer.regionName, level: viewer.regionLevel },
    permissions: [...viewer.permissions],
    mustChangePassword: viewer.mustChangePassword,
    passwordChangeEnforced: passwordChangeEnforced(viewer, mode),
  };
}
