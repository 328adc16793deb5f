import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildUser, regionByName, seedTestRegions, TEST_PASSWORD } from '../../test/factories.js';
import { attemptLogin, fetchChallenge, nonceNotSolving, patientLogin, solveChallenge, solvedChallenge } from '../../test/login-client.js';

const START = '2026-03-02T08:00:00+08:00';

describe('identity: login, session, logout', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let username: string;
  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    username = await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs in with an httpOnly SameSite cookie and answers /me with role, region, permissions and the password flags', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'cg_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const device = res.cookies.find((c) => c.name === 'cg_device')!;
    expect(device).toMatchObject({ httpOnly: true, path: '/api/auth', sameSite: 'Strict' });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `cg_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({
      username,
      role: 'community_staff',
      region: { name: '锦源社区', level: 'community' },
      mustChangePassword: false,
      passwordChangeEnforced: false,
    });
    expect(me.json().permissions).toContain('personal_data.full');
  });

  it('refuses a wrong password with a stable code, a Chinese message and advice for the next try', async () => {
    const res = await attemptLogin(t.app, username, 'wrong-password', { ip: '10.0.0.1' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      code: 'AUTH_INVALID',
      message: '用户名或密码错误',
      details: { retryAfterSeconds: 0, challengeRequired: false },
    });
  });

  it('refuses an empty body as a validation error', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
  });

  it('ends the session on logout', async () => {
    const { cookie } = await loginAs(t.app, username);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('AUTH_REQUIRED');
  });

  it('answers health with the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toMatchObject({ status: 'ok', db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(['/api/residents', '/api/regions/tree', '/api/auth/login', '/api/auth/login-challenge']),
    );
  });
});

/**
 * Security review, item 7: the old lockout let anyone lock any account (county.admin included)
 * with five wrong passwords, blocked a whole office behind one address after thirty, and told
 * real usernames from unknown ones by its 423. Each test here failed on that code.
 */
describe('identity: throttling without a lock', () => {
  const clock = manualClock(START);
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let region: number;
  let n = 0;
  const user = async () => buildUser(t.db, 'community_staff', region);
  const ghost = () => `ghost.${++n}`;
  beforeAll(async () => {
    t = await buildTestApp({ clock });
    await seedTestRegions(t.db);
    region = (await regionByName(t.db, '锦源社区')).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('does not block another username from an address that failed thirty times', async () => {
    const office = '10.1.0.1';
    for (let i = 0; i < 30; i++) {
      expect((await attemptLogin(t.app, ghost(), 'wrong', { ip: office })).statusCode).toBe(401);
    }
    const colleague = await user();
    expect((await attemptLogin(t.app, colleague, TEST_PASSWORD, { ip: office })).statusCode).toBe(200);
  }, 60_000);

  it('lets the right password in after fifty wrong ones, with a wait of at most 30 s and a solved challenge', async () => {
    const victim = await user();
    const attacker = { ip: '10.2.0.1' };
    const waits: number[] = [];
    for (let i = 0; i < 50; i++) {
      const tried = await patientLogin(t.app, clock, victim, `guess-${i}`, attacker);
      expect(tried.response.statusCode).toBe(401);
      expect(tried.response.json().code).toBe('AUTH_INVALID');
      waits.push(...tried.waits);
    }
    // The owner, elsewhere: the account's own wait and the challenge, nothing more.
    const owner = await patientLogin(t.app, clock, victim, TEST_PASSWORD, { ip: '10.2.0.2' });
    expect(owner.response.statusCode).toBe(200);
    expect(owner.challengesSolved).toBe(1);
    expect(Math.max(0, ...owner.waits)).toBeLessThanOrEqual(30);
    const audit = await t.db.selectFrom('audit_log').select('action').where('username', '=', victim).execute();
    expect(audit.filter((a) => a.action === 'login_failed')).toHaveLength(50);
    expect(audit.filter((a) => a.action === 'login')).toHaveLength(1);
    // Success forgets the failures: the next slip costs nothing.
    const next = await attemptLogin(t.app, victim, 'slip', { ip: '10.2.0.2' });
    expect(next.json().details).toEqual({ retryAfterSeconds: 0, challengeRequired: false });
  }, 120_000);

  it('answers an unknown username exactly as a known one, byte for byte, through the whole sequence', async () => {
    const known = await user();
    const unknown = ghost();
    const tries: Record<string, { token: string; nonce: string } | undefined> = {};
    const steps: string[] = [];
    for (let step = 0; step < 40 && steps.filter((s) => s.startsWith('401 AUTH_INVALID')).length < 12; step++) {
      const [a, b] = await Promise.all(
        [known, unknown].map(async (name, i) => {
          const res = await attemptLogin(t.app, name, 'not-the-password', { ip: `10.3.0.${i + 1}`, challenge: tries[name] });
          tries[name] = undefined;
          return res;
        }),
      );
      expect(b.statusCode, `step ${step}`).toBe(a.statusCode);
      expect(b.body, `step ${step}`).toBe(a.body);
      expect(b.headers['retry-after'], `step ${step}`).toBe(a.headers['retry-after']);
      steps.push(`${a.statusCode} ${a.json().code}`);
      if (a.statusCode === 429) clock.advance(Number(a.headers['retry-after']) * 1000);
      if (a.json().code === 'LOGIN_CHALLENGE_REQUIRED') {
        const [ca, cb] = await Promise.all([known, unknown].map((name, i) => fetchChallenge(t.app, name, { ip: `10.3.0.${i + 1}` })));
        expect({ ...cb, token: '' }).toEqual({ ...ca, token: '' });
        tries[known] = { token: ca.token, nonce: solveChallenge(ca.token, ca.difficulty) };
        tries[unknown] = { token: cb.token, nonce: solveChallenge(cb.token, cb.difficulty) };
      }
    }
    // The sequence went through every kind of answer, and never a 423.
    expect(new Set(steps)).toEqual(new Set(['401 AUTH_INVALID', '429 LOGIN_THROTTLED', '401 LOGIN_CHALLENGE_REQUIRED']));
  }, 60_000);

  it('stops one address guessing one username after twenty failures, and only that pair', async () => {
    const victim = await user();
    const guesser = { ip: '10.4.0.1' };
    for (let i = 0; i < 20; i++) expect((await patientLogin(t.app, clock, victim, `guess-${i}`, guesser)).response.statusCode).toBe(401);
    const stopped = await attemptLogin(t.app, victim, TEST_PASSWORD, guesser);
    expect(stopped.statusCode).toBe(429);
    expect(stopped.json().code).toBe('LOGIN_THROTTLED');
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(30);
    // The same address may still sign in other people; the owner signs in from elsewhere.
    expect((await attemptLogin(t.app, await user(), TEST_PASSWORD, guesser)).statusCode).toBe(200);
    const owner = await patientLogin(t.app, clock, victim, TEST_PASSWORD, { ip: '10.4.0.2' });
    expect(owner.response.statusCode).toBe(200);
    expect(Math.max(0, ...owner.waits)).toBeLessThanOrEqual(30);
  }, 60_000);

  it('stops an address after three hundred failures within fifteen minutes, whatever the names, and only that address', async () => {
    const nat = '10.5.0.1';
    const trusted = await user();
    const device = (await attemptLogin(t.app, trusted, TEST_PASSWORD, { ip: nat })).cookies.find((c) => c.name === 'cg_device')!;
    for (let i = 0; i < 300; i++) {
      const res = await attemptLogin(t.app, ghost(), 'wrong', { ip: nat });
      expect(res.statusCode, `failure ${i + 1}`).toBe(401);
    }
    const blocked = await attemptLogin(t.app, await user(), TEST_PASSWORD, { ip: nat });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'RATE_LIMITED', message: '此网络登录失败次数过多，请稍后再试' });
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect((await attemptLogin(t.app, await user(), TEST_PASSWORD, { ip: '10.5.0.2' })).statusCode).toBe(200);
    // A browser that signed in as its user before is not stopped by its neighbours' failures.
    expect((await attemptLogin(t.app, trusted, TEST_PASSWORD, { ip: nat, cookie: `cg_device=${device.value}` })).statusCode).toBe(200);
    clock.advance(15 * 60_000);
    expect((await attemptLogin(t.app, await user(), TEST_PASSWORD, { ip: nat })).statusCode).toBe(200);
  }, 120_000);

  it('verifies challenges: a wrong nonce, another name, a forged signature, an expired or reused one are refused, uncounted', async () => {
    const victim = await user();
    const ip = { ip: '10.6.0.1' };
    for (let i = 0; i < 5; i++) await patientLogin(t.app, clock, victim, `guess-${i}`, ip);
    clock.advance(30_000);
    const refused = async (challenge?: { token: string; nonce: string }) => {
      const res = await attemptLogin(t.app, victim, TEST_PASSWORD, { ...ip, challenge });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        code: 'LOGIN_CHALLENGE_REQUIRED',
        message: '请先完成安全验证再登录',
        details: { retryAfterSeconds: 0, challengeRequired: true },
      });
    };
    await refused();
    const good = await fetchChallenge(t.app, victim, ip);
    expect(good.difficulty).toBe(14);
    await refused({ token: good.token, nonce: nonceNotSolving(good.token, good.difficulty) });
    await refused(await solvedChallenge(t.app, `${victim}.other`, ip));
    const [body, signature] = good.token.split('.');
    const easier = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), d: 0 })).toString('base64url');
    await refused({ token: `${easier}.${signature}`, nonce: '0' });
    const stale = await fetchChallenge(t.app, victim, ip);
    clock.advance(5 * 60_000 + 1);
    await refused({ token: stale.token, nonce: solveChallenge(stale.token, stale.difficulty) });
    // None of those counted as failures: the account still stands at five.
    const row = await t.db.selectFrom('login_failures').select('failures').where('username', '=', victim).executeTakeFirstOrThrow();
    expect(row.failures).toBe(5);
    // A fresh solved challenge lets the password be checked, once.
    const fresh = await fetchChallenge(t.app, victim, ip);
    const solved = { token: fresh.token, nonce: solveChallenge(fresh.token, fresh.difficulty) };
    const wrong = await attemptLogin(t.app, victim, 'still-wrong', { ...ip, challenge: solved });
    expect(wrong.json().code).toBe('AUTH_INVALID');
    clock.advance(30_000);
    await refused(solved);
    expect(
      (await attemptLogin(t.app, victim, TEST_PASSWORD, { ...ip, challenge: await solvedChallenge(t.app, victim, ip) })).statusCode,
    ).toBe(200);
  }, 60_000);

  it("keeps the owner's own browser out of a guesser's way: a trusted device has its own count", async () => {
    const owner = await user();
    const device = (await attemptLogin(t.app, owner, TEST_PASSWORD, { ip: '10.7.0.1' })).cookies.find((c) => c.name === 'cg_device')!;
    // Someone elsewhere keeps the shared count at its longest wait.
    for (let i = 0; i < 9; i++) await patientLogin(t.app, clock, owner, `guess-${i}`, { ip: '10.7.0.9' });
    const untrusted = await attemptLogin(t.app, owner, TEST_PASSWORD, { ip: '10.7.0.1' });
    expect(untrusted.statusCode).toBe(429);
    const own = await attemptLogin(t.app, owner, TEST_PASSWORD, { ip: '10.7.0.1', cookie: `cg_device=${device.value}` });
    expect(own.statusCode).toBe(200);
    // The cookie is for this username only.
    const other = await user();
    for (let i = 0; i < 9; i++) await patientLogin(t.app, clock, other, `guess-${i}`, { ip: '10.7.0.9' });
    expect((await attemptLogin(t.app, other, TEST_PASSWORD, { ip: '10.7.0.1', cookie: `cg_device=${device.value}` })).statusCode).toBe(429);
  }, 60_000);

  it('cannot spend one turn twice with simultaneous tries', async () => {
    const victim = await user();
    for (let i = 0; i < 3; i++) await patientLogin(t.app, clock, victim, `guess-${i}`, { ip: '10.8.0.1' });
    clock.advance(30_000);
    const answers = await Promise.all([...Array(6).keys()].map((i) => attemptLogin(t.app, victim, `burst-${i}`, { ip: `10.8.1.${i}` })));
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(5);
  });
});

describe('client address', () => {
  it('does not believe X-Forwarded-For unless told to trust a proxy', async () => {
    const t = await buildTestApp();
    try {
      await seedTestRegions(t.db);
      const username = await buildUser(t.db, 'grid_worker', (await regionByName(t.db, '锦源社区')).id);
      // A client claiming another address on each try would slip past the per-address limits.
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'wrong' },
        remoteAddress: '10.7.7.7',
        headers: { 'x-forwarded-for': '172.16.0.9' },
      });
      expect((await auditLinesOf(t.db, username, 'login_failed')).map((a) => a.ip)).toEqual(['10.7.7.7']);
    } finally {
      await t.close();
    }
  });
});
