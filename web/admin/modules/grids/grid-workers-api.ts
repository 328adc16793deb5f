import { api } from '@lib/api';
import type { GridWorkerAccount, GridWorkerInput, UpdateGridWorkerInput } from '@common/contracts/grid-workers';
import type { GridWorker } from '@common/contracts/regions';
import type { RevealedNumber } from '@common/contracts/reveal';

/** The 网格员 routes of one grid (server/domains/regions/grid-workers.routes.ts). */
export const gridWorkersApi = (gridId: number) => ({
  create: (body: GridWorkerInput, idempotencyKey: string) =>
    api.post<GridWorker>(`/grids/${gridId}/workers`, body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  update: (workerId: number, body: UpdateGridWorkerInput) => api.patch<GridWorker>(`/grids/${gridId}/workers/${workerId}`, body),
  remove: (workerId: number) => api.del<void>(`/grids/${gridId}/workers/${workerId}`),
  reveal: async (workerId: number, reason: string) =>
    (await api.post<RevealedNumber>(`/grids/${gridId}/workers/${workerId}/reveal`, { reason })).value,
  accounts: async () => (await api.get<{ items: GridWorkerAccount[] }>(`/grids/${gridId}/worker-accounts`)).items,
});
