import { beforeAll, describe, expect, it } from 'vitest';
import { fakeViewer } from '../../test/fakes.js';
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../platform/auth/password.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { AuditActor, AuditEntry } from '../../platform/audit.js';
import type { RateCount, RateWindow } from '../../platform/rate-limit.js';
import { manualClock } from '../../platform/clock.js';
import type { IdentityDeps } from './identity.deps.js';
import type { IdentityRepository, UserRow } from './identity.repository.js';
import type { FailureBucket, LoginFailuresRepository } from './login-failures.repository.js';
import { LOGIN_POLICY, throttleKey, type FailureState } from './login-policy.js';
import { addressKey, pairKey } from './login-throttle.js';
import { login } from './identity.service.js';
import { changePassword } from './password-change.js';
import { issueDeviceToken } from './trusted-device.js';

/**
 * Signing in and changing a password with fake repositories: what is refused, counted, audited
 * and kept. The whole sequence through the API and a real database: identity.int.test.ts.
 */
const PASSWORD = 'Right#2026pass';
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

const account = (over: Partial<UserRow> = {}): UserRow => ({
  id: 7,
  username: 'jinyuan.staff',
  password_hash: passwordHash,
  display_name: '锦源社区工作人员',
  role: 'community_staff',
  region_id: 3,
  org_unit_id: null,
  property_company_id: null,
  resident_id: null,
  active: true,
  must_change_password: false,
  password_changed_at: null,
  created_at: new Date('2026-01-01T00:00:00Z'),
  ...over,
});

/** In-memory state of everything the services write, and the deps over it. */
function world(users: UserRow[]) {
  const key = randomBytes(32);
  const sessions: { userId: number; token: string }[] = [];
  const audited: { actor: AuditActor; entry: AuditEntry }[] = [];
  const failures = new Map<string, FailureState>();
  const hits = new Map<string, number>();
  const passwords: { userId: number; keepToken: string | undefined }[] = [];
  const bucketKey = (b: FailureBucket) => `${b.username}|${b.deviceId}`;
  const count = (key: string, window: RateWindow): RateCount => {
    const n = hits.get(key) ?? 0;
    return {
      count: n,
      limit: window.limit,
      remaining: Math.max(0, window.limit - n),
      exceeded: n > window.limit,
      resetAt: null,
      retryAfterSeconds: n ? 60 : 0,
    };
  };
  const identity: Partial<IdentityRepository> = {
    userByUsername: async (name) => users.find((u) => u.username === name),
    userById: async (id) => users.find((u) => u.id === id),
    createSession: async (userId, token) => {
      sessions.push({ userId, token });
    },
    setPassword: async (userId, _hash, keepToken) => {
      passwords.push({ userId, keepToken });
      return 2;
    },
  };
  const failuresRepo: Partial<LoginFailuresRepository> = {
    find: async (b) => failures.get(bucketKey(b)),
    claimTry: async (b, _seen, n, now) => {
      failures.set(bucketKey(b), { failures: n, lastFailedAt: now });
      return true;
    },
    clearBucket: async (b) => {
      failures.delete(bucketKey(b));
    },
    sweepForgotten: async () => {},
  };
  const deps: IdentityDeps = {
    identity: identity as IdentityRepository,
    failures: failuresRepo as LoginFailuresRepository,
    limits: {
      hit: async (k, w) => {
        hits.set(k, (hits.get(k) ?? 0) + 1);
        return count(k, w);
      },
      peek: async (k, w) => count(k, w),
      clear: async (k) => {
        hits.delete(k);
      },
      clearPrefix: async () => 0,
    },
    audit: async (actor, entry) => {
      audited.push({ actor, entry });
    },
    clock: manualClock('2026-03-02T08:00:00+08:00'),
    signingKey: async () => key,
    sessionTtlMs: 3600_000,
  };
  /** The address limits as login-limits.ts keys them, counted in `hits` like the other counters. */
  const limitOf = (key: string, window: RateWindow) => ({
    peek: async () => count(key, window),
    hit: async () => {
      hits.set(key, (hits.get(key) ?? 0) + 1);
      return count(key, window);
    },
  });
  /** One sign-in from 10.1.2.3, as the route hands it to login(). */
  const signIn = (input: { username: string; password: string }, deviceToken?: string) =>
    login(
      deps,
      {
        ip: IP,
        deviceToken,
        addressLimits: {
          address: limitOf(addressKey(IP), LOGIN_POLICY.address),
          pair: limitOf(pairKey(throttleKey(input.username), IP), LOGIN_POLICY.pair),
        },
      },
      input,
    );
  return { deps, key, sessions, audited, failures, hits, passwords, signIn };
}

const IP = '10.1.2.3';

describe('login', () => {
  it('opens a session for the right password, forgets the failures, audits it and trusts the browser', async () => {
    const w = world([account()]);
    // Two typing slips an hour ago: answered without a wait, and forgotten by the success.
    w.failures.set('jinyuan.staff|', { failures: 2, lastFailedAt: new Date('2026-03-01T23:00:00Z') });
    const { token, deviceToken } = await w.signIn({ username: 'jinyuan.staff', password: PASSWORD });
    expect(w.sessions).toEqual([{ userId: 7, token }]);
    expect(w.failures.size).toBe(0);
    expect(w.audited).toEqual([
      { actor: { userId: 7, username: 'jinyuan.staff', ip: '10.1.2.3' }, entry: expect.objectContaining({ action: 'login', entityId: 7 }) },
    ]);
    expect(deviceToken).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it('keeps the device token of a browser already trusted for the name', async () => {
    const w = world([account()]);
    const trusted = issueDeviceToken(w.key, 'jinyuan.staff', w.deps.clock.now());
    const { deviceToken } = await w.signIn({ username: 'jinyuan.staff', password: PASSWORD }, trusted);
    expect(deviceToken).toBe(trusted);
    expect(w.audited[0].entry.detail).toEqual({ trustedDevice: true });
  });

  it('refuses an unknown name exactly as a wrong password, counting and auditing both', async () => {
    const w = world([account()]);
    const wrong = await w.signIn({ username: 'jinyuan.staff', password: 'nope' }).catch((e) => e);
    const unknown = await w.signIn({ username: 'nobody', password: 'nope' }).catch((e) => e);
    for (const refusal of [wrong, unknown])
      expect(refusal).toMatchObject({ status: 401, code: 'AUTH_INVALID', details: { retryAfterSeconds: 0, challengeRequired: false } });
    expect(w.sessions).toEqual([]);
    expect(w.audited.map((a) => [a.actor, a.entry.detail])).toEqual([
      [
        { userId: 7, username: 'jinyuan.staff', ip: '10.1.2.3' },
        { failures: 1, trustedDevice: false },
      ],
      [
        { userId: null, username: 'nobody', ip: '10.1.2.3' },
        { failures: 1, trustedDevice: false, unknownUser: true },
      ],
    ]);
    // Both names' tries count against the address, and against the (name, address) pair.
    expect([...w.hits.keys()].sort()).toEqual([
      'login.address:10.1.2.3',
      'login.pair:jinyuan.staff|10.1.2.3',
      'login.pair:nobody|10.1.2.3',
    ]);
  });

  it('refuses a deactivated account with its right password', async () => {
    const w = world([account({ active: false })]);
    await expect(w.signIn({ username: 'jinyuan.staff', password: PASSWORD })).rejects.toMatchObject({ code: 'AUTH_INVALID' });
    expect(w.sessions).toEqual([]);
  });
});

describe('changePassword', () => {
  const viewer = (): Viewer =>
    fakeViewer('community_staff', {
      userId: 7,
      username: 'jinyuan.staff',
      displayName: '锦源社区工作人员',
      regionId: 3,
      regionPath: '/1/2/3/',
      mustChangePassword: true,
    });

  it('counts and audits a wrong current password, and stops guessing after five', async () => {
    const w = world([account()]);
    for (let i = 0; i < 5; i++) {
      await expect(
        changePassword(w.deps, viewer(), { currentPassword: 'nope', newPassword: 'Another#2027pass' }, 's1'),
      ).rejects.toMatchObject({ code: 'PASSWORD_WRONG' });
    }
    expect(w.audited.map((a) => a.entry.action)).toEqual(Array(5).fill('password_change_failed'));
    await expect(
      changePassword(w.deps, viewer(), { currentPassword: PASSWORD, newPassword: 'Another#2027pass' }, 's1'),
    ).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(w.passwords).toEqual([]);
  });

  it('refuses a weak password and the same one again without changing anything', async () => {
    const w = world([account()]);
    await expect(changePassword(w.deps, viewer(), { currentPassword: PASSWORD, newPassword: 'short' }, 's1')).rejects.toMatchObject({
      code: 'PASSWORD_WEAK',
    });
    await expect(changePassword(w.deps, viewer(), { currentPassword: PASSWORD, newPassword: PASSWORD }, 's1')).rejects.toMatchObject({
      code: 'PASSWORD_REUSED',
    });
    expect(w.passwords).toEqual([]);
  });

  it('keeps the session it was changed in, forgets the failed tries and audits the change', async () => {
    const w = world([account({ must_change_password: true })]);
    await changePassword(w.deps, viewer(), { currentPassword: 'nope', newPassword: 'Another#2027pass' }, 's1').catch(() => {});
    await changePassword(w.deps, viewer(), { currentPassword: PASSWORD, newPassword: 'Another#2027pass' }, 's1');
    expect(w.passwords).toEqual([{ userId: 7, keepToken: 's1' }]);
    expect(w.hits.size).toBe(0);
    expect(w.audited.at(-1)?.entry).toMatchObject({ action: 'password_changed', detail: { sessionsEnded: 2, wasRequired: true } });
  });
});
