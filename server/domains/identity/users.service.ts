import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import type { UserAccount, UserList, UserListQuery } from '../../../common/contracts/identity.js';
import type { IdentityDeps } from './identity.deps.js';
import { LOGIN_POLICY, throttleKey } from './login-policy.js';
import { forgetFailures, type ForgetDeps } from './login-throttle.js';
import type { UsersRepository } from './users.repository.js';
import { presentAccount } from './users.presenter.js';

/**
 * 账号管理: the accounts of an administrator's region subtree with their sign-in state, and the
 * unlock (解除登录限制) that forgets an account's failures. Unlocking is rarely needed, since
 * nothing locks, but it spares the owner the waits and the challenge after a guessing spree.
 */
export interface UsersDeps extends ForgetDeps, Pick<IdentityDeps, 'audit' | 'clock'> {
  /** The accounts of the viewer's scope (narrowed to the region the request asks for). */
  accounts: Pick<UsersRepository, 'list' | 'byId'>;
}

export async function listAccounts(deps: UsersDeps, query: UserListQuery): Promise<UserList> {
  const now = deps.clock.now();
  const filter = { q: query.q || undefined, attention: query.attention, failuresSince: forgottenBefore(now) };
  const { rows, total } = await deps.accounts.list(filter, { offset: offsetOf(query), limit: query.pageSize });
  return { items: rows.map((row) => presentAccount(row, now)), total };
}

export async function unlockAccount(deps: UsersDeps, viewer: Viewer, userId: number): Promise<UserAccount> {
  const now = deps.clock.now();
  const remembered = { failuresSince: forgottenBefore(now) };
  const account = await deps.accounts.byId(remembered, userId);
  if (!account) throw notFound('账号');
  const cleared = await forgetFailures(deps, throttleKey(account.username));
  await deps.audit(viewer, {
    action: 'login_unlocked',
    entity: 'user',
    entityId: account.id,
    detail: { username: account.username, failures: cleared.failures, addresses: cleared.addresses },
  });
  return presentAccount((await deps.accounts.byId(remembered, userId))!, now);
}

/** Failures older than the throttle remembers are not shown. */
export const forgottenBefore = (now: Date) => new Date(now.getTime() - LOGIN_POLICY.failureMemoryMs);
