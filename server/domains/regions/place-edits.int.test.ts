import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildGrid, buildHouse, buildResident, buildUser, regionByName, seedTestRegions } from '../../test/factories.js';

/**
 * 小区, 楼栋 and 车辆 edited through the API (docs/decisions/019): a community's staff in their
 * community only, a grid worker no estate but the cars of their grid; names and plates taken
 * are 409 with the field, bad input 400, and nothing changes; every change audited.
 */
describe('editing places and vehicles', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  const who: Record<string, { cookie: string }> = {};
  let staffName: string;
  let jinyuan: { id: number };
  let jindong: { id: number };
  let house: Awaited<ReturnType<typeof buildHouse>>;
  let owner: { id: number };

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    jinyuan = await regionByName(t.db, '锦源社区');
    jindong = await regionByName(t.db, '锦东社区');
    house = await buildHouse(t.db, '锦源社区');
    owner = await buildResident(t.db, house);
    staffName = await buildUser(t.db, 'community_staff', jinyuan.id);
    who.staff = await loginAs(t.app, staffName);
    who.grid = await loginAs(t.app, await buildUser(t.db, 'grid_worker', house.grid_id!));
    who.other = await loginAs(t.app, await buildUser(t.db, 'community_staff', jindong.id));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const send = (method: 'POST' | 'PATCH' | 'GET', url: string, as: { cookie: string }, payload?: object) =>
    t.app.inject({ method, url, headers: as, ...(payload ? { payload } : {}) });

  it('creates an estate with its GCJ-02 point and a building with its units, audited', async () => {
    const res = await send('POST', '/api/estates', who.staff, {
      communityId: jinyuan.id,
      name: '新建花园',
      address: '榆山路8号',
      builtYear: 2015,
      lon: 116.451,
      lat: 36.287,
    });
    expect(res.statusCode).toBe(201);
    const estate = res.json();
    expect(estate).toMatchObject({ communityId: jinyuan.id, name: '新建花园', lon: 116.451, lat: 36.287 });
    const grid = await buildGrid(t.db, '锦源社区');
    const building = await send('POST', `/api/estates/${estate.id}/buildings`, who.staff, {
      name: '1号楼',
      floors: 11,
      units: 3,
      gridId: grid.id,
    });
    expect(building.statusCode).toBe(201);
    const detail = (await send('GET', `/api/estates/${estate.id}`, who.staff)).json();
    expect(detail.buildings[0]).toMatchObject({
      name: '1号楼',
      floors: 11,
      units: [{ name: '1单元' }, { name: '2单元' }, { name: '3单元' }],
    });
    expect((await auditLinesOf(t.db, staffName, 'create_estate')).length).toBe(1);
    expect((await auditLinesOf(t.db, staffName, 'create_building')).length).toBe(1);

    // A name taken, a lone coordinate, a grid of another community: refused, nothing written.
    const again = await send('POST', '/api/estates', who.staff, { communityId: jinyuan.id, name: '新建花园', address: '另一路' });
    expect([again.statusCode, again.json().code, again.json().details.field]).toEqual([409, 'ESTATE_EXISTS', 'name']);
    expect(
      (await send('POST', '/api/estates', who.staff, { communityId: jinyuan.id, name: '半个点', address: '路', lon: 116.4 })).statusCode,
    ).toBe(400);
    const otherGrid = await buildGrid(t.db, '锦东社区');
    const wrongGrid = await send('POST', `/api/estates/${estate.id}/buildings`, who.staff, {
      name: '2号楼',
      floors: 6,
      units: 1,
      gridId: otherGrid.id,
    });
    expect(wrongGrid.json().code).toBe('GRID_NOT_FOUND');
    expect((await send('POST', `/api/estates/${estate.id}/buildings`, who.staff, { name: '1号楼', floors: 6, units: 1 })).json().code).toBe(
      'BUILDING_EXISTS',
    );
    expect((await send('GET', `/api/estates/${estate.id}`, who.staff)).json().buildings).toHaveLength(1);
  });

  it('keeps estates to their community: another community 404, a grid worker none', async () => {
    expect((await send('POST', '/api/estates', who.other, { communityId: jinyuan.id, name: '越界花园', address: '路' })).statusCode).toBe(
      404,
    );
    expect((await send('PATCH', `/api/estates/${house.estateId}`, who.other, { address: '改' })).statusCode).toBe(404);
    expect((await send('PATCH', `/api/estates/${house.estateId}`, who.grid, { address: '改' })).statusCode).toBe(403);
  });

  it('refuses to rename an estate whose houses carry its name in their addresses', async () => {
    const res = await send('PATCH', `/api/estates/${house.estateId}`, who.staff, { name: '改名花园' });
    expect(res.json().code).toBe('ESTATE_HAS_HOUSES');
    const ok = await send('PATCH', `/api/estates/${house.estateId}`, who.staff, { address: '榆山路9号', lon: 116.46, lat: 36.29 });
    expect(ok.json()).toMatchObject({ address: '榆山路9号', lon: 116.46, lat: 36.29 });
  });

  it("registers a grid worker's car by its owner's home, and refuses a plate taken or malformed", async () => {
    const res = await send('POST', '/api/vehicles', who.grid, { plate: '鲁a·88k01', vehicleType: 'car', ownerId: owner.id, color: '黑' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ plate: '鲁A88K01', ownerId: owner.id, color: '黑' });
    const taken = await send('POST', '/api/vehicles', who.staff, { plate: '鲁A88K01', vehicleType: 'suv', estateId: house.estateId });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'PLATE_EXISTS']);
    expect(
      (await send('POST', '/api/vehicles', who.staff, { plate: 'ABC', vehicleType: 'car', estateId: house.estateId })).statusCode,
    ).toBe(400);
    expect((await send('POST', '/api/vehicles', who.other, { plate: '鲁A77K02', vehicleType: 'car', ownerId: owner.id })).json().code).toBe(
      'OWNER_NOT_FOUND',
    );
    const moved = await send('PATCH', `/api/vehicles/${res.json().id}`, who.staff, { estateId: house.estateId, parkingSpace: 'B-12' });
    expect(moved.json()).toMatchObject({ estateId: house.estateId, parkingSpace: 'B-12' });
    expect((await send('PATCH', `/api/vehicles/${res.json().id}`, who.other, { color: '白' })).statusCode).toBe(404);
  });
});
