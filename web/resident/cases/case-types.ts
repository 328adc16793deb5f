/**
 * Shapes of the casework API as the H5 client reads them (server/domains/cases: case-read.ts,
 * cases.presenter.ts, case-categories.ts). Kept here, not in web/lib/types.ts, until the server
 * publishes its response schemas in common/.
 */
import type { CaseAction, CaseSource, CaseStatus, RegionLevel, Satisfaction } from '@common/enums';

export type FieldType = 'text' | 'number' | 'boolean' | 'date' | 'select' | 'multiselect';

/** One extra field of a category's form (e.g. 废弃汽车: 号牌, 弃用特征). */
export interface CaseFormField {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  public?: boolean;
  options?: { value: string; label: string }[];
}

export interface CaseCategory {
  id: number;
  code: string;
  name: string;
  caseType: string;
  isPublic: boolean;
  sla: { amount: number; unit: string };
  defaultUnit: string | null;
  form: CaseFormField[];
  keywords: string[];
  children?: CaseCategory[];
}

export interface ReportRegion {
  id: number;
  parentId: number | null;
  name: string;
  level: RegionLevel;
}

export type Clock = 'red' | 'yellow' | 'green' | 'none';

export interface CaseSummary {
  id: number;
  number: string;
  title: string;
  status: CaseStatus;
  source: CaseSource;
  urgent: boolean;
  categoryId: number;
  categoryName: string;
  regionId: number;
  regionName: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  handler: string | null;
  reportedAt: string;
  dueAt: string | null;
  nextDeadlineAt: string | null;
  step: string | null;
  clock: Clock;
  paused: boolean;
  supervisionLevel: number;
  satisfaction: Satisfaction | null;
  reopenCount: number;
}

export interface CaseEvent {
  id: number;
  at: string;
  action: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  note: string | null;
  /** A person's name for staff; the acting unit for reporters; null for the reporter's own steps. */
  actor: string | null;
  actorUnit: string | null;
  isPublic: boolean;
  data: Record<string, unknown>;
}

export interface CasePhoto {
  id: number;
  eventId: number | null;
  mediaUrl: string | null;
  thumbUrl: string | null;
  displayUrl: string | null;
  width?: number;
  height?: number;
}

export interface CaseSourceLine {
  id: number;
  source: CaseSource;
  reportedAt: string;
  description: string | null;
  anonymous: boolean;
  mine: boolean;
  reporterName: string | null;
}

export interface CaseDetail extends CaseSummary {
  description: string;
  attributes: Record<string, unknown>;
  form: CaseFormField[];
  result: string | null;
  isPublic: boolean;
  handledAt: string | null;
  closedAt: string | null;
  evaluatedAt: string | null;
  mergedIntoId: number | null;
  stepDueAt: string | null;
  actions: CaseAction[];
  relations: string[];
  events: CaseEvent[];
  sources: CaseSourceLine[];
  photos: CasePhoto[];
}

export interface NearbyCase {
  id: number;
  number: string;
  title: string;
  status: CaseStatus;
  metres: number;
  reportedAt: string;
  categoryName: string;
}

/** The body of POST /api/cases (cases.schema.ts reportCaseBody), as this client sends it. */
export interface ReportBody {
  categoryId: number;
  description: string;
  attributes: Record<string, unknown>;
  lat?: number;
  lon?: number;
  address?: string;
  houseId?: number;
  regionId?: number;
  photoIds: number[];
  anonymous: boolean;
}

export interface ReportResult {
  caseId: number;
  number: string;
  replayed: boolean;
  duplicates: { id: number; number: string; metres: number }[];
}

export interface NotificationItem {
  id: number;
  kind: string;
  caseId: number | null;
  title: string;
  body: string | null;
  createdAt: string;
  read: boolean;
}

export interface PublicMapCase {
  id: number;
  number: string;
  status: CaseStatus;
  lon: number;
  lat: number;
  reportedAt: string;
  categoryName: string;
  place: string | null;
}
