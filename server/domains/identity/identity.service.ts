import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { dummyPasswordHash, verifyPassword } from '../../platform/auth/password.js';
import { permissionsOf } from '../../platform/auth/permissions.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { writeAudit } from '../../platform/audit.js';
import type { Role } from '../../../common/enums.js';
import * as repo from './identity.repository.js';
import type { LoginThrottle } from './login-throttle.js';

// 5 wrong passwords lock the account for 15 minutes (等保 2.0: 登录失败处理).
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

export interface LoginContext { db: Kysely<DB>; throttle: LoginThrottle; sessionTtlMs: number; ip: string }

export async function login(ctx: LoginContext, username: string, password: string) {
  const retryAfter = ctx.throttle.retryAfterSeconds(ctx.ip);
  if (retryAfter > 0) {
    throw new AppError(429, 'RATE_LIMITED', '登录尝试过于频繁，请稍后再试', { retryAfterSeconds: retryAfter });
  }
  const user = await repo.findUserByUsername(ctx.db, username);
  if (user?.locked_until && user.locked_until > new Date()) {
    throw lockedError(user.locked_until);
  }
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || !user.active) {
    // Each failure from this address slows the next answer a little more.
    await ctx.throttle.failed(ctx.ip);
    if (user) {
      const after = await repo.recordFailedLogin(ctx.db, user.id, LOCK_AFTER_FAILURES, LOCK_MS);
      await writeAudit(ctx.db, { userId: user.id, username: user.username, ip: ctx.ip }, {
        action: 'login_failed', entity: 'user', entityId: user.id, detail: { failedLogins: after.failed_logins },
      });
      if (after.locked_until && after.locked_until > new Date()) throw lockedError(after.locked_until);
    }
    throw new AppError(401, 'AUTH_INVALID', '用户名或密码错误');
  }
  ctx.throttle.succeeded(ctx.ip);
  await repo.clearFailedLogins(ctx.db, user.id);
  const token = randomBytes(32).toString('base64url');
  await repo.createSession(ctx.db, user.id, token, ctx.sessionTtlMs);
  await writeAudit(ctx.db, { userId: user.id, username: user.username, ip: ctx.ip }, { action: 'login', entity: 'user', entityId: user.id });
  return { token };
}

function lockedError(until: Date) {
  const retryAfterSeconds = Math.ceil((until.getTime() - Date.now()) / 1000);
  return new AppError(423, 'AUTH_LOCKED', `密码错误次数过多，账号已锁定，请${Math.ceil(retryAfterSeconds / 60)}分钟后再试`, { retryAfterSeconds });
}

export async function viewerFromSession(db: Kysely<DB>, token: string, ip?: string): Promise<Viewer | null> {
  const row = await repo.findSessionUser(db, token);
  return row && row.active ? toViewer(row, ip) : null;
}

/** The viewer a background job acts as: the user who started it, with today's role and region. */
export async function viewerOfUser(db: Kysely<DB>, userId: number): Promise<Viewer | null> {
  const row = await repo.findUserWithRegion(db, userId);
  return row && row.active ? toViewer(row) : null;
}

function toViewer(row: repo.UserWithRegion, ip?: string): Viewer {
  const role = row.role as Role;
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role,
    regionId: row.region_id,
    regionPath: row.region_path,
    regionName: row.region_name,
    regionCode: row.region_code,
    regionLevel: row.region_level,
    propertyCompanyId: row.property_company_id,
    residentId: row.resident_id,
    orgUnitId: row.org_unit_id,
    permissions: permissionsOf(role),
    ip,
  };
}

export function presentMe(viewer: Viewer) {
  return {
    id: viewer.userId,
    username: viewer.username,
    displayName: viewer.displayName,
    role: viewer.role,
    region: { id: viewer.regionId, code: viewer.regionCode, name: viewer.regionName, level: viewer.regionLevel },
    permissions: [...viewer.permissions],
  };
}
