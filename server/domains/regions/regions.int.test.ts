import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionNode } from '../../../common/contracts/regions.js';
import { manualClock } from '../../platform/clock.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildResident, buildUser, makeIdCard, regionByName, seedTestRegions } from '../../test/factories.js';

/**
 * The region tree and its places through the API on a real database: what each viewer sees of
 * the tree, a region's figures, and estates, houses and grids — scoped by region (404 outside
 * it, never in a list) and, for property staff, by their company's estates.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;
// 07:30 on 5 December 2026 in Pingyin, still the 4th in UTC.
const clock = manualClock('2026-12-04T23:30:00Z');

async function world() {
  await seedTestRegions(t.db);
  const jinyuan = await regionByName(t.db, '锦源社区');
  const home = await buildHouse(t.db, '锦源社区', { estate: '锦绣花园', room: '101' });
  const rented = await buildHouse(t.db, '锦源社区', { estate: '锦绣花园', houseUse: 'rented', room: '102' });
  const other = await buildHouse(t.db, '锦源社区', { estate: '金水苑' });
  const foreign = await buildHouse(t.db, '锦东社区', { estate: '东苑' });
  // Sixty on the 5th, the day it is in Pingyin.
  const elder = await buildResident(t.db, home, { name: '王秀兰', idCard: makeIdCard('19661205', 'female') });
  const young = await buildResident(t.db, home, { name: '王小明', birth: '20000101' });
  await buildResident(t.db, foreign, { name: '李东' });
  const household = await t.db
    .insertInto('households')
    .values({ household_no: 'HH-JY-1', house_id: home.id, region_path: home.region_path, householder_id: elder.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.updateTable('residents').set({ household_id: household.id }).where('id', 'in', [elder.id, young.id]).execute();
  await t.db
    .insertInto('vehicles')
    .values({ plate: '鲁A00001', vehicle_type: 'car', owner_id: elder.id, estate_id: home.estateId, region_path: home.region_path })
    .execute();
  await t.db
    .insertInto('grid_workers')
    .values([
      { grid_id: home.grid_id!, region_path: home.region_path, name: '赵网格', phone: '13600000001', employment: 'part_time' },
      { grid_id: home.grid_id!, region_path: home.region_path, name: '钱网格', phone: '13600000002', employment: 'full_time' },
    ])
    .execute();
  const company = await t.db.insertInto('property_companies').values({ name: '锦绣物业' }).returning('id').executeTakeFirstOrThrow();
  await t.db.updateTable('estates').set({ property_company_id: company.id, built_year: 2008 }).where('id', '=', home.estateId).execute();
  const cookie = async (username: string) => (await loginAs(t.app, username)).cookie;
  return {
    jinyuan,
    home,
    rented,
    other,
    foreign,
    elder,
    company,
    county: await cookie(await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id)),
    desk: await cookie(await buildUser(t.db, 'community_staff', jinyuan.id)),
    worker: await cookie(await buildUser(t.db, 'grid_worker', home.grid_id!)),
    property: await cookie(await buildUser(t.db, 'property_staff', jinyuan.id, { propertyCompanyId: company.id })),
  };
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  w = await world();
});
afterAll(async () => t?.close());

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });
const names = (body: { items: { name?: string; address?: string }[] }) => body.items.map((i) => i.name ?? i.address).sort();

describe('the region tree', () => {
  it("is the viewer's region and everything under it, nested", async () => {
    const county = (await get(w.county, '/api/regions/tree')).json() as RegionNode;
    expect(county).toMatchObject({ name: '平阴县', level: 'county' });
    const town = county.children.find((c) => c.name === '榆山街道')!;
    expect(town.children.map((c) => c.name)).toContain('锦源社区');

    const community = (await get(w.desk, '/api/regions/tree')).json() as RegionNode;
    expect(community).toMatchObject({ id: w.jinyuan.id, name: '锦源社区', level: 'community', codeIsLocal: expect.any(Boolean) });
    expect(community.children.map((g) => g.id)).toContain(w.home.grid_id);
    expect(community.children.every((g) => g.level === 'grid' && g.children.length === 0)).toBe(true);
  });
});

describe("a region's page", () => {
  it("shows its ancestors and its figures, 60岁以上 counted on today's date in Pingyin", async () => {
    const res = await get(w.desk, `/api/regions/${w.jinyuan.id}`);
    expect(res.statusCode).toBe(200);
    const region = res.json();
    expect(region.ancestors.map((a: { name: string }) => a.name)).toEqual(['平阴县', '榆山街道']);
    expect(region.stats).toEqual({
      residents: 2,
      over60: 1,
      households: 1,
      houses: 3,
      rentedHouses: 1,
      vehicles: 1,
      grids: 3,
      gridWorkers: 2,
    });
  });

  it("gives property staff the whole region's figures, not only their estates'", async () => {
    expect((await get(w.property, `/api/regions/${w.jinyuan.id}`)).json().stats).toMatchObject({ houses: 3, residents: 2 });
  });

  it("answers 404 for a region outside the viewer's", async () => {
    expect((await get(w.desk, `/api/regions/${w.foreign.grid_id}`)).statusCode).toBe(404);
    expect((await get(w.worker, `/api/regions/${w.jinyuan.id}`)).statusCode).toBe(404);
    expect((await get(w.worker, `/api/regions/${w.home.grid_id}`)).json().stats).toMatchObject({ residents: 2, gridWorkers: 2 });
  });
});

describe('estates', () => {
  it("lists the scope's estates; a grid worker sees the estates with a house in their grid", async () => {
    expect(names((await get(w.desk, '/api/estates')).json())).toEqual(['金水苑', '锦绣花园']);
    expect(names((await get(w.desk, `/api/estates?q=${encodeURIComponent('锦绣')}`)).json())).toEqual(['锦绣花园']);
    expect(names((await get(w.worker, '/api/estates')).json())).toEqual(['锦绣花园']);
    expect(names((await get(w.county, '/api/estates?pageSize=200')).json())).toEqual(
      expect.arrayContaining(['东苑', '金水苑', '锦绣花园']),
    );
  });

  it("keeps property staff to their company's estates", async () => {
    expect(names((await get(w.property, '/api/estates')).json())).toEqual(['锦绣花园']);
    expect((await get(w.property, `/api/estates/${w.other.estateId}`)).statusCode).toBe(404);
  });

  it("shows an estate with its company and its buildings' units", async () => {
    const estate = (await get(w.desk, `/api/estates/${w.home.estateId}`)).json();
    expect(estate).toMatchObject({
      name: '锦绣花园',
      builtYear: 2008,
      propertyCompany: { id: w.company.id, name: '锦绣物业' },
      buildingCount: 2,
      houseCount: 2,
    });
    expect(estate.buildings).toHaveLength(2);
    expect(estate.buildings[0].units).toEqual([{ id: expect.any(Number), name: '1单元', houseCount: 1 }]);
    expect((await get(w.desk, `/api/estates/${w.foreign.estateId}`)).statusCode).toBe(404);
  });
});

describe('houses', () => {
  it("lists, searches and filters the scope's houses", async () => {
    expect((await get(w.desk, '/api/houses')).json().total).toBe(3);
    expect((await get(w.desk, '/api/houses?houseUse=rented')).json().items.map((h: { id: number }) => h.id)).toEqual([w.rented.id]);
    expect((await get(w.desk, `/api/houses?estateId=${w.other.estateId}`)).json().items.map((h: { id: number }) => h.id)).toEqual([
      w.other.id,
    ]);
    expect((await get(w.desk, `/api/houses?q=${encodeURIComponent('锦绣花园')}`)).json().total).toBe(2);
    // A % typed into the search is a character, not a wildcard.
    expect((await get(w.desk, '/api/houses?q=%25')).json().total).toBe(0);
    expect((await get(w.property, '/api/houses')).json().total).toBe(2);
  });

  it('shows a house with its households, and its residents to roles that read residents', async () => {
    const house = (await get(w.desk, `/api/houses/${w.home.id}`)).json();
    expect(house).toMatchObject({ address: w.home.standard_address, estateName: '锦绣花园', room: '101', area: 88.5, residentCount: 2 });
    expect(house.households).toEqual([{ id: expect.any(Number), householdNo: 'HH-JY-1', householderName: '王秀兰' }]);
    expect(house.residents.map((r: { name: string }) => r.name).sort()).toEqual(['王小明', '王秀兰']);
    const elder = house.residents.find((r: { name: string }) => r.name === '王秀兰');
    expect(elder).toMatchObject({ age: 60, tags: ['over_60'] });
    expect((await get(w.property, `/api/houses/${w.home.id}`)).json().residents).toEqual([]);
  });

  it("answers 404 for a house outside the scope, or outside property staff's estates", async () => {
    expect((await get(w.desk, `/api/houses/${w.foreign.id}`)).statusCode).toBe(404);
    expect((await get(w.property, `/api/houses/${w.other.id}`)).statusCode).toBe(404);
    expect((await get(w.desk, `/api/houses?regionId=${w.foreign.grid_id}`)).statusCode).toBe(404);
  });
});

describe('grids', () => {
  it("lists the scope's grids with their workers, full-time first", async () => {
    const page = (await get(w.desk, '/api/grids')).json();
    expect(page.total).toBe(3);
    const grid = page.items.find((g: { id: number }) => g.id === w.home.grid_id);
    expect(grid).toMatchObject({ communityName: '锦源社区', houseCount: 1, residentCount: 2 });
    expect(grid.workers.map((x: { name: string }) => x.name)).toEqual(['钱网格', '赵网格']);
    expect((await get(w.worker, '/api/grids')).json().items.map((g: { id: number }) => g.id)).toEqual([w.home.grid_id]);
  });

  it("shows a grid with its houses, and answers 404 for another community's", async () => {
    const grid = (await get(w.desk, `/api/grids/${w.home.grid_id}`)).json();
    expect(grid.houses).toMatchObject({ total: 1, items: [{ id: w.home.id }] });
    expect((await get(w.desk, `/api/grids/${w.foreign.grid_id}`)).statusCode).toBe(404);
    expect((await get(w.desk, `/api/grids/${w.jinyuan.id}`)).statusCode).toBe(404);
  });
});
