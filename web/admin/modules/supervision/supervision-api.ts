import { api, type Query } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import type { CaseStatistics, SupervisionBoard, SupervisionNotice } from '@common/contracts/case-desk';

/** 督办 and 考评 endpoints (server/domains/cases/desk.routes.ts). */
export const supervisionApi = {
  board: (regionId?: string) => api.get<SupervisionBoard>('/supervision/board', { regionId }),
  notices: (query: Query, signal?: AbortSignal) => api.get<Page<SupervisionNotice>>('/supervision/notices', query, signal),
  acknowledge: (id: number) => api.post<{ ok: true }>(`/supervision/notices/${id}/acknowledge`),
  statistics: (query: { from: string; to: string; regionId?: string }) => api.get<CaseStatistics>('/case-statistics', query),
};
