/**
 * Shapes of the casework API as both clients read them (server/domains/cases: cases.presenter.ts,
 * case-read.ts, case-categories.ts). Dates arrive as ISO strings. A reporter gets the same shapes
 * with the staff-only fields null (originalUrl, stepDueAt, pendingRequest, suggestion…). To be
 * replaced by types inferred from the server's Zod response schemas once they live in common/.
 */
import type { CaseAction, CaseFormField, CaseSource, CaseStatus, PendingCaseRequest, Satisfaction } from '@common/enums';

export type { CaseFormField };
export type PendingRequest = PendingCaseRequest;

/** 红灯 past the deadline, 黄灯 past 80% of the promise, 绿灯 otherwise; none when no clock runs. */
export type ClockColour = 'red' | 'yellow' | 'green' | 'none';

/** Where a case goes: a unit (县直部门), or a grid/community that handles it itself (属地). */
export type RouteTarget =
  | { kind: 'unit'; orgUnitId: number; name: string }
  | { kind: 'grid'; regionId: number; name: string };

export interface PendingRequestSummary {
  kind: 'extension' | 'suspension';
  days: number | null;
}

/** One row of the workbench (presentCaseSummary). */
export interface CaseSummary {
  id: number;
  number: string;
  title: string;
  status: CaseStatus;
  source: CaseSource;
  urgent: boolean;
  categoryId: number;
  categoryName: string;
  caseType: string;
  regionId: number;
  regionName: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  /** The handling unit, or the grid/community that handles it. */
  handler: string | null;
  /** 首接单位: the unit answerable for the case until a formal 转办. */
  firstUnit: string | null;
  reportedAt: string;
  /** The promise to the reporter, counted from acceptance. */
  dueAt: string | null;
  /** Whichever runs out first: the current step's limit or the promise. */
  nextDeadlineAt: string | null;
  /** accept, dispatch, sign, handle, verify, close, evaluate, done */
  step: string;
  clock: ClockColour;
  /** Share of the promise's working time used (1.25 = a quarter over); null before acceptance. */
  timeUsed: number | null;
  paused: boolean;
  pendingRequest: PendingRequestSummary | null;
  supervisionLevel: number;
  satisfaction: Satisfaction | null;
  reopenCount: number;
}

export interface CaseEvent {
  id: number;
  at: string;
  /** A CaseAction, or report / escalate / reopen / join / questionnaire. */
  action: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  note: string | null;
  actor: string | null;
  actorUnit: string | null;
  /** Who the line is for (server/domains/cases/case-policy.ts): everyone, staff, or those working the case. */
  audience: 'public' | 'staff' | 'internal';
  data: Record<string, unknown>;
}

/** A step's answer when it took the case off the viewer's desk (a unit's 退回). */
export interface CaseLeft {
  id: number;
  left: true;
}

export interface CasePhoto {
  id: number;
  eventId: number | null;
  /** A linked picture (Open311 media_url) instead of a stored one. */
  mediaUrl: string | null;
  thumbUrl: string | null;
  displayUrl: string | null;
  /** Only for staff of the case's region; keeps the phone's EXIF, every read is audited. */
  originalUrl: string | null;
  takenAt: string | null;
  width?: number;
  height?: number;
}

export interface CaseSourceEntry {
  id: number;
  source: CaseSource;
  /** 12345 work-order number, Open311 id… */
  reference: string | null;
  reportedAt: string;
  description: string | null;
  anonymous: boolean;
  mergedFromId: number | null;
  mine: boolean;
  /** Masked unless the viewer's role needs it in full. */
  reporterName: string | null;
  reporterPhone: string | null;
}

export interface CaseSupervision {
  id: number;
  /** 1 督办单 to the unit, 2 escalated to the leader in charge. */
  level: number;
  reason: string;
  issuedAt: string;
  bySystem: boolean;
  unit: string | null;
  leader: string | null;
  backupLeader: string | null;
  acknowledgedAt: string | null;
}

export interface NearbyCase {
  id: number;
  number: string;
  /** For a resident, the category's name: a title may carry a typed address. */
  title: string;
  status: CaseStatus;
  metres: number;
  reportedAt: string;
  /** Given by GET /api/cases/nearby, not in a case page's list. */
  categoryName?: string;
}

export interface CaseDetail extends Omit<CaseSummary, 'pendingRequest'> {
  /** null for a viewer who may not read the reporter's own words (a co-reporter). */
  description: string | null;
  attributes: Record<string, unknown>;
  form: CaseFormField[];
  result: string | null;
  isPublic: boolean;
  houseId: number | null;
  acceptedAt: string | null;
  dispatchedAt: string | null;
  signedAt: string | null;
  handledAt: string | null;
  verifiedAt: string | null;
  closedAt: string | null;
  evaluatedAt: string | null;
  mergedIntoId: number | null;
  stepDueAt: string | null;
  warnAt: string | null;
  pendingRequest: PendingRequest | null;
  /** Exactly what this viewer may do now. */
  actions: CaseAction[];
  relations: string[];
  events: CaseEvent[];
  sources: CaseSourceEntry[];
  photos: CasePhoto[];
  supervisions: CaseSupervision[];
  /** The routing rule's answer, for a dispatcher while the case still waits for dispatch. */
  suggestion: { target: RouteTarget; reason: string } | null;
  leaderInCharge: { leaderId: number; leaderName: string; backupId: number | null; backupName: string | null } | null;
  /** Open cases of the same category close by: possible duplicates. */
  nearby: NearbyCase[];
}

export interface CaseCategory {
  id: number;
  code: string;
  name: string;
  caseType: string;
  isPublic: boolean;
  sla: { amount: number; unit: 'working_hours' | 'working_days' };
  signLimitHours: number;
  defaultUnit: string | null;
  form: CaseFormField[];
  keywords: string[];
  children?: CaseCategory[];
}

export interface ReportResult {
  caseId: number;
  number: string;
  /** The same Idempotency-Key was seen before: this is the case the first try made. */
  replayed: boolean;
  duplicates: { id: number; number: string; metres: number }[];
}
