import type { Viewer } from '../auth/viewer.js';
import { isWithin, type Scope } from '../scope.js';
import type { EventNotice } from '../../../common/contracts/events.js';

/** A stream's viewer as the audience rule needs them: who they are and their scope. */
export interface Receiver {
  viewer: Viewer;
  /** Their scope; only its estate limit is read here (the region is the viewer's, through isWithin). */
  scope: Pick<Scope, 'estateIds'>;
}

/**
 * May this viewer be sent this event? When it names them (a reporter, following their own case
 * wherever it lies), or when its place is in their scope and they hold one of its permissions.
 * The place: the region path under the viewer's, as every scoped query has it; and for a viewer
 * limited to their company's estates, an event of an estate only if it is one of theirs — an
 * event of no estate is limited by region alone, as scopedDb limits tables without an estate.
 */
export function mayReceive({ viewer, scope }: Receiver, notice: Pick<EventNotice, 'regionPath' | 'estateId' | 'audience'>): boolean {
  if (notice.audience.userIds.includes(viewer.userId)) return true;
  if (!notice.audience.permissions.some((p) => viewer.permissions.has(p))) return false;
  if (!isWithin(viewer, notice.regionPath)) return false;
  return notice.estateId === null || scope.estateIds === null || scope.estateIds.includes(notice.estateId);
}
