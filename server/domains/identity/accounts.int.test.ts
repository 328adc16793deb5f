import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildGrid, buildUser, orgUnitByName, regionByName, seedCasework, TEST_PASSWORD } from '../../test/factories.js';

/**
 * 账号管理's writes: a county administrator makes a staff account with a one-time password that
 * must be changed at the first sign-in, changes it, disables it (its sessions end) and resets its
 * password; bad shapes are refused with a stable code and change nothing; an administrator of
 * another region does not see the account (404); community staff may not manage accounts.
 */
describe('identity: making and changing staff accounts', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: { cookie: string };
  let adminName: string;
  let outsider: { cookie: string };
  let staff: { cookie: string };
  let grid: { id: number };
  let jinyuan: { id: number };

  beforeAll(async () => {
    t = await buildTestApp();
    await seedCasework(t.db);
    adminName = await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id);
    admin = await loginAs(t.app, adminName);
    outsider = await loginAs(t.app, await buildUser(t.db, 'county_admin', (await regionByName(t.db, '锦水街道')).id));
    jinyuan = await regionByName(t.db, '锦源社区');
    staff = await loginAs(t.app, await buildUser(t.db, 'community_staff', jinyuan.id));
    grid = await buildGrid(t.db, '锦源社区');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const create = (who: { cookie: string }, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/users', headers: who, payload });
  const patch = (who: { cookie: string }, id: number, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: who, payload });
  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('makes a grid worker with a one-time password that must be changed, audited', async () => {
    const res = await create(admin, { username: 'Wang.Grid', displayName: '王网格', role: 'grid_worker', regionId: grid.id });
    expect(res.statusCode).toBe(201);
    const { account, initialPassword } = res.json();
    expect(account).toMatchObject({
      username: 'wang.grid',
      displayName: '王网格',
      role: 'grid_worker',
      active: true,
      mustChangePassword: true,
    });
    const signedIn = await login('wang.grid', initialPassword);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user.mustChangePassword).toBe(true);
    expect(await auditLinesOf(t.db, adminName, 'user_created')).toHaveLength(1);
  });

  it('refuses a region of the wrong level, a missing unit, a taken name and a region outside the scope, changing nothing', async () => {
    const before = await count();
    const refusal = async (who: { cookie: string }, payload: Record<string, unknown>) => {
      const res = await create(who, { username: 'new.one', displayName: '新账号', ...payload });
      return [res.statusCode, res.json().code];
    };
    expect(await refusal(admin, { role: 'grid_worker', regionId: jinyuan.id })).toEqual([400, 'REGION_LEVEL_MISMATCH']);
    expect(await refusal(admin, { role: 'dept_handler', regionId: (await regionByName(t.db, '平阴县')).id })).toEqual([
      400,
      'ORG_UNIT_REQUIRED',
    ]);
    expect(await refusal(admin, { username: 'wang.grid', role: 'grid_worker', regionId: grid.id })).toEqual([409, 'USERNAME_TAKEN']);
    expect(await refusal(outsider, { role: 'community_staff', regionId: jinyuan.id })).toEqual([404, 'REGION_NOT_FOUND']);
    expect(await refusal(admin, { role: 'resident', regionId: jinyuan.id })).toEqual([400, 'VALIDATION']);
    expect((await create(staff, { username: 'x.y.z', displayName: '某', role: 'leader', regionId: 1 })).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('makes a department handler of a unit, and moves an account to another role and region', async () => {
    const unit = await orgUnitByName(t.db, '县城市管理局');
    const county = await regionByName(t.db, '平阴县');
    const res = await create(admin, {
      username: 'cg.handler',
      displayName: '城管承办',
      role: 'dept_handler',
      regionId: county.id,
      orgUnitId: unit.id,
    });
    expect(res.json().account.orgUnit).toEqual({ id: unit.id, name: '县城市管理局' });
    const moved = await patch(admin, res.json().account.id, { role: 'community_staff', regionId: jinyuan.id });
    expect(moved.json()).toMatchObject({ role: 'community_staff', region: { id: jinyuan.id }, orgUnit: null });
    expect((await patch(outsider, res.json().account.id, { displayName: '改名' })).statusCode).toBe(404);
  });

  it('disables an account (its sessions end, it cannot sign in), enables it, and resets its password', async () => {
    const username = await buildUser(t.db, 'town_staff', (await regionByName(t.db, '榆山街道')).id);
    const id = (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const session = await loginAs(t.app, username);
    expect((await t.app.inject({ url: '/api/auth/me', headers: session })).statusCode).toBe(200); // its session is now kept in memory
    expect((await patch(admin, id, { active: false })).json().active).toBe(false);
    expect((await t.app.inject({ url: '/api/auth/me', headers: session })).statusCode).toBe(401);
    expect((await login(username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await patch(admin, id, { active: true })).json().active).toBe(true);
    expect((await login(username, TEST_PASSWORD)).statusCode).toBe(200);

    const reset = await t.app.inject({ method: 'POST', url: `/api/users/${id}/reset-password`, headers: admin });
    const { initialPassword, account } = reset.json();
    expect(account.mustChangePassword).toBe(true);
    expect((await login(username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(username, initialPassword)).statusCode).toBe(200);
    expect((await auditLinesOf(t.db, adminName, 'user_password_reset')).map((l) => l.entity_id)).toEqual([String(id)]);
    expect((await auditLinesOf(t.db, adminName, 'user_disabled')).length).toBe(1);
  });

  it('ends a session changed by another process at once: the trigger’s notice empties every process’s kept sessions', async () => {
    const username = await buildUser(t.db, 'community_staff', jinyuan.id);
    const session = await loginAs(t.app, username);
    const me = async () => (await t.app.inject({ url: '/api/auth/me', headers: session })).json();
    expect(await me()).toMatchObject({ role: 'community_staff' });
    // As `civicgrid` on the command line, or another server process, would write it.
    await t.db.updateTable('users').set({ role: 'grid_worker' }).where('username', '=', username).execute();
    await expect.poll(async () => (await me()).role).toBe('grid_worker');
    await t.db.updateTable('users').set({ active: false }).where('username', '=', username).execute();
    await expect.poll(async () => (await t.app.inject({ url: '/api/auth/me', headers: session })).statusCode).toBe(401);
  });

  it('keeps an administrator from disabling themselves', async () => {
    const me = (await t.app.inject({ url: '/api/auth/me', headers: admin })).json();
    expect((await patch(admin, me.id, { active: false })).json().code).toBe('OWN_ACCOUNT');
  });
});
