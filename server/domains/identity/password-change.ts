import type { Viewer } from '../../platform/auth/viewer.js';
import { invalid } from '../../platform/errors.js';
import { rateLimited } from '../../platform/rate-limit.js';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { passwordProblem } from '../../platform/auth/password-policy.js';
import type { PasswordChangeBody } from '../../../common/contracts/identity.js';
import type { IdentityDeps } from './identity.deps.js';
import { LOGIN_POLICY } from './login-policy.js';

export type PasswordChangeDeps = Pick<IdentityDeps, 'identity' | 'limits' | 'audit' | 'clock'>;

// A stolen session must not become a way to guess the password at full speed.
const attemptsKey = (userId: number) => `password.change:${userId}`;

/**
 * 修改密码: the current password, then the policy, then "not the same one again". Success drops
 * the must-change flag and ends the user's other sessions (whoever else had the old password
 * and signed in with it is out); the session the change is made in (`sessionToken`) stays.
 */
export async function changePassword(
  deps: PasswordChangeDeps,
  viewer: Viewer,
  change: PasswordChangeBody,
  sessionToken: string | undefined,
) {
  const now = deps.clock.now();
  const attempts = await deps.limits.peek(attemptsKey(viewer.userId), LOGIN_POLICY.passwordChange, now);
  if (attempts.remaining === 0) {
    throw rateLimited(attempts, '当前密码错误次数过多，请稍后再试');
  }
  const user = await deps.identity.userById(viewer.userId);
  if (!user || !(await verifyPassword(user.password_hash, change.currentPassword))) {
    await deps.limits.hit(attemptsKey(viewer.userId), LOGIN_POLICY.passwordChange, now);
    await deps.audit(viewer, { action: 'password_change_failed', entity: 'user', entityId: viewer.userId });
    throw invalid('PASSWORD_WRONG', '当前密码不正确');
  }
  const problem = passwordProblem(change.newPassword, { username: user.username });
  if (problem) throw invalid('PASSWORD_WEAK', problem);
  if (await verifyPassword(user.password_hash, change.newPassword)) {
    throw invalid('PASSWORD_REUSED', '新密码不能与当前密码相同');
  }
  const sessionsEnded = await deps.identity.setPassword(user.id, await hashPassword(change.newPassword), sessionToken, now);
  await deps.limits.clear(attemptsKey(viewer.userId));
  await deps.audit(viewer, {
    action: 'password_changed',
    entity: 'user',
    entityId: user.id,
    detail: { sessionsEnded, wasRequired: user.must_change_password },
  });
}
