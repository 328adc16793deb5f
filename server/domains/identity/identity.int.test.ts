import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildUser, regionByName, seedTestRegions, TEST_PASSWORD } from '../../test/factories.js';

describe('identity: login, session, lockout, logout', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let username: string;
  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    username = await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id);
  });
  afterAll(async () => { await t?.close(); });

  it('logs in with an httpOnly SameSite cookie and answers /me with role, region and permissions', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'cg_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `cg_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ username, role: 'community_staff', region: { name: '锦源社区', level: 'community' } });
    expect(me.json().permissions).toContain('personal_data.full');
  });

  it('refuses a wrong password with a stable code and a Chinese message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong-password' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'AUTH_INVALID', message: '用户名或密码错误' });
  });

  it('refuses an empty body as a validation error', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
  });

  it('locks the account after five wrong passwords, even against the right one', async () => {
    const victim = await buildUser(t.db, 'grid_worker', (await regionByName(t.db, '锦东社区')).id);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: victim, password: `bad-${i}` }, remoteAddress: `10.9.0.${i}` })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: victim, password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('AUTH_LOCKED');
    expect(right.json().details.retryAfterSeconds).toBeGreaterThan(800);
    const audit = await t.db.selectFrom('audit_log').select('action').where('username', '=', victim).execute();
    expect(audit.filter((a) => a.action === 'login_failed')).toHaveLength(5);
  }, 30_000);

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
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/api/residents', '/api/regions/tree', '/api/auth/login']));
  });
});

describe('client address', () => {
  it('does not believe X-Forwarded-For unless told to trust a proxy', async () => {
    const t = await buildTestApp();
    try {
      await seedTestRegions(t.db);
      const username = await buildUser(t.db, 'grid_worker', (await regionByName(t.db, '锦源社区')).id);
      // A client claiming another address on each try would slip past the per-address slowdown.
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong' }, remoteAddress: '10.7.7.7', headers: { 'x-forwarded-for': '172.16.0.9' } });
      const audit = await t.db.selectFrom('audit_log').select('ip').where('username', '=', username).where('action', '=', 'login_failed').execute();
      expect(audit.map((a) => a.ip)).toEqual(['10.7.7.7']);
    } finally {
      await t.close();
    }
  });
});
