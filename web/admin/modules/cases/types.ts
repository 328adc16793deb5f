/**
 * Shapes of the admin-only casework calls (hotline entry, actions, bulk dispatch, supervision,
 * statistics); the case itself is in web/lib/case-types.ts, shared with the H5 client.
 */
import type { CaseSource, CaseStatus, Satisfaction } from '@common/enums';

export type {
  CaseCategory, CaseDetail, CaseEvent, CaseFormField, CasePhoto, CaseSourceEntry, CaseSummary, CaseSupervision, ClockColour,
  CaseLeft, NearbyCase, PendingRequest, PendingRequestSummary, ReportResult, RouteTarget,
} from '@lib/case-types';

/** What the dispatch and transfer bodies take as a target: exactly one of the two. */
export type TargetInput = { orgUnitId: number } | { regionId: number };

/** POST /api/cases: a 12345 order entered by staff. */
export interface HotlineOrderInput {
  categoryId: number;
  title?: string;
  description: string;
  attributes: Record<string, unknown>;
  regionId?: number;
  address?: string;
  lon?: number;
  lat?: number;
  photoIds: number[];
  urgent: boolean;
  hotlineOrderNo: string;
  reporterName: string;
  reporterPhone?: string;
}

export interface UploadedPhoto {
  id: number;
  width: number;
  height: number;
  takenAt: string | null;
  hasLocation: boolean;
}

export interface BulkDispatchResult {
  results: ({ id: number; ok: true } | { id: number; ok: false; message: string })[];
}

/** The bodies of POST /api/cases/:id/actions (cases.schema.ts actionBody). */
export type ActionBody =
  | { action: 'accept' | 'register' | 'sign' | 'approve_request' | 'resume' | 'close'; note?: string }
  | { action: 'reject' | 'return' | 'request_suspension' | 'refuse_request'; reason: string }
  | { action: 'dispatch'; target?: TargetInput; reason?: string }
  | { action: 'transfer'; target: TargetInput; reason: string }
  | { action: 'request_extension'; days: number; reason: string }
  | { action: 'handle'; result: string; photoIds: number[] }
  | { action: 'verify'; note?: string; photoIds: number[] }
  | { action: 'verify_fail'; reason: string; photoIds: number[] }
  | { action: 'evaluate'; satisfaction: Satisfaction; comment?: string }
  | { action: 'merge'; targetCaseId: number; reason?: string }
  | { action: 'comment'; note: string; internal: boolean }
  | { action: 'supervise'; note: string };

export interface BoardRow {
  name: string;
  unitId: number | null;
  regionId: number | null;
  red: number;
  yellow: number;
  green: number;
  paused: number;
  open: number;
}

export interface SupervisionBoard {
  totals: { total: number; handled: number; open: number; overdue: number };
  units: BoardRow[];
  towns: BoardRow[];
}

export interface SupervisionNotice {
  id: number;
  caseId: number;
  number: string;
  title: string;
  status: CaseStatus;
  level: number;
  reason: string;
  issuedAt: string;
  bySystem: boolean;
  acknowledgedAt: string | null;
  unit: string | null;
  leader: string | null;
  backupLeader: string | null;
}

export interface UnitStatistics {
  unitId: number;
  name: string;
  received: number;
  handled: number;
  /** 0–1, null when nothing was handled. */
  onTimeRate: number | null;
  avgHandlingHours: number | null;
  reopenRate: number | null;
  satisfactionRate: number | null;
  rated: number;
}

export interface CaseStatistics {
  units: UnitStatistics[];
  categories: { name: string; count: number }[];
  sources: { source: CaseSource; count: number }[];
  daily: { day: string; reported: number; handled: number }[];
}
