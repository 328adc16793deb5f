import type { Permission } from '../../platform/auth/permissions.js';
import { FILLED_BY_STATEMENT, type EventDraft } from '../../platform/events/publish.js';
import type { Audience } from './policy.js';
import type { CaseListeners } from './timeline.repository.js';

/**
 * What casework tells the live event stream (docs/decisions/025): a new case to the desk, and
 * every timeline line to the people who may read it — the audiences of the case policy
 * (policy.ts) put in the stream's terms. The region's readers are named by permission, as
 * caseAccess grants them by region: `cases.read` there is the staff view, the desk
 * (`cases.dispatch`) and the verifiers (`cases.verify`) there are the staff working it. The
 * people related to the case by its own record are named by id: the handlers of its unit or
 * grid, and for a public line its reporters — never for a staff or internal one.
 */
const REGION_READERS: Record<Audience, Permission[]> = {
  public: ['cases.read'],
  staff: ['cases.read'],
  internal: ['cases.dispatch', 'cases.verify'],
};

/** A new case, for the desk of its region. Its id is the report statement's to fill in (report.repository.ts). */
export const caseReportedEvent = (regionPath: string): EventDraft => ({
  type: 'case.reported',
  regionPath,
  estateId: null,
  audience: { permissions: REGION_READERS.public, userIds: [] },
  data: { caseId: FILLED_BY_STATEMENT },
});

/** A line on the timeline as the stream announces it. */
export interface AnnouncedLine {
  caseId: number;
  lineId: number;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  audience: Audience;
}

/**
 * The event of a line: `case.dispatched` when the step brings the case to a unit or grid to sign
 * (派遣, 转办, reopened), so it appears in their workbench; `case.step` for any other line.
 */
export function caseLineEvent(line: AnnouncedLine, listeners: CaseListeners): EventDraft {
  const arrives = line.toStatus === 'dispatched' && line.fromStatus !== 'dispatched';
  const named = [...listeners.handlerIds, ...(line.audience === 'public' ? listeners.reporterIds : [])];
  return {
    type: arrives ? 'case.dispatched' : 'case.step',
    regionPath: listeners.regionPath,
    estateId: null,
    audience: { permissions: REGION_READERS[line.audience], userIds: [...new Set(named)] },
    data: { caseId: line.caseId, lineId: line.lineId, action: line.action, status: listeners.status },
  };
}
