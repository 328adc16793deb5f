import type { Role } from '../../common/enums.js';
import { permissionsOf } from '../platform/auth/permissions.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { CaseListeners } from '../domains/cases/timeline.repository.js';

/**
 * Fakes shared by the unit tests of services (`*.test.ts`, no database): the services take the
 * viewer and their repositories as arguments (docs/decisions/012), so a test builds both here.
 */

/**
 * A signed-in viewer with the role's real permissions, by default staff of 锦源社区 (community
 * 230 under 榆山街道). A test overrides what its rule turns on: the region, the user, the unit.
 */
export function fakeViewer(role: Role, overrides: Partial<Viewer> = {}): Viewer {
  return {
    userId: 9,
    username: role,
    displayName: role,
    role,
    regionId: 230,
    regionPath: '/1/4/230/',
    regionName: '锦源社区',
    regionCode: 'x',
    regionLevel: 'community',
    propertyCompanyId: null,
    residentId: null,
    orgUnitId: null,
    permissions: permissionsOf(role),
    mustChangePassword: false,
    ...overrides,
  };
}

/** The status and code a service refused with (an AppError); a call it accepted fails the test. */
export const refusal = async (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('accepted');
    },
    (e: { status: number; code: string }) => ({ status: e.status, code: e.code }),
  );

/**
 * The part of a fake case timeline a test of something else does not look at: who would hear a
 * new line live (nobody in particular) and the event it raises (dropped). timeline.test.ts and
 * live-events.test.ts test those.
 */
export const unheardTimeline = {
  listenersOf: async (): Promise<CaseListeners> => ({ regionPath: '/1/4/230/', status: 'dispatched', handlerIds: [], reporterIds: [] }),
  announce: async () => {},
};
