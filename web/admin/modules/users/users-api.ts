import { api, type Query } from '@lib/api';
import type { UserAccount, UserList } from '@common/contracts/identity';
import type { Permission } from '@common/permissions';

/** 账号管理 (server: server/domains/identity/users.routes.ts, permission users.manage). */
export const MANAGE_USERS: Permission[] = ['users.manage'];

export const usersApi = {
  list: (query: Query = {}, signal?: AbortSignal) => api.get<UserList>('/users', query, signal),
  unlock: (id: number) => api.post<UserAccount>(`/users/${id}/unlock`),
};
