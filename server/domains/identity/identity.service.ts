import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { dummyPasswordHash, verifyPassword } from '../../platform/auth/password.js';
import { permissionsOf } from '../../platform/auth/permissions.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Role } from '../../../common/enums.js';
import type { LoginBody, LoginChallenge } from '../../../common/contracts/identity.js';
import type { IdentityDeps } from './identity.deps.js';
import { identityRepository, type IdentityRepository, type NewUser, type UserWithRegion } from './identity.repository.js';
import { SessionCache } from './session-cache.js';
import { throttleKey } from './login-policy.js';
import {
  admitTry,
  challengeFor,
  invalidCredentials,
  recordFailure,
  recordSuccess,
  type AddressLimits,
  type ThrottleContext,
} from './login-throttle.js';
import { issueDeviceToken, trustedDeviceId } from './trusted-device.js';

/** The browser a sign-in try comes from: its address, and its trusted-device cookie if it sent one (trusted-device.ts). */
export interface SignInClient {
  ip: string;
  deviceToken?: string;
  /** This request's address limits (login-limits.ts). */
  addressLimits: AddressLimits;
}

async function throttleContext(deps: IdentityDeps, client: SignInClient): Promise<ThrottleContext> {
  return {
    failures: deps.failures,
    limits: deps.limits,
    now: deps.clock.now(),
    ip: client.ip,
    key: await deps.signingKey(),
    addressLimits: client.addressLimits,
  };
}

/**
 * Signs a user in. Every refusal is the same for an unknown username as for a known one (same
 * status, code, message and details) and costs the same argon2 check, so answers tell nothing
 * about which accounts exist. There is no lock: login-throttle.ts only makes tries wait and,
 * after five failures, asks for a solved challenge.
 */
export async function login(deps: IdentityDeps, client: SignInClient, input: LoginBody): Promise<{ token: string; deviceToken: string }> {
  const throttle = await throttleContext(deps, client);
  const username = throttleKey(input.username);
  const deviceId = trustedDeviceId(throttle.key, client.deviceToken, username, throttle.now);
  const admitted = await admitTry(throttle, { username, deviceId, challenge: input.challenge });

  const user = await deps.identity.userByUsername(input.username.trim());
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || !user.active) {
    await recordFailure(throttle, admitted);
    // A name with no account is audited too (user_id NULL): guessing at names is worth seeing.
    await deps.audit(
      { userId: user?.id ?? null, username: user?.username ?? input.username.trim().slice(0, 64), ip: client.ip },
      {
        action: 'login_failed',
        entity: 'user',
        entityId: user?.id,
        detail: { failures: admitted.failuresIfWrong, trustedDevice: admitted.trustedDevice, ...(user ? {} : { unknownUser: true }) },
      },
    );
    throw invalidCredentials(admitted.failuresIfWrong);
  }
  await recordSuccess(throttle, admitted);
  const token = randomBytes(32).toString('base64url');
  await deps.identity.createSession(user.id, token, deps.sessionTtlMs);
  await deps.audit(
    { userId: user.id, username: user.username, ip: client.ip },
    {
      action: 'login',
      entity: 'user',
      entityId: user.id,
      detail: { trustedDevice: admitted.trustedDevice },
    },
  );
  // A browser keeps its device token; one that signs in as someone else is trusted for them.
  const deviceToken = deviceId ? client.deviceToken! : issueDeviceToken(throttle.key, username, throttle.now);
  return { token, deviceToken };
}

/** A proof-of-work challenge for the next try of a username (the same for any username). */
export async function loginChallenge(deps: IdentityDeps, client: SignInClient, typedUsername: string): Promise<LoginChallenge> {
  const throttle = await throttleContext(deps, client);
  const username = throttleKey(typedUsername);
  return challengeFor(throttle, username, trustedDeviceId(throttle.key, client.deviceToken, username, throttle.now));
}

/** This process's cache of session viewers over the database (session-cache.ts): app.ts makes one. */
export function sessionViewers(db: Kysely<DB>) {
  const identity = identityRepository(db);
  return new SessionCache((token: string) => identity.sessionUser(token));
}
export type SessionViewers = ReturnType<typeof sessionViewers>;

/** The viewer behind a session cookie, or null (no such session, expired, or a deactivated account). */
export async function viewerFromSession(sessions: SessionViewers, token: string, ip?: string): Promise<Viewer | null> {
  return (await sessionOf(sessions, token, ip))?.viewer ?? null;
}

/** The session behind a cookie with its expiry, for what outlives a request (a live event stream); null as viewerFromSession. */
export async function sessionOf(sessions: SessionViewers, token: string, ip?: string): Promise<{ viewer: Viewer; expiresAt: Date } | null> {
  const row = await sessions.session(token);
  return row && row.active ? { viewer: toViewer(row, ip), expiresAt: row.expires_at } : null;
}

/** The viewer a background job acts as: the user who started it, with today's role and region. */
export async function viewerOfUser(db: Kysely<DB>, userId: number): Promise<Viewer | null> {
  const row = await identityRepository(db).userWithRegion(userId);
  return row && row.active ? toViewer(row) : null;
}

function toViewer(row: UserWithRegion, ip?: string): Viewer {
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
 * An account in the region with this 区划代码, created or refreshed by username (`civicgrid user
 * create`); answers the region's name, for the command to print.
 */
export async function createAccount(
  identity: IdentityRepository,
  account: Omit<NewUser, 'region_id'> & { regionCode: string },
): Promise<{ regionName: string }> {
  const { regionCode, ...user } = account;
  const region = await identity.regionByCode(regionCode);
  if (!region) throw new Error(`区划代码 ${regionCode} 不存在`);
  await identity.upsertUser({ ...user, region_id: region.id });
  return { regionName: region.name };
}
