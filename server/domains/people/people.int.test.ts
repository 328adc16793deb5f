import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildHouse, buildResident, buildUser, makeIdCard, regionByName, seedTestRegions } from '../../test/factories.js';
import { manualClock } from '../../platform/clock.js';

describe('people: residents in region scope', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let jinyuan: { cookie: string }, jindong: { cookie: string }, admin: { cookie: string };
  let house: Awaited<ReturnType<typeof buildHouse>>;
  let li: Awaited<ReturnType<typeof buildResident>>;
  let other: Awaited<ReturnType<typeof buildResident>>;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    house = await buildHouse(t.db, '锦源社区');
    li = await buildResident(t.db, house, {
      name: '李秀英',
      idCard: makeIdCard('19550310', 'female'),
      phone: '13805311234',
      tags: ['party_member'],
    });
    await buildResident(t.db, house, { name: '李建国', birth: '19880202' });
    other = await buildResident(t.db, await buildHouse(t.db, '锦东社区'), { name: '李明' });
    await t.db
      .insertInto('special_group_records')
      .values({ resident_id: li.id, category: 'community_correction', since_on: '2023-01-01', supervisor: '司法所', note: null })
      .execute();
    jinyuan = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id));
    jindong = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦东社区')).id));
    admin = await loginAs(t.app, await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id));
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (who: { cookie: string }, url: string) => t.app.inject({ method: 'GET', url, headers: who });

  it('shows community staff only their community, with numbers in full', async () => {
    const body = (await get(jinyuan, '/api/residents?q=李')).json();
    expect(body.total).toBe(2);
    expect(body.items.map((r: { name: string }) => r.name).sort()).toEqual(['李建国', '李秀英']);
    const xiuying = body.items.find((r: { name: string }) => r.name === '李秀英');
    expect(xiuying).toMatchObject({ idCard: li.id_card, phone: '13805311234', communityName: '锦源社区', gender: 'female' });
    expect(xiuying.tags).toEqual(expect.arrayContaining(['party_member', 'over_60']));
  });

  it('masks ID numbers and phones for the county administrator', async () => {
    const body = (await get(admin, '/api/residents?q=李秀英')).json();
    expect(body.items[0].idCard).toBe(`${li.id_card.slice(0, 6)}********${li.id_card.slice(-4)}`);
    expect(body.items[0].phone).toBe('138****1234');
  });

  it('finds people by ID tail and phone tail, and filters by age band and tag', async () => {
    expect((await get(jinyuan, `/api/residents?q=${li.id_card.slice(-4)}`)).json().items.map((r: { id: number }) => r.id)).toContain(li.id);
    expect((await get(jinyuan, '/api/residents?q=1234')).json().items.map((r: { id: number }) => r.id)).toContain(li.id);
    expect((await get(jinyuan, '/api/residents?ageBand=60-79')).json().items.map((r: { name: string }) => r.name)).toEqual(['李秀英']);
    expect((await get(jinyuan, '/api/residents?tag=party_member')).json().total).toBe(1);
  });

  it('keeps a tag filter inside the region, and follows a tag change', async () => {
    expect((await get(jindong, '/api/residents?tag=party_member')).json().total).toBe(0);
    const jinyuanRegion = await regionByName(t.db, '锦源社区'),
      yushan = await regionByName(t.db, '榆山街道');
    expect(
      (await get(admin, `/api/residents?tag=party_member&regionId=${jinyuanRegion.id}`)).json().items.map((r: { id: number }) => r.id),
    ).toEqual([li.id]);
    expect((await get(admin, `/api/residents?tag=party_member&regionId=${yushan.id}`)).json().total).toBe(1);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/residents/${other.id}`,
      headers: jindong,
      payload: { tags: ['party_member', 'veteran'] },
    });
    expect((await get(jindong, '/api/residents?tag=veteran')).json().items.map((r: { id: number }) => r.id)).toEqual([other.id]);
    expect((await get(jinyuan, '/api/residents?tag=veteran')).json().total).toBe(0);
    expect((await get(admin, `/api/residents?tag=party_member&regionId=${yushan.id}`)).json().total).toBe(2);
    await t.app.inject({ method: 'PATCH', url: `/api/residents/${other.id}`, headers: jindong, payload: { tags: [] } });
  });

  it('answers 404 for a resident of another community, by id and by regionId', async () => {
    expect((await get(jindong, `/api/residents/${li.id}`)).statusCode).toBe(404);
    const jinyuanRegion = await regionByName(t.db, '锦源社区');
    expect((await get(jindong, `/api/residents?regionId=${jinyuanRegion.id}`)).statusCode).toBe(404);
    expect((await get(jinyuan, `/api/residents/${other.id}`)).statusCode).toBe(404);
  });

  it('shows a resident with household, house and moves', async () => {
    const detail = (await get(jinyuan, `/api/residents/${li.id}`)).json();
    expect(detail).toMatchObject({ name: '李秀英', house: { id: house.id, address: house.standard_address }, specialGroupsVisible: true });
  });

  it('reveals one number to the county administrator with a reason, audited; refuses without one and for community staff', async () => {
    const reveal = (who: { cookie: string }, payload: Record<string, unknown>, id = li.id) =>
      t.app.inject({ method: 'POST', url: `/api/residents/${id}/reveal`, headers: who, payload });
    const detail = (await get(admin, `/api/residents/${li.id}`)).json();
    expect(detail).toMatchObject({ numbersRevealable: true, idCard: expect.stringContaining('********') });
    expect((await reveal(admin, { field: 'idCard', reason: '短' })).json().code).toBe('VALIDATION');
    expect((await reveal(admin, { field: 'idCard', reason: '核实低保申请材料' })).json()).toEqual({ value: li.id_card });
    expect((await reveal(admin, { field: 'phone', reason: '联系居民本人核实' })).json()).toEqual({ value: '13805311234' });
    const adminName = (await get(admin, '/api/auth/me')).json().username;
    const lines = await auditLinesOf(t.db, adminName, 'reveal_personal_data');
    expect(lines.map((l) => [l.entity, l.entity_id])).toEqual([
      ['resident', String(li.id)],
      ['resident', String(li.id)],
    ]);
    expect(JSON.stringify(lines[0].detail)).toContain('核实低保申请材料');
    expect((await get(admin, `/api/residents/${li.id}`)).body).not.toContain(li.id_card);
    expect((await reveal(jinyuan, { field: 'idCard', reason: '核实低保申请材料' })).statusCode).toBe(403);
    expect((await get(jinyuan, `/api/residents/${li.id}`)).json().numbersRevealable).toBe(false);
    expect((await reveal(admin, { field: 'idCard', reason: '核实低保申请材料' }, 999_999)).statusCode).toBe(404);
  });

  it('writes every read of 特殊人群 to the audit log', async () => {
    const before = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'read_special_groups').execute();
    const res = await get(jinyuan, `/api/residents/${li.id}/special-groups`);
    expect(res.json()).toEqual([{ category: 'community_correction', sinceOn: '2023-01-01', supervisor: '司法所', note: null }]);
    const after = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'read_special_groups').execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ entity: 'resident', entity_id: String(li.id) });
  });

  it('refuses a wrong check digit and changes nothing', async () => {
    const good = makeIdCard('19900101');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = (await get(jinyuan, '/api/residents')).json().total;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: jinyuan,
      payload: { idCard: bad, name: '王五', populationType: 'floating', houseId: house.id },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ID_CARD_CHECK_DIGIT' });
    expect((await get(jinyuan, '/api/residents')).json().total).toBe(before);
  });

  it('registers a resident, derives birth date and gender, and refuses a house outside scope', async () => {
    const idCard = makeIdCard('19920315', 'female');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: jinyuan,
      payload: {
        idCard,
        name: '赵敏',
        phone: '13905310000',
        populationType: 'floating',
        houseId: house.id,
        relation: 'other',
        movedInOn: '2024-05-01',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ birthDate: '1992-03-15', gender: 'female', moves: [{ kind: 'move_in', movedOn: '2024-05-01' }] });
    const foreign = await buildHouse(t.db, '锦东社区');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: jinyuan,
      payload: { idCard: makeIdCard('19930101'), name: '钱七', populationType: 'floating', houseId: foreign.id },
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ code: 'HOUSE_NOT_FOUND', details: { field: 'houseId' } });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: jinyuan,
      payload: { idCard, name: '赵敏', populationType: 'floating', houseId: house.id },
    });
    expect(again.statusCode).toBe(409);
  });

  it('records a move out and keeps the person out of the default list', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/residents/${li.id}/moves`,
      headers: jinyuan,
      payload: { kind: 'move_out', movedOn: '2025-01-02', place: '济南市历下区' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ movedOutOn: '2025-01-02', movedOut: true });
    expect((await get(jinyuan, '/api/residents?q=李秀英')).json().total).toBe(0);
    expect((await get(jinyuan, '/api/residents?q=李秀英&includeMovedOut=true')).json().total).toBe(1);
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/residents/${li.id}/moves`,
      headers: jinyuan,
      payload: { kind: 'move_out', movedOn: '2025-01-03' },
    });
    expect(twice.json().code).toBe('ALREADY_MOVED_OUT');
  });
});

describe("one today: the date in Pingyin, from the app's clock", () => {
  it("ages a resident on Pingyin's date before 08:00, when UTC still says yesterday", async () => {
    // 07:30 on 5 December 2026 in Pingyin; 23:30 on the 4th in UTC.
    const t = await buildTestApp({ clock: manualClock('2026-12-04T23:30:00Z') });
    try {
      await seedTestRegions(t.db);
      const house = await buildHouse(t.db, '锦源社区');
      const birthday = await buildResident(t.db, house, { name: '今天六十', idCard: makeIdCard('19661205', 'female') });
      const staff = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id));
      const get = (url: string) => t.app.inject({ url, headers: staff });
      expect((await get('/api/residents?ageBand=60-79')).json().items.map((r: { id: number }) => r.id)).toEqual([birthday.id]);
      expect((await get('/api/residents?tag=over_60')).json().total).toBe(1);
      expect((await get(`/api/residents/${birthday.id}`)).json()).toMatchObject({ age: 60, tags: ['over_60'] });
      const moved = await t.app.inject({
        method: 'POST',
        url: `/api/residents/${birthday.id}/moves`,
        headers: staff,
        payload: { kind: 'move_out', movedOn: '2026-12-05' },
      });
      expect(moved.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('resident counts kept by triggers', () => {
  it('match a real count after inserts, moves, region changes and deletes', async () => {
    const t = await buildTestApp();
    try {
      await seedTestRegions(t.db);
      const a = await buildHouse(t.db, '锦源社区'),
        b = await buildHouse(t.db, '玫瑰苑社区');
      const people = [];
      for (let i = 0; i < 5; i++) people.push(await buildResident(t.db, i < 3 ? a : b));
      await t.db.updateTable('residents').set({ moved_out_on: '2025-01-01' }).where('id', '=', people[0].id).execute();
      await t.db.updateTable('residents').set({ region_path: a.region_path, house_id: a.id }).where('id', '=', people[4].id).execute();
      await t.db.updateTable('residents').set({ ethnicity: '回族' }).execute();
      await t.db.deleteFrom('residents').where('id', '=', people[1].id).execute();
      const kept = await t.db
        .selectFrom('resident_counts')
        .select(['region_path', 'active'])
        .where('active', '<>', 0)
        .orderBy('region_path')
        .execute();
      const real = await t.db
        .selectFrom('residents')
        .select(['region_path', (eb) => eb.fn.countAll<number>().as('active')])
        .where('moved_out_on', 'is', null)
        .groupBy('region_path')
        .orderBy('region_path')
        .execute();
      expect(kept.map((r) => [r.region_path, Number(r.active)])).toEqual(real.map((r) => [r.region_path, Number(r.active)]));
      expect(real.reduce((n, r) => n + Number(r.active), 0)).toBe(3);
    } finally {
      await t.close();
    }
  });
});
