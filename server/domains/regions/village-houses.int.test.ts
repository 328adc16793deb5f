import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import {
  auditLinesOf,
  buildGrid,
  buildHouse,
  buildUser,
  buildVillage,
  categoryByCode,
  regionByName,
  seedCasework,
} from '../../test/factories.js';

/**
 * 农村房屋 (docs/decisions/049): a village's houses are not in estates. The database keeps a
 * house one shape or the other (migration 0036); the API registers and corrects a village house
 * by its 组, 门牌号 and point, makes its 标准地址 as the estate houses' is made, refuses what does
 * not fit the house's shape (changing nothing), and audits every change. The house lists, the
 * map and a case reported from the house read it like any other.
 */
describe('village houses', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  const who: Record<string, { cookie: string }> = {};
  let village: Awaited<ReturnType<typeof buildVillage>>;
  let grid: Awaited<ReturnType<typeof buildGrid>>;
  let staffName: string;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedCasework(t.db);
    village = await buildVillage(t.db, '孝直镇', '小河村');
    grid = await buildGrid(t.db, '小河村');
    staffName = await buildUser(t.db, 'community_staff', village.id);
    who.staff = await loginAs(t.app, staffName);
    who.other = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const send = (method: 'POST' | 'PATCH' | 'GET', url: string, as: { cookie: string }, payload?: object) =>
    t.app.inject({ method, url, headers: as, ...(payload ? { payload } : {}) });
  const houses = () => t.db.selectFrom('houses').selectAll().orderBy('id').execute();
  const villageHouse = {
    communityId: 0,
    villageGroup: '3组',
    doorNumber: '15号',
    lon: 116.39,
    lat: 36.2,
    area: 132.5,
    houseUse: 'owner_occupied',
  };
  const body = (over: object = {}) => ({ ...villageHouse, communityId: village.id, ...over });

  it('keeps a house one shape or the other in the database', async () => {
    const estateHouse = await buildHouse(t.db, '锦源社区');
    const refused = (change: object) =>
      t.db
        .updateTable('houses')
        .set(change)
        .where('id', '=', estateHouse.id)
        .execute()
        .then(
          () => 'stored',
          (err: { code?: string; cause?: { code?: string } }) => err.code ?? err.cause?.code,
        );
    // An estate's house with a door number, or with no unit and nothing of a village house: check_violation.
    expect(await refused({ door_number: '5号' })).toBe('23514');
    expect(await refused({ unit_id: null, estate_id: null })).toBe('23514');
    expect(await refused({ unit_id: null, estate_id: null, room: null, floor: null, door_number: '5号' })).toBe('23514');
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from houses where door_number is not null`.execute(t.db);
    expect(rows[0].n).toBe(0);
  });

  it('registers a village house by its 门牌 and point, its standard address made, audited; the lists and the map show it', async () => {
    const res = await send('POST', '/api/houses', who.staff, body({ gridId: grid.id }));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      kind: 'village',
      address: '山东省济南市平阴县孝直镇小河村3组15号',
      estateId: null,
      unitId: null,
      room: null,
      floor: null,
      villageGroup: '3组',
      doorNumber: '15号',
      lon: 116.39,
      lat: 36.2,
      gridId: grid.id,
      communityId: village.id,
    });
    const [line] = await auditLinesOf(t.db, staffName, 'create_house');
    expect(line).toMatchObject({ entity: 'house', entity_id: String(created.id) });

    const list = (await send('GET', `/api/houses?q=${encodeURIComponent('小河村3组')}`, who.staff)).json();
    expect(list.items.map((h: { address: string }) => h.address)).toEqual(['山东省济南市平阴县孝直镇小河村3组15号']);
    const detail = (await send('GET', `/api/houses/${created.id}`, who.staff)).json();
    expect(detail).toMatchObject({ kind: 'village', estateName: null, buildingName: null, communityName: '小河村', doorNumber: '15号' });

    const view = 'west=116.38&south=36.19&east=116.40&north=36.21';
    const places = (await send('GET', `/api/map/places?${view}`, who.staff)).json();
    expect(places.items).toContainEqual({ kind: 'house', id: created.id, name: '3组15号', lon: 116.39, lat: 36.2 });
  });

  it('refuses a house of neither shape or both, a door without 号, no point, a taken 门牌, a village outside the scope — changing nothing', async () => {
    const before = await houses();
    const refusal = async (as: { cookie: string }, payload: object) => {
      const res = await send('POST', '/api/houses', as, payload);
      return [res.statusCode, res.json().code];
    };
    expect(await refusal(who.staff, { area: 90, houseUse: 'vacant' })).toEqual([400, 'VALIDATION']);
    expect(await refusal(who.staff, body({ unitId: 1 }))).toEqual([400, 'VALIDATION']);
    expect(await refusal(who.staff, body({ room: '101' }))).toEqual([400, 'VALIDATION']);
    expect(await refusal(who.staff, body({ doorNumber: '15' }))).toEqual([400, 'VALIDATION']);
    expect(await refusal(who.staff, body({ villageGroup: '3' }))).toEqual([400, 'VALIDATION']);
    expect(await refusal(who.staff, body({ lon: null, lat: null }))).toEqual([400, 'VALIDATION']);
    expect(await refusal(who.staff, body())).toEqual([409, 'HOUSE_EXISTS']);
    expect(await refusal(who.other, body({ doorNumber: '16号' }))).toEqual([404, 'PLACE_NOT_IN_SCOPE']);
    expect(await refusal(who.staff, body({ communityId: grid.id, doorNumber: '17号' }))).toEqual([404, 'COMMUNITY_NOT_FOUND']);
    const message = (await send('POST', '/api/houses', who.staff, body({ doorNumber: '15' }))).json().details.fields[0].message;
    expect(message).toBe('门牌号应以“号”结尾，例如 15号');
    expect(await houses()).toEqual(before);
  });

  it('corrects a village house: its 门牌 (the address follows) and point; an estate house field is refused, nothing changed', async () => {
    const created = (await send('POST', '/api/houses', who.staff, body({ doorNumber: '20号' }))).json();
    const form = (await send('GET', `/api/houses/${created.id}/form`, who.staff)).json();
    const before = await houses();
    const wrong = await send('PATCH', `/api/houses/${created.id}`, who.staff, { ...form, room: '101', floor: 1 });
    expect([wrong.statusCode, wrong.json().code, wrong.json().details.field]).toEqual([400, 'HOUSE_SHAPE', 'room']);
    expect(await houses()).toEqual(before);

    const res = await send('PATCH', `/api/houses/${created.id}`, who.staff, {
      ...form,
      villageGroup: '李家庄',
      doorNumber: '21号',
      lon: 116.391,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ address: '山东省济南市平阴县孝直镇小河村李家庄21号', lon: 116.391, doorNumber: '21号' });
    const [line] = (await auditLinesOf(t.db, staffName, 'update_house')).slice(-1);
    expect(line.detail).toMatchObject({
      address: '山东省济南市平阴县孝直镇小河村李家庄21号',
      from: '山东省济南市平阴县孝直镇小河村3组20号',
    });
  });

  it('puts a point near a village house in words by its 门牌: every process reloads the places it keeps', async () => {
    const created = await send('POST', '/api/houses', who.staff, body({ doorNumber: '40号', lon: 116.4, lat: 36.21 }));
    expect(created.statusCode, created.body).toBe(201);
    await expect
      .poll(async () => (await send('GET', '/api/map/locate?lon=116.40005&lat=36.21005', who.staff)).json().words)
      .toMatch(/3组40号附近约\d+米/);
  });

  it('carries the standard address and the point of the village house a case is reported from', async () => {
    const house = (await send('POST', '/api/houses', who.staff, body({ doorNumber: '30号', gridId: grid.id }))).json();
    const category = await categoryByCode(t.db, 'neighbour_dispute');
    const res = await send('POST', '/api/cases', who.staff, {
      categoryId: category.id,
      description: '院墙倒塌影响邻居通行',
      houseId: house.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await t.db
      .selectFrom('cases')
      .select(['address', 'house_id', 'lon', 'lat', 'region_id'])
      .where('id', '=', res.json().caseId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      address: '山东省济南市平阴县孝直镇小河村3组30号',
      house_id: house.id,
      lon: 116.39,
      lat: 36.2,
      region_id: grid.id,
    });
  });
});
