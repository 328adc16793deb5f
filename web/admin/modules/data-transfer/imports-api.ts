import { api, request } from '@lib/api';
import type { ImportJob, ImportJobDetail, ImportKind } from '@common/contracts/exchange';

export const importsApi = {
  start(kind: ImportKind, file: File) {
    const body = new FormData();
    body.append('kind', kind);
    body.append('file', file, file.name);
    return request<{ id: number }>('POST', '/imports', { body });
  },
  get: (id: number | string) => api.get<ImportJobDetail>(`/imports/${id}`),
  async recent(): Promise<ImportJob[]> {
    return (await api.get<{ items: ImportJob[] }>('/imports')).items;
  },
};

export function isRunning(job: Pick<ImportJob, 'status'> | null): boolean {
  return !!job && (job.status === 'queued' || job.status === 'running');
}
