import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildGrid, buildHouse, buildResident, buildUser, regionByName, seedTestRegions } from '../../test/factories.js';

/**
 * 房屋 and 网格 edited through the API (docs/decisions/022): a house is registered in a unit
 * and takes its 标准地址 from the places above it; where it lies (its grid, else its community)
 * must be the viewer's, so a grid worker registers houses of their own grid only. Grids are
 * their community's staff's (places.write) and carry the community's name. Refusals change
 * nothing; every change is audited.
 */
describe('editing houses and grids', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  const who: Record<string, { cookie: string }> = {};
  let staffName: string;
  let gridWorkerName: string;
  let jinyuan: { id: number; name: string };
  let house: Awaited<ReturnType<typeof buildHouse>>;
  let unitId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    jinyuan = await regionByName(t.db, '锦源社区');
    const jindong = await regionByName(t.db, '锦东社区');
    house = await buildHouse(t.db, '锦源社区');
    await buildResident(t.db, house);
    unitId = (await t.db.selectFrom('houses').select('unit_id').where('id', '=', house.id).executeTakeFirstOrThrow()).unit_id!;
    staffName = await buildUser(t.db, 'community_staff', jinyuan.id);
    gridWorkerName = await buildUser(t.db, 'grid_worker', house.grid_id!);
    who.staff = await loginAs(t.app, staffName);
    who.grid = await loginAs(t.app, gridWorkerName);
    who.other = await loginAs(t.app, await buildUser(t.db, 'community_staff', jindong.id));
    who.leader = await loginAs(t.app, await buildUser(t.db, 'leader', jinyuan.id));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const send = (method: 'POST' | 'PATCH' | 'GET', url: string, as: { cookie: string }, payload?: object) =>
    t.app.inject({ method, url, headers: as, ...(payload ? { payload } : {}) });
  const houseCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('houses')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const rented = { houseUse: 'rented', rentalMode: 'whole', rentalChannel: 'agency', monthlyRent: 1200, tenantCount: 2 };

  it('registers a house in a unit with its standard address, and a grid worker one in their grid, audited', async () => {
    const res = await send('POST', '/api/houses', who.grid, { unitId, room: '1801', floor: 18, area: 96.456, ...rented });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ unitId, room: '1801', floor: 18, area: 96.46, gridId: house.grid_id, monthlyRent: 1200 });
    expect(created.address).toMatch(/^山东省济南市平阴县榆山街道锦源社区.+1单元1801室$/);
    expect((await send('GET', `/api/houses/${created.id}`, who.staff)).json().address).toBe(created.address);
    expect((await auditLinesOf(t.db, gridWorkerName, 'create_house')).length).toBe(1);

    // The same room again, a rented house without its terms, a floor out of range: refused, nothing written.
    const before = await houseCount();
    const again = await send('POST', '/api/houses', who.staff, { unitId, room: '1801', floor: 18, area: 90, houseUse: 'vacant' });
    expect([again.statusCode, again.json().code, again.json().details.field]).toEqual([409, 'HOUSE_EXISTS', 'room']);
    expect(
      (await send('POST', '/api/houses', who.staff, { unitId, room: '1802', floor: 18, area: 90, houseUse: 'rented' })).statusCode,
    ).toBe(400);
    expect(
      (await send('POST', '/api/houses', who.staff, { unitId, room: '1803', floor: 300, area: 90, houseUse: 'vacant' })).statusCode,
    ).toBe(400);
    expect(await houseCount()).toBe(before);
  });

  it('corrects a house: room and use, the rental terms dropped when it is no longer rented, residents following its grid', async () => {
    const grid = await buildGrid(t.db, '锦源社区');
    const form = (await send('GET', `/api/houses/${house.id}/form`, who.staff)).json();
    const res = await send('PATCH', `/api/houses/${house.id}`, who.staff, {
      ...form,
      room: '2201',
      houseUse: 'vacant',
      rentalMode: 'whole',
      gridId: grid.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ room: '2201', houseUse: 'vacant', rentalMode: null, gridId: grid.id });
    expect(res.json().address).toMatch(/1单元2201室$/);
    const people = await t.db.selectFrom('residents').select(['grid_id', 'region_path']).where('house_id', '=', house.id).execute();
    expect(people).toEqual([{ grid_id: grid.id, region_path: grid.path }]);
    const [line] = await auditLinesOf(t.db, staffName, 'update_house');
    expect(line.detail).toMatchObject({ address: res.json().address, from: house.standard_address });
  });

  it('keeps houses to the scope: another community 404, a grid worker outside their grid 404, a leader 403', async () => {
    const before = await houseCount();
    const body = { unitId, room: '3001', floor: 3, area: 60, houseUse: 'owner_occupied' };
    expect((await send('POST', '/api/houses', who.other, body)).statusCode).toBe(404);
    // The house moved to another grid above: no longer the grid worker's.
    expect((await send('GET', `/api/houses/${house.id}/form`, who.grid)).statusCode).toBe(404);
    const elsewhere = await buildGrid(t.db, '锦源社区');
    const moved = await send('POST', '/api/houses', who.grid, { ...body, gridId: elsewhere.id });
    expect([moved.statusCode, moved.json().code]).toEqual([404, 'PLACE_NOT_IN_SCOPE']);
    expect((await send('PATCH', `/api/houses/${house.id}`, who.other, { ...body, unitId: undefined })).statusCode).toBe(404);
    expect((await send('POST', '/api/houses', who.leader, body)).statusCode).toBe(403);
    expect(await houseCount()).toBe(before);
  });

  it('makes a grid named after its community with a local code, renames it, and refuses a name taken', async () => {
    const res = await send('POST', '/api/grids', who.staff, { communityId: jinyuan.id, name: '第九十九网格' });
    expect(res.statusCode, res.body).toBe(201);
    const grid = res.json();
    expect(grid).toMatchObject({ communityId: jinyuan.id, name: '第九十九网格', fullName: '锦源社区第九十九网格' });
    expect(grid.code).toMatch(/^L\d+$/);
    expect((await send('GET', `/api/grids/${grid.id}`, who.staff)).json().name).toBe('锦源社区第九十九网格');

    const taken = await send('POST', '/api/grids', who.staff, { communityId: jinyuan.id, name: '锦源社区第九十九网格' });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'GRID_EXISTS']);
    expect((await send('POST', '/api/grids', who.staff, { communityId: jinyuan.id, name: '九十九' })).statusCode).toBe(400);

    const renamed = await send('PATCH', `/api/grids/${grid.id}`, who.staff, { name: '第一百网格' });
    expect(renamed.json()).toMatchObject({ name: '第一百网格', fullName: '锦源社区第一百网格', code: grid.code });
    expect((await auditLinesOf(t.db, staffName, 'create_grid')).length).toBe(1);
    expect((await auditLinesOf(t.db, staffName, 'update_grid'))[0].detail).toMatchObject({ from: '锦源社区第九十九网格' });

    // Another community's staff do not see it; a grid worker does not make grids.
    expect((await send('PATCH', `/api/grids/${grid.id}`, who.other, { name: '第二百网格' })).statusCode).toBe(404);
    expect((await send('POST', '/api/grids', who.other, { communityId: jinyuan.id, name: '第二百网格' })).statusCode).toBe(404);
    expect((await send('POST', '/api/grids', who.grid, { communityId: jinyuan.id, name: '第二百网格' })).statusCode).toBe(403);
    expect((await send('GET', `/api/grids/${grid.id}/form`, who.staff)).json().name).toBe('第一百网格');
  });

  it('places a building on the map when it is made and when it is edited', async () => {
    const created = await send('POST', `/api/estates/${house.estateId}/buildings`, who.staff, {
      name: '坐标楼',
      floors: 6,
      units: 1,
      lon: 116.4501,
      lat: 36.2851,
    });
    expect(created.statusCode, created.body).toBe(201);
    const half = await send('PATCH', `/api/estates/${house.estateId}/buildings/${created.json().id}`, who.staff, { lon: 116.46 });
    expect(half.statusCode).toBe(400);
    await send('PATCH', `/api/estates/${house.estateId}/buildings/${created.json().id}`, who.staff, { lon: 116.46, lat: 36.29 });
    const detail = (await send('GET', `/api/estates/${house.estateId}`, who.staff)).json();
    expect(detail.buildings.find((b: { name: string }) => b.name === '坐标楼')).toMatchObject({ lon: 116.46, lat: 36.29 });
  });
});
