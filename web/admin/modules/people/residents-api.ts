import { api, type Query } from '@lib/api';
import type { Page, ResidentDetail, ResidentInput, ResidentItem, ResidentMove, SpecialGroupRecord } from '@lib/types';

export const RESIDENT_FILTERS = ['q', 'regionId', 'tag', 'populationType', 'ageBand', 'houseUse', 'includeMovedOut'] as const;

export const residentsApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<Page<ResidentItem>>('/residents', query, signal),
  get: (id: number) => api.get<ResidentDetail>(`/residents/${id}`),
  create: (input: ResidentInput) => api.post<ResidentDetail>('/residents', input),
  update: (id: number, input: ResidentInput) => api.patch<ResidentDetail>(`/residents/${id}`, input),
  recordMove: (id: number, move: ResidentMove) => api.post<unknown>(`/residents/${id}/moves`, move),
  /** Restricted: the server writes an audit entry for every call. */
  specialGroups: (id: number) => api.get<SpecialGroupRecord[]>(`/residents/${id}/special-groups`),
};
