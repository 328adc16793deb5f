import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/paging.js';
import { scopePath } from '../../platform/scope.js';
import { writeAudit } from '../../platform/audit.js';
import type { Role } from '../../../common/enums.js';
import type { UserAccount } from '../../../common/contracts/identity.js';
import { LOGIN_POLICY, throttleKey } from './login-policy.js';
import { failureSummary, forgetFailures } from './login-throttle.js';
import * as repo from './users.repository.js';

/**
 * 账号管理: the accounts of an administrator's region subtree with their sign-in state, and the
 * unlock (解除登录限制) that forgets an account's failures. Unlocking is rarely needed, since
 * nothing locks, but it spares the owner the waits and the challenge after a guessing spree.
 */
export interface UsersContext { db: Kysely<DB>; clock: Clock }

export interface AccountQuery { q?: string; regionId?: number; attention: boolean; page: number; pageSize: number }

export async function listAccounts(ctx: UsersContext, viewer: Viewer, query: AccountQuery) {
  const now = ctx.clock.now();
  const filter = {
    scopePath: await scopePath(ctx.db, viewer, query.regionId),
    q: query.q || undefined,
    attention: query.attention,
    failuresSince: forgottenBefore(now),
  };
  const { rows, counted } = repo.listAccounts(ctx.db, filter, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  const page = await pageOf(rows, counted);
  return { items: page.rows.map((row) => presentAccount(row, now)), total: page.total };
}

export async function unlockAccount(ctx: UsersContext, viewer: Viewer, userId: number) {
  const now = ctx.clock.now();
  const scope = { scopePath: viewer.regionPath, failuresSince: forgottenBefore(now) };
  const account = await repo.findAccount(ctx.db, scope, userId);
  if (!account) throw notFound('账号');
  const cleared = await forgetFailures(ctx.db, throttleKey(account.username));
  await writeAudit(ctx.db, viewer, {
    action: 'login_unlocked', entity: 'user', entityId: account.id,
    detail: { username: account.username, failures: cleared.failures, addresses: cleared.addresses },
  });
  return presentAccount((await repo.findAccount(ctx.db, scope, userId))!, now);
}

const forgottenBefore = (now: Date) => new Date(now.getTime() - LOGIN_POLICY.failureMemoryMs);

function presentAccount(row: repo.AccountRow, now: Date): UserAccount {
  const state = row.failures !== null && row.last_failed_at !== null
    ? { failures: row.failures, lastFailedAt: row.last_failed_at } : undefined;
  const summary = failureSummary(state, now);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    region: { id: row.region_id, name: row.region_name },
    active: row.active,
    failures: summary.failures,
    lastFailedAt: summary.lastFailedAt?.toISOString() ?? null,
    challengeRequired: summary.challengeRequired,
    retryAfterSeconds: summary.retryAfterSeconds,
    mustChangePassword: row.must_change_password,
    passwordChangedAt: row.password_changed_at?.toISOString() ?? null,
  };
}
