import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import type { CaseStatus } from '../../../common/enums.js';
import { caseAccess, type CaseAccess, type CaseFacts } from './policy.js';
import type { CaseRow, CasesRepository } from './cases.repository.js';

/**
 * Loads what the case policy needs about one case and asks it. The policy itself is pure
 * (policy.ts); this is the one place its facts come from.
 */
export function factsOf(c: CaseRow, viewer: Pick<Viewer, 'userId'>, follows: boolean): CaseFacts {
  return {
    regionPath: c.region_path,
    status: c.status as CaseStatus,
    pendingRequest: c.pending_request,
    reopenCount: c.reopen_count,
    handlerUnitId: c.handler_unit_id,
    firstUnitId: c.first_unit_id,
    handlerRegion:
      c.handler_region_id !== null && c.handler_region_path !== null
        ? { id: c.handler_region_id, path: c.handler_region_path, level: c.handler_region_level! }
        : null,
    viewerFiled: c.reporter_user_id !== null && c.reporter_user_id === viewer.userId,
    viewerFollows: follows,
  };
}

export async function accessTo(cases: CasesRepository, viewer: Viewer, c: CaseRow): Promise<CaseAccess> {
  // Only a viewer who may report can be a reporter; everyone else is spared the lookup.
  const follows = viewer.permissions.has('cases.report') && (await cases.follows(c.id, viewer.userId));
  return caseAccess(viewer, factsOf(c, viewer, follows));
}

/** The viewer's access to a case they may see at all; a case they may not see does not exist (404). */
export async function readableCase(
  cases: CasesRepository,
  viewer: Viewer,
  c: CaseRow | undefined,
  what = '事件',
): Promise<{ c: CaseRow; access: CaseAccess }> {
  if (!c) throw notFound(what);
  const access = await accessTo(cases, viewer, c);
  if (!access.view) throw notFound(what);
  return { c, access };
}
