import { api, ApiError, type Query } from '@lib/api';
import type { Page } from '@lib/types';
import type {
  ActionBody, BulkDispatchResult, CaseCategory, CaseDetail, CaseSummary, HotlineOrderInput, ReportResult, TargetInput, UploadedPhoto,
} from './types';

/** The casework endpoints the admin uses (server/domains/cases/cases.routes.ts). */
export const casesApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<Page<CaseSummary>>('/cases', query, signal),
  get: (id: number) => api.get<CaseDetail>(`/cases/${id}`),
  /** Open cases with a location (the server caps the list at 200, nearest deadline first). */
  map: (regionId?: string) => api.get<Page<CaseSummary>>('/cases/map', { regionId }),
  /** Answers with the case as it stands after the step, so the page needs no second request. */
  act: (id: number, body: ActionBody) => api.post<CaseDetail>(`/cases/${id}/actions`, body),
  bulkDispatch: (caseIds: number[], target?: TargetInput, reason?: string) =>
    api.post<BulkDispatchResult>('/cases/bulk-dispatch', { caseIds, target, reason }),
  categories: () => api.get<{ items: CaseCategory[] }>('/case-categories'),
  uploadPhoto: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<UploadedPhoto>('/case-photos', form);
  },
  /** A 12345 order; the key makes a retried submit return the case the first one made. */
  createHotlineOrder: (input: HotlineOrderInput, idempotencyKey: string) => postWithKey<ReportResult>('/cases', input, idempotencyKey),
};

/**
 * POST with an Idempotency-Key header. lib/api.ts takes no headers, so this is the one call that
 * uses fetch itself; its errors are the same ApiError the rest of the client shows.
 */
async function postWithKey<T>(path: string, body: unknown, key: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, json.code ?? `HTTP_${response.status}`, json.message ?? '请求失败', json.details);
  }
  return json as T;
}

/**
 * A fresh Idempotency-Key (8–80 of A–Z a–z 0–9 - _). crypto.getRandomValues works on plain
 * http too, where randomUUID does not (a county intranet is often served without TLS).
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `hotline-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
