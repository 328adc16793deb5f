/**
 * Shapes only the H5 client reads (where to report, what it sends, its inbox, the public map);
 * the case itself is in web/lib/case-types.ts, shared with the admin.
 */
import type { CaseStatus, RegionLevel } from '@common/enums';
import type { CaseFormField } from '@lib/case-types';

export type {
  CaseCategory, CaseDetail, CaseEvent, CaseFormField, CasePhoto, CaseSummary, NearbyCase, ReportResult,
  ClockColour as Clock, CaseSourceEntry as CaseSourceLine,
} from '@lib/case-types';
export type FieldType = CaseFormField['type'];

export interface ReportRegion {
  id: number;
  parentId: number | null;
  name: string;
  level: RegionLevel;
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
