import { api, request } from '@lib/api';
import type { ImportJob, ImportKind } from '@lib/types';

export const importsApi = {
  start(kind: ImportKind, file: File) {
    const body = new FormData();
    body.append('kind', kind);
    body.append('file', file, file.name);
    return request<{ id: number | string }>('POST', '/imports', { body });
  },
  get: (id: number | string) => api.get<ImportJob>(`/imports/${id}`),
  /** Accepts either a bare array or {items} from the server. */
  async recent(): Promise<ImportJob[]> {
    const result = await api.get<ImportJob[] | { items: ImportJob[] }>('/imports');
    return Array.isArray(result) ? result : result.items ?? [];
  },
};

export function isRunning(job: ImportJob | null): boolean {
  return !!job && (job.status === 'queued' || job.status === 'running');
}
