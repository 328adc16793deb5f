import { api, type Query } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import type {
  ActionBody,
  BulkDispatchResult,
  CaseCategory,
  CaseDetail,
  CaseLeft,
  CaseSummary,
  CaseTotals,
  DeskReportBody,
  ReportResult,
  TargetInput,
  UploadedPhoto,
} from '@common/contracts/cases';

/** The casework endpoints the admin uses (server/domains/cases/cases.routes.ts). */
export const casesApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<Page<CaseSummary>>('/cases', query, signal),
  /** Every workbench tab's total under the filters, in one request. */
  totals: (query: Query, signal?: AbortSignal) => api.get<CaseTotals>('/cases/totals', query, signal),
  get: (id: number) => api.get<CaseDetail>(`/cases/${id}`),
  /** Open cases with a location (the server caps the list at 200, nearest deadline first). */
  map: (regionId?: string) => api.get<Page<CaseSummary>>('/cases/map', { regionId }),
  /**
   * Answers with the case as it stands after the step, so the page needs no second request; or
   * with `left` when the step took the case off the viewer's desk (a unit's 退回).
   */
  act: (id: number, body: ActionBody) => api.post<CaseDetail | CaseLeft>(`/cases/${id}/actions`, body),
  bulkDispatch: (caseIds: number[], target?: TargetInput, reason?: string) =>
    api.post<BulkDispatchResult>('/cases/bulk-dispatch', { caseIds, target, reason }),
  categories: () => api.get<{ items: CaseCategory[] }>('/case-categories'),
  uploadPhoto: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<UploadedPhoto>('/case-photos', form);
  },
  /** A 12345 order; the key makes a retried submit return the case the first one made. */
  createHotlineOrder: (input: DeskReportBody, idempotencyKey: string) =>
    api.post<ReportResult>('/cases', input, { headers: { 'Idempotency-Key': idempotencyKey } }),
};
