import { api, ApiError } from '@lib/api';
import type { Page } from '@lib/types';
import type {
  CaseCategory, CaseDetail, CaseSummary, NearbyCase, NotificationItem, PublicMapCase, ReportBody, ReportRegion, ReportResult,
} from './case-types';
import { awaitsWorker } from './grid-queue';

/** The casework calls of the H5 client, one line each, so pages read as what they do. */
export const caseApi = {
  categories: () => api.get<{ items: CaseCategory[] }>('/case-categories').then((r) => r.items),
  regions: () => api.get<{ items: ReportRegion[] }>('/case-regions').then((r) => r.items),
  nearby: (p: { categoryId: number; lat: number; lon: number }, signal?: AbortSignal) =>
    api.get<{ items: NearbyCase[] }>('/cases/nearby', p, signal).then((r) => r.items),
  join: (caseId: number, note?: string) => api.post<{ caseId: number; joined: boolean }>(`/cases/${caseId}/join`, note ? { note } : {}),
  myCases: (page: number, pageSize = 20) => api.get<Page<CaseSummary & { handler: string | null }>>('/me/cases', { page, pageSize }),
  /** 网格员 (grid worker): what waits on them in their grid, soonest deadline first (see grid-queue.ts). */
  gridQueue: async (gridName: string) => {
    const page = await api.get<Page<CaseSummary>>('/cases', { queue: 'mine', sort: 'deadline', pageSize: 100 });
    return page.items.filter((c) => awaitsWorker(c, gridName));
  },
  detail: (id: number) => api.get<CaseDetail>(`/cases/${id}`),
  act: (id: number, body: Record<string, unknown>) => api.post<CaseDetail>(`/cases/${id}/actions`, body),
  answerQuestionnaire: (id: number, body: { fixed: boolean; comment?: string }) =>
    api.post<{ reopened: boolean }>(`/cases/${id}/questionnaire`, body),
  notifications: (page = 1, pageSize = 50) => api.get<Page<NotificationItem> & { unread: number }>('/me/notifications', { page, pageSize }),
  markRead: (id: number) => api.post<{ ok: true }>(`/me/notifications/${id}/read`),
  publicMap: (p: { regionId?: number; days: number }) => api.get<{ items: PublicMapCase[] }>('/public/case-map', p).then((r) => r.items),
};

/** An error of a response the shared fetch wrapper did not make: same shape, same messages. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; details?: Record<string, unknown> } = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy page or a cut connection.
  }
  const message = body.message ?? (response.status >= 500 ? '服务器暂时无法处理请求，请稍后再试' : '请求失败');
  return new ApiError(response.status, body.code ?? `HTTP_${response.status}`, message, body.details);
}

/**
 * POST /api/cases with its Idempotency-Key header (web/lib/api.ts cannot send headers). The
 * server answers 201 for a new case and 200 with the same case for a key it has seen, so a
 * retry after a lost answer never makes a second case.
 */
export async function postReport(key: string, body: ReportBody): Promise<ReportResult> {
  let response: Response;
  try {
    response = await fetch('/api/cases', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (response.status !== 200 && response.status !== 201) throw await apiErrorOf(response);
  return (await response.json()) as ReportResult;
}
