import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import { dummyPasswordHash, verifyPassword } from '../../platform/auth/password.js';
import { permissionsOf } from '../../platform/auth/permissions.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { writeAudit } from '../../platform/audit.js';
import type { Role } from '../../../common/enums.js';
import * as repo from './identity.repository.js';
import { throttleKey } from './login-policy.js';
import { admitTry, challengeFor, invalidCredentials, recordFailure, recordSuccess, type ThrottleContext } from './login-throttle.js';
import type { ChallengeSolution } from './login-challenge.js';
import { issueDeviceToken, trustedDeviceId } from './trusted-device.js';

export interface LoginContext {
  db: Kysely<DB>;
  clock: Clock;
  sessionTtlMs: number;
  ip: string;
  /** The browser's trusted-device cookie, if it sent one (trusted-device.ts). */
  deviceToken?: string;
}

export interface LoginInput {
  username: string;
  password: string;
  challenge?: ChallengeSolution;
}

// One key per database; made on first use (identity.repository.ts signingKey).
const keys = new WeakMap<Kysely<DB>, Promise<Buffer>>();
export function keyOf(db: Kysely<DB>): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = repo.signingKey(db);
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

async function throttleContext(ctx: LoginContext): Promise<ThrottleContext> {
  return { db: ctx.db, now: ctx.clock.now(), ip: ctx.ip, key: await keyOf(ctx.db) };
}

/**
 * Signs a user in. Every refusal is the same for an unknown username as for a known one (same
 * status, code, message and details) and costs the same argon2 check, so answers tell nothing
 * about which accounts exist. There is no lock: login-throttle.ts only makes tries wait and,
 * after five failures, asks for a solved challenge.
 */
export async function login(ctx: LoginContext, input: LoginInput): Promise<{ token: string; deviceToken: string }> {
  const throttle = await throttleContext(ctx);
  const username = throttleKey(input.username);
  const deviceId = trustedDeviceId(throttle.key, ctx.deviceToken, username, throttle.now);
  const admitted = await admitTry(throttle, { username, deviceId, challenge: input.challenge });

  const user = await repo.findUserByUsername(ctx.db, input.username.trim());
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || !user.active) {
    await recordFailure(throttle, admitted);
    // A name with no account is audited too (user_id NULL): guessing at names is worth seeing.
    await writeAudit(ctx.db, actor(user?.id ?? null, user?.username ?? input.username.trim().slice(0, 64), ctx.ip), {
      action: 'login_failed', entity: 'user', entityId: user?.id,
      detail: { failures: admitted.failuresIfWrong, trustedDevice: admitted.trustedDevice, ...(user ? {} : { unknownUser: true }) },
    });
    throw invalidCredentials(admitted.failuresIfWrong);
  }
  await recordSuccess(throttle, admitted);
  const token = randomBytes(32).toString('base64url');
  await repo.createSession(ctx.db, user.id, token, ctx.sessionTtlMs);
  await writeAudit(ctx.db, actor(user.id, user.username, ctx.ip), {
    action: 'login', entity: 'user', entityId: user.id, detail: { trustedDevice: admitted.trustedDevice },
  });
  // A browser keeps its device token; one that signs in as someone else is trusted for them.
  const deviceToken = deviceId ? ctx.deviceToken! : issueDeviceToken(throttle.key, username, throttle.now);
  return { token, deviceToken };
}

/** A proof-of-work challenge for the next try of a username (the same for any username). */
export async function loginChallenge(ctx: LoginContext, typedUsername: string) {
  const throttle = await throttleContext(ctx);
  const username = throttleKey(typedUsername);
  return challengeFor(throttle, username, trustedDeviceId(throttle.key, ctx.deviceToken, username, throttle.now));
}

/** audit.ts takes a viewer; a sign-in try has only a name, maybe an account, and an address. */
function actor(userId: number | null, username: string, ip: string): Pick<Viewer, 'userId' | 'username' | 'ip'> {
  // writeAudit stores a missing id as NULL (audit_log.user_id is nullable).
  return { userId: userId as number, username, ip };
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
    mustChangePassword: row.must_change_password,
    ip,
  };
}

/**
 * Production mode holds a user whose password someone else knows (a demo account, a generated
 * initial password) to changing it; demo mode only says so, so that the demo keeps working
 * with the password its banner prints.
 */
export const passwordChangeEnforced = (viewer: Viewer, mode: Config['mode']) =>
  viewer.mustChangePassword && mode === 'production';

export function presentMe(viewer: Viewer, mode: Config['mode']) {
  return {
    id: viewer.userId,
    username: viewer.username,
    displayName: viewer.displayName,
    role: viewer.role,
    region: { id: viewer.regionId, code: viewer.regionCode, name: viewer.regionName, level: viewer.regionLevel },
    permissions: [...viewer.permissions],
    mustChangePassword: viewer.mustChangePassword,
    passwordChangeEnforced: passwordChangeEnforced(viewer, mode),
  };
}
