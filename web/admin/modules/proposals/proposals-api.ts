import { api, type Query } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import type { ProposalAction, ProposalDetail, ProposalItem, ProposalSession, ProposalStatistics } from '@common/contracts/proposals';
import type { Permission } from '@common/permissions';

/** Who opens the proposal pages (server: proposals.* in server/platform/auth/permissions.ts). */
export const READ_PROPOSALS: Permission[] = ['proposals.read'];
export const MANAGE_PROPOSALS: Permission[] = ['proposals.manage'];
export const HANDLE_PROPOSALS: Permission[] = ['proposals.handle'];

/** The path of each action's route (server: proposals.routes.ts). */
const ACTION_PATHS: Record<ProposalAction, string> = {
  review: 'review',
  assign: 'assign',
  return: 'return',
  opinion: 'opinion',
  reply: 'reply',
  extend: 'extension',
  feedback: 'feedback',
  evaluate: 'evaluation',
};

export const proposalsApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<Page<ProposalItem>>('/proposals', query, signal),
  get: (id: number) => api.get<ProposalDetail>(`/proposals/${id}`),
  sessions: () => api.get<{ items: ProposalSession[] }>('/proposal-sessions'),
  createSession: (body: object) => api.post<{ items: ProposalSession[] }>('/proposal-sessions', body),
  register: (body: object) => api.post<ProposalDetail>('/proposals', body),
  act: (id: number, action: ProposalAction, body: object) => api.post<ProposalDetail>(`/proposals/${id}/${ACTION_PATHS[action]}`, body),
  statistics: (query: Query) => api.get<ProposalStatistics>('/proposals/statistics', query),
};
