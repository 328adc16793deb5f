import { api } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import type {
  CaseCategory,
  CaseDetail,
  CaseSummary,
  NearbyCase,
  PublicMapCase,
  ReportCaseBody,
  ReportRegion,
  ReportResult,
} from '@common/contracts/cases';
import type { NotificationItem } from '@common/contracts/case-desk';

/** The casework calls of the H5 client, one line each, so pages read as what they do. */
export const caseApi = {
  categories: () => api.get<{ items: CaseCategory[] }>('/case-categories').then((r) => r.items),
  regions: () => api.get<{ items: ReportRegion[] }>('/case-regions').then((r) => r.items),
  nearby: (p: { categoryId: number; lat: number; lon: number }, signal?: AbortSignal) =>
    api.get<{ items: NearbyCase[] }>('/cases/nearby', p, signal).then((r) => r.items),
  join: (caseId: number, note?: string) => api.post<{ caseId: number; joined: boolean }>(`/cases/${caseId}/join`, note ? { note } : {}),
  myCases: (page: number, pageSize = 20) => api.get<Page<CaseSummary & { handler: string | null }>>('/me/cases', { page, pageSize }),
  /** 网格员 (grid worker): what the grid must sign, handle or check (核查), soonest deadline first. */
  gridQueue: () => api.get<Page<CaseSummary>>('/cases', { queue: 'mine', sort: 'deadline', pageSize: 100 }).then((page) => page.items),
  detail: (id: number) => api.get<CaseDetail>(`/cases/${id}`),
  act: (id: number, body: Record<string, unknown>) => api.post<CaseDetail>(`/cases/${id}/actions`, body),
  answerQuestionnaire: (id: number, body: { fixed: boolean; comment?: string }) =>
    api.post<{ reopened: boolean }>(`/cases/${id}/questionnaire`, body),
  notifications: (page = 1, pageSize = 50) => api.get<Page<NotificationItem> & { unread: number }>('/me/notifications', { page, pageSize }),
  markRead: (id: number) => api.post<{ ok: true }>(`/me/notifications/${id}/read`),
  publicMap: (p: { regionId?: number; days: number }) => api.get<{ items: PublicMapCase[] }>('/public/case-map', p).then((r) => r.items),
};

/**
 * POST /api/cases with its Idempotency-Key: the server answers 201 for a new case and 200 with
 * the same case for a key it has seen, so a retry after a lost answer never makes a second case.
 * The outbox sends in the background and handles a lost session itself, so no 401 redirect.
 */
export const postReport = (key: string, body: ReportCaseBody) =>
  api.post<ReportResult>('/cases', body, { headers: { 'Idempotency-Key': key }, redirectOn401: false });
