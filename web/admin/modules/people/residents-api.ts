import { api, type Query } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import type { RevealedNumber } from '@common/contracts/reveal';
import type {
  CreateResidentBody,
  MoveInput,
  ResidentDetail,
  ResidentItem,
  RevealResidentInput,
  SpecialGroupRecord,
  UpdateResidentInput,
} from '@common/contracts/people';

export const RESIDENT_FILTERS = ['q', 'regionId', 'tag', 'populationType', 'ageBand', 'houseUse', 'includeMovedOut'] as const;

export const residentsApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<Page<ResidentItem>>('/residents', query, signal),
  get: (id: number) => api.get<ResidentDetail>(`/residents/${id}`),
  create: (input: CreateResidentBody) => api.post<ResidentDetail>('/residents', input),
  update: (id: number, input: UpdateResidentInput) => api.patch<ResidentDetail>(`/residents/${id}`, input),
  recordMove: (id: number, move: MoveInput) => api.post<ResidentDetail>(`/residents/${id}/moves`, move),
  /** 查看完整号码: the server counts and audits every call, with its reason. */
  reveal: (id: number, input: RevealResidentInput) => api.post<RevealedNumber>(`/residents/${id}/reveal`, input),
  /** Restricted: the server writes an audit entry for every call. */
  specialGroups: (id: number) => api.get<SpecialGroupRecord[]>(`/residents/${id}/special-groups`),
};
