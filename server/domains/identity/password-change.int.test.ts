import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildGrid, buildUser, regionByName, seedTestRegions, TEST_PASSWORD } from '../../test/factories.js';
import { createDemoAccounts, DEMO_ACCOUNTS } from './demo-accounts.js';

const NEW_PASSWORD = 'Fresh#2026pass';
type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

const change = (t: TestApp, session: { cookie: string }, currentPassword: string, newPassword: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password', headers: session, payload: { currentPassword, newPassword } });

describe('identity: password change', () => {
  let t: TestApp;
  let region: number;
  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    region = (await regionByName(t.db, '锦源社区')).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a wrong current password, a weak new one and the same one again, changing nothing', async () => {
    const username = await buildUser(t.db, 'community_staff', region);
    const session = await loginAs(t.app, username);
    const wrong = await change(t, session, 'not-my-password', NEW_PASSWORD);
    expect([wrong.statusCode, wrong.json().code, wrong.json().message]).toEqual([400, 'PASSWORD_WRONG', '当前密码不正确']);
    const weak = await change(t, session, TEST_PASSWORD, 'abcdefgh');
    expect([weak.statusCode, weak.json().code]).toEqual([400, 'PASSWORD_WEAK']);
    expect(weak.json().message).toMatch(/至少三类/);
    const withName = await change(t, session, TEST_PASSWORD, `${username.toUpperCase()}#1a`);
    expect(withName.json()).toMatchObject({ code: 'PASSWORD_WEAK', message: '密码不能包含用户名' });
    const same = await change(t, session, TEST_PASSWORD, TEST_PASSWORD);
    expect([same.statusCode, same.json().code]).toEqual([400, 'PASSWORD_REUSED']);
    await loginAs(t.app, username, TEST_PASSWORD); // still the old one
    const audit = await t.db.selectFrom('audit_log').select('action').where('username', '=', username).execute();
    expect(audit.filter((a) => a.action === 'password_change_failed')).toHaveLength(1);
  });

  it('changes it, ends the other sessions, keeps this one, and audits it', async () => {
    const username = await buildUser(t.db, 'grid_worker', region);
    const here = await loginAs(t.app, username);
    const elsewhere = await loginAs(t.app, username);
    const res = await change(t, here, TEST_PASSWORD, NEW_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username, mustChangePassword: false, passwordChangeEnforced: false });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: here })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: elsewhere })).statusCode).toBe(401);
    await expect(loginAs(t.app, username, TEST_PASSWORD)).rejects.toThrow(/401/);
    await loginAs(t.app, username, NEW_PASSWORD);
    const row = await t.db
      .selectFrom('users')
      .select(['must_change_password', 'password_changed_at'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    expect(row.password_changed_at).not.toBeNull();
    const audit = await auditLinesOf(t.db, username, 'password_changed');
    expect(audit.map(({ action, detail }) => ({ action, detail }))).toEqual([
      { action: 'password_changed', detail: { sessionsEnded: 1, wasRequired: false } },
    ]);
  });

  it('stops guessing the current password through a stolen session after five wrong tries', async () => {
    const username = await buildUser(t.db, 'grid_worker', region);
    const session = await loginAs(t.app, username);
    for (let i = 0; i < 5; i++) expect((await change(t, session, `guess-${i}`, NEW_PASSWORD)).statusCode).toBe(400);
    const stopped = await change(t, session, TEST_PASSWORD, NEW_PASSWORD);
    expect([stopped.statusCode, stopped.json().code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'a', newPassword: 'b' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('identity: forced password change', () => {
  let t: TestApp;
  let flagged: string;
  beforeAll(async () => {
    t = await buildTestApp(); // production mode
    await seedTestRegions(t.db);
    flagged = await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id);
    await t.db.updateTable('users').set({ must_change_password: true }).where('username', '=', flagged).execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('in production mode lets a flagged user only see who they are, change the password or sign out', async () => {
    const session = await loginAs(t.app, flagged);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session });
    expect(me.json()).toMatchObject({ mustChangePassword: true, passwordChangeEnforced: true });
    for (const url of ['/api/residents', '/api/regions/tree', '/api/cases', '/api/users']) {
      const res = await t.app.inject({ method: 'GET', url, headers: session });
      expect(res.statusCode, url).toBe(403);
      expect(res.json(), url).toEqual({ code: 'PASSWORD_CHANGE_REQUIRED', message: '请先修改初始密码，再使用系统' });
    }
    // Bodies are not even validated before the refusal.
    expect((await t.app.inject({ method: 'POST', url: '/api/residents', headers: session, payload: {} })).json().code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );

    expect((await change(t, session, TEST_PASSWORD, NEW_PASSWORD)).json()).toMatchObject({
      mustChangePassword: false,
      passwordChangeEnforced: false,
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/residents', headers: session })).statusCode).toBe(200);
    const [audit] = await auditLinesOf(t.db, flagged, 'password_changed');
    expect(audit.detail).toMatchObject({ wasRequired: true });
  });

  it('still lets a flagged user sign out', async () => {
    const other = await buildUser(t.db, 'grid_worker', (await regionByName(t.db, '锦源社区')).id);
    await t.db.updateTable('users').set({ must_change_password: true }).where('username', '=', other).execute();
    const session = await loginAs(t.app, other);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session })).statusCode).toBe(204);
  });

  it('creates the demo accounts with the flag set', async () => {
    await buildGrid(t.db, '锦源社区');
    await buildGrid(t.db, '锦东社区');
    await createDemoAccounts(t.db, 'Demo@2023pass');
    const usernames = DEMO_ACCOUNTS.map((a) => a.username);
    const rows = await t.db.selectFrom('users').select(['username', 'must_change_password']).where('username', 'in', usernames).execute();
    expect(rows).toHaveLength(DEMO_ACCOUNTS.length);
    expect(rows.every((r) => r.must_change_password)).toBe(true);
    const admin = await loginAs(t.app, 'county.admin', 'Demo@2023pass');
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: admin })).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

describe('identity: demo mode shows the flag but does not enforce it', () => {
  it('lets a flagged user work with the printed password', async () => {
    const t = await buildTestApp({ mode: 'demo' });
    try {
      await seedTestRegions(t.db);
      const username = await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id);
      await t.db.updateTable('users').set({ must_change_password: true }).where('username', '=', username).execute();
      const session = await loginAs(t.app, username);
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session });
      expect(me.json()).toMatchObject({ mustChangePassword: true, passwordChangeEnforced: false });
      expect((await t.app.inject({ method: 'GET', url: '/api/residents', headers: session })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
