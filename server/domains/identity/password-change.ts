import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { AppError, invalid } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { passwordProblem } from '../../platform/auth/password-policy.js';
import { writeAudit } from '../../platform/audit.js';
import { clear, hit, peek } from '../../platform/rate-limit.js';
import * as repo from './identity.repository.js';
import { LOGIN_POLICY } from './login-policy.js';

export interface PasswordChangeContext {
  db: Kysely<DB>;
  clock: Clock;
  /** The session the change is made in: it stays; every other session of the user ends. */
  sessionToken: string | undefined;
}

// A stolen session must not become a way to guess the password at full speed.
const attemptsKey = (userId: number) => `password.change:${userId}`;

/**
 * 修改密码: the current password, then the policy, then "not the same one again". Success drops
 * the must-change flag and ends the user's other sessions (whoever else had the old password
 * and signed in with it is out).
 */
export async function changePassword(ctx: PasswordChangeContext, viewer: Viewer, currentPassword: string, newPassword: string) {
  const now = ctx.clock.now();
  const attempts = await peek(ctx.db, attemptsKey(viewer.userId), LOGIN_POLICY.passwordChange, now);
  if (attempts.remaining === 0) {
    throw new AppError(429, 'RATE_LIMITED', '当前密码错误次数过多，请稍后再试', { retryAfterSeconds: attempts.retryAfterSeconds });
  }
  const user = await repo.findUserById(ctx.db, viewer.userId);
  if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
    await hit(ctx.db, attemptsKey(viewer.userId), LOGIN_POLICY.passwordChange, now);
    await writeAudit(ctx.db, viewer, { action: 'password_change_failed', entity: 'user', entityId: viewer.userId });
    throw invalid('PASSWORD_WRONG', '当前密码不正确');
  }
  const problem = passwordProblem(newPassword, { username: user.username });
  if (problem) throw invalid('PASSWORD_WEAK', problem);
  if (await verifyPassword(user.password_hash, newPassword)) {
    throw invalid('PASSWORD_REUSED', '新密码不能与当前密码相同');
  }
  const sessionsEnded = await repo.setPassword(ctx.db, user.id, await hashPassword(newPassword), ctx.sessionToken, now);
  await clear(ctx.db, attemptsKey(viewer.userId));
  await writeAudit(ctx.db, viewer, {
    action: 'password_changed', entity: 'user', entityId: user.id,
    detail: { sessionsEnded, wasRequired: user.must_change_password },
  });
}
