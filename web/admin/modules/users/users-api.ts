import { api, type Query } from '@lib/api';
import type { AccountWithPassword, UpdateUserInput, UserAccount, UserList } from '@common/contracts/identity';
import type { Permission } from '@common/permissions';

/** 账号管理 (server: server/domains/identity/users.routes.ts, permission users.manage). */
export const MANAGE_USERS: Permission[] = ['users.manage'];

export const usersApi = {
  list: (query: Query = {}, signal?: AbortSignal) => api.get<UserList>('/users', query, signal),
  create: (body: Record<string, unknown>) => api.post<AccountWithPassword>('/users', body),
  update: (id: number, body: Partial<UpdateUserInput>) => api.patch<UserAccount>(`/users/${id}`, body),
  resetPassword: (id: number) => api.post<AccountWithPassword>(`/users/${id}/reset-password`),
  unlock: (id: number) => api.post<UserAccount>(`/users/${id}/unlock`),
};
