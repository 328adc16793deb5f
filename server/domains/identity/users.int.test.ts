import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildUser, regionByName, seedTestRegions, TEST_PASSWORD } from '../../test/factories.js';
import { attemptLogin, patientLogin } from '../../test/login-client.js';

/** 账号管理: the account list with sign-in state, and the administrator's unlock. */
describe('identity: accounts and unlock', () => {
  const clock = manualClock('2026-03-02T08:00:00+08:00');
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let countyAdmin: { cookie: string };
  let townAdmin: { cookie: string };
  let victim: string;
  let victimId: number;
  let neighbour: string;
  beforeAll(async () => {
    t = await buildTestApp({ clock });
    await seedTestRegions(t.db);
    countyAdmin = await loginAs(t.app, await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id));
    // An administrator of another region: 锦水街道 holds neither 锦源社区 nor 锦东社区.
    townAdmin = await loginAs(t.app, await buildUser(t.db, 'county_admin', (await regionByName(t.db, '锦水街道')).id));
    victim = await buildUser(t.db, 'grid_worker', (await regionByName(t.db, '锦源社区')).id, { username: 'victim.grid' });
    victimId = (await t.db.selectFrom('users').select('id').where('username', '=', victim).executeTakeFirstOrThrow()).id;
    neighbour = await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦东社区')).id, { username: 'neighbour.staff' });
    for (let i = 0; i < 7; i++) await patientLogin(t.app, clock, victim, `guess-${i}`, { ip: '10.9.0.1' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const list = (cookie: { cookie: string }, query = '') => t.app.inject({ method: 'GET', url: `/api/users${query}`, headers: cookie });
  const unlock = (cookie: { cookie: string }, id: number) =>
    t.app.inject({ method: 'POST', url: `/api/users/${id}/unlock`, headers: cookie });

  it('lists the accounts of the region subtree with failures, challenge and must-change, failing ones first', async () => {
    const res = await list(countyAdmin);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(4);
    expect(body.items[0]).toMatchObject({
      id: victimId,
      username: victim,
      role: 'grid_worker',
      region: { name: '锦源社区' },
      active: true,
      failures: 7,
      challengeRequired: true,
      retryAfterSeconds: 16,
      mustChangePassword: false,
      passwordChangedAt: null,
    });
    expect(new Date(body.items[0].lastFailedAt).getTime()).toBe(clock.now().getTime());
    expect(Object.keys(body.items[0]).sort()).toEqual([
      'active',
      'challengeRequired',
      'displayName',
      'failures',
      'id',
      'lastFailedAt',
      'mustChangePassword',
      'orgUnit',
      'passwordChangedAt',
      'propertyCompany',
      'region',
      'retryAfterSeconds',
      'role',
      'username',
    ]);
    expect(body.items.find((u: { username: string }) => u.username === neighbour)).toMatchObject({
      failures: 0,
      lastFailedAt: null,
      challengeRequired: false,
    });
  });

  it('searches by name, narrows to a region, and shows only accounts needing attention on request', async () => {
    expect((await list(countyAdmin, '?q=VICTIM')).json().items.map((u: { username: string }) => u.username)).toEqual([victim]);
    const jindong = await regionByName(t.db, '锦东社区');
    expect((await list(countyAdmin, `?regionId=${jindong.id}`)).json().items.map((u: { username: string }) => u.username)).toEqual([
      neighbour,
    ]);
    expect((await list(countyAdmin, '?attention=true')).json().items.map((u: { username: string }) => u.username)).toEqual([victim]);
    // A name with LIKE characters is matched literally.
    expect((await list(countyAdmin, '?q=%25')).json().total).toBe(0);
  });

  it("keeps an administrator to their own region: another region's accounts are not listed and answer 404", async () => {
    const body = (await list(townAdmin)).json();
    expect(body.items.map((u: { username: string }) => u.username)).not.toContain(victim);
    const res = await unlock(townAdmin, victimId);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect((await t.db.selectFrom('login_failures').select('failures').where('username', '=', victim).executeTakeFirst())?.failures).toBe(
      7,
    );
    const outside = await t.app.inject({
      method: 'GET',
      url: `/api/users?regionId=${(await regionByName(t.db, '锦源社区')).id}`,
      headers: townAdmin,
    });
    expect(outside.statusCode).toBe(404);
  });

  it('refuses roles without users.manage', async () => {
    const staff = await loginAs(t.app, await buildUser(t.db, 'town_staff', (await regionByName(t.db, '榆山街道')).id));
    expect((await list(staff)).statusCode).toBe(403);
    expect((await unlock(staff, victimId)).statusCode).toBe(403);
  });

  it('unlocks: the failures and the per-address counts are forgotten, the unlock is audited', async () => {
    // Reach the pair limit from one address too, so there is something per address to forget.
    for (let i = 7; i < 20; i++) await patientLogin(t.app, clock, victim, `guess-${i}`, { ip: '10.9.0.1' });
    expect((await attemptLogin(t.app, victim, TEST_PASSWORD, { ip: '10.9.0.1' })).statusCode).toBe(429);
    const res = await unlock(countyAdmin, victimId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: victimId, failures: 0, lastFailedAt: null, challengeRequired: false, retryAfterSeconds: 0 });
    // At once, from the guessed-from address, with no challenge: the right password opens.
    expect((await attemptLogin(t.app, victim, TEST_PASSWORD, { ip: '10.9.0.1' })).statusCode).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'detail'])
      .where('action', '=', 'login_unlocked')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: String(victimId), detail: { username: victim, failures: 20, addresses: 1 } });
  }, 60_000);

  it('shows an unlock in the audit log, one action at a time, as the contract says', async () => {
    const neighbourId = (await t.db.selectFrom('users').select('id').where('username', '=', neighbour).executeTakeFirstOrThrow()).id;
    expect((await unlock(countyAdmin, neighbourId)).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: '/api/audit?action=login_unlocked', headers: countyAdmin });
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.every((a: { action: string }) => a.action === 'login_unlocked')).toBe(true);
    const line = items.find((a: { entityId: string }) => a.entityId === String(neighbourId));
    expect(Object.keys(line).sort()).toEqual([
      'action',
      'actionLabel',
      'actorName',
      'address',
      'at',
      'detail',
      'entity',
      'entityId',
      'id',
      'ip',
      'sentence',
      'subject',
      'username',
    ]);
    expect(line).toMatchObject({ entity: 'user', detail: { username: neighbour, failures: 0 }, actionLabel: '解除登录限制' });
    expect(line.sentence).toMatch(/ 清除了 neighbour\.staff 的登录失败记录$/);
    expect(line.at).toBe(new Date(line.at).toISOString());
  });

  it('answers 404 for an account that does not exist', async () => {
    expect((await unlock(countyAdmin, 999_999)).statusCode).toBe(404);
  });
});
