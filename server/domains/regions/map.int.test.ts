import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offsetMetres } from '../../../common/geo.js';
import { contains, polygonsOf } from '../../platform/geo/areas.js';
import { countyCenter } from '../../platform/geo/county-boundary.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildUser, categoryByCode, regionByName, seedCasework } from '../../test/factories.js';
import { deriveAreas, importMapLayer } from './index.js';

/**
 * The maps' API on a real database: the base map from configuration, the county's areas derived
 * from positions (labelled approximate), the places in view, a point in words — and a case
 * reported at a point stores and shows it.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let resident: string;
const [lon0, lat0] = countyCenter();
const building = offsetMetres({ lon: lon0, lat: lat0 }, 200, 100);

beforeAll(async () => {
  t = await buildTestApp();
  await seedCasework(t.db);
  // Positions as a county enters them: the two streets of the seat, 锦源社区 and 锦东社区 2 km apart.
  const place = async (name: string, east: number, north: number) => {
    const p = offsetMetres({ lon: lon0, lat: lat0 }, east, north);
    await t.db.updateTable('regions').set(p).where('name', '=', name).execute();
  };
  await place('榆山街道', 0, 0);
  await place('锦水街道', 4000, 0);
  await place('锦源社区', 0, 0);
  await place('锦东社区', 2000, 0);
  const home = await buildHouse(t.db, '锦源社区', { estate: '锦绣花园' });
  await t.db
    .updateTable('estates')
    .set(offsetMetres({ lon: lon0, lat: lat0 }, 150, 150))
    .where('id', '=', home.estateId)
    .execute();
  await t.db
    .updateTable('buildings')
    .set({ ...building, name: '3号楼' })
    .where('estate_id', '=', home.estateId)
    .execute();
  await deriveAreas(t.db);
  resident = (await loginAs(t.app, await buildUser(t.db, 'resident', (await regionByName(t.db, '锦源社区')).id))).cookie;
});
afterAll(async () => t.close());

const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });

describe('the maps API', () => {
  it('serves the base map from configuration: none configured, the platform draws its own layers', async () => {
    expect((await get('/api/map/config')).json()).toEqual({ tiles: { kind: 'none' } });
  });

  it("gives towns and communities approximate areas that hold their positions, inside their town's", async () => {
    const res = await get('/api/map/areas');
    expect(res.statusCode).toBe(200);
    const items: {
      name: string;
      level: string;
      source: string | null;
      geometry: { type: string; coordinates: unknown } | null;
      lon: number;
      lat: number;
    }[] = res.json().items;
    const jinyuan = items.find((a) => a.name === '锦源社区')!;
    const yushan = items.find((a) => a.name === '榆山街道')!;
    expect(jinyuan).toMatchObject({ level: 'community', source: 'approximate', townName: '榆山街道' });
    expect(contains(polygonsOf(jinyuan.geometry!), jinyuan.lon, jinyuan.lat)).toBe(true);
    expect(contains(polygonsOf(yushan.geometry!), jinyuan.lon, jinyuan.lat)).toBe(true);
    // A community without a position has no area to draw yet.
    expect(items.find((a) => a.name === '文昌社区')).toMatchObject({ source: null, geometry: null });
  });

  it('lists the estates and buildings in view, for anyone signed in, and refuses a view too large', async () => {
    const view = `west=${lon0 - 0.01}&south=${lat0 - 0.01}&east=${lon0 + 0.01}&north=${lat0 + 0.01}`;
    expect((await get(`/api/map/places?${view}`)).statusCode).toBe(401);
    const res = await get(`/api/map/places?${view}`, resident);
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.map((p: { kind: string; name: string }) => `${p.kind}:${p.name}`)
        .sort(),
    ).toEqual(['building:锦绣花园3号楼', 'estate:锦绣花园']);
    const wide = await get(`/api/map/places?west=116&south=36&east=117&north=37`, resident);
    expect(wide.statusCode).toBe(400);
  });

  it('says where a point is: its community and the nearest building, in words', async () => {
    const p = offsetMetres(building, 15, 12);
    const res = await get(`/api/map/locate?lon=${p.lon}&lat=${p.lat}`, resident);
    expect(res.json()).toMatchObject({ communityName: '锦源社区', townName: '榆山街道', words: '锦源社区 · 锦绣花园3号楼附近约20米' });
  });

  it('names an estate entered in the admin a moment ago: every process reloads the places it keeps', async () => {
    const admin = (await loginAs(t.app, await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id))).cookie;
    const spot = offsetMetres({ lon: lon0, lat: lat0 }, 900, -700); // far from 锦绣花园's buildings
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/estates',
      headers: { cookie: admin },
      payload: { communityId: (await regionByName(t.db, '锦源社区')).id, name: '新建花园', address: '锦源路9号', ...spot },
    });
    expect(created.statusCode, created.body).toBe(201);
    await expect
      .poll(async () => (await get(`/api/map/locate?lon=${spot.lon}&lat=${spot.lat + 0.0002}`, resident)).json().words)
      .toBe('锦源社区 · 新建花园附近');
  });

  it('stores a reported point in words and shows it with the case', async () => {
    const streetlight = await categoryByCode(t.db, 'streetlight');
    const p = offsetMetres(building, -30, 0);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: resident },
      payload: { categoryId: streetlight.id, description: '楼下路灯不亮', attributes: { pole_no: 'LD-1' }, lon: p.lon, lat: p.lat },
    });
    expect(created.statusCode, created.body).toBe(201);
    const detail = (await get(`/api/cases/${created.json().caseId}`, resident)).json();
    expect(detail.location).toBe('锦源社区 · 锦绣花园3号楼附近约30米');
  });

  it('imports an official boundary by name, reports what it cannot match, and derives the neighbours around it', async () => {
    const sw = offsetMetres({ lon: lon0, lat: lat0 }, -600, -600);
    const ne = offsetMetres({ lon: lon0, lat: lat0 }, 1400, 600); // past the 1 km where the cells met
    const square = [
      [
        [sw.lon, sw.lat],
        [ne.lon, sw.lat],
        [ne.lon, ne.lat],
        [sw.lon, ne.lat],
        [sw.lon, sw.lat],
      ],
    ];
    const file = {
      features: [
        { properties: { XZQMC: '锦源社区' }, geometry: { type: 'Polygon', coordinates: square } },
        { properties: { XZQMC: '不存在社区', XZQDM: '370124999999' }, geometry: { type: 'Polygon', coordinates: square } },
      ],
    };
    const result = await importMapLayer(
      t.db,
      {
        kind: 'boundaries',
        crs: 'gcj02',
        encoding: 'auto',
        files: [{ name: '锦源社区边界.geojson', bytes: Buffer.from(JSON.stringify(file)) }],
      },
      null,
    );
    if (result.kind !== 'boundaries') throw new Error('a boundary report');
    expect(result.matched.map((m) => m.name)).toEqual(['锦源社区']);
    expect(result.unmatched).toEqual([
      { feature: 2, code: '370124999999', name: '不存在社区', reason: '未找到同代码或同名称的镇街、社区村' },
    ]);
    const items: { name: string; source: string; geometry: { type: string; coordinates: unknown } }[] = (await get('/api/map/areas')).json()
      .items;
    expect(items.find((a) => a.name === '锦源社区')).toMatchObject({
      source: 'official',
      geometry: { type: 'Polygon', coordinates: square },
    });
    // 锦东社区's approximate area no longer reaches into the official one.
    const jindong = polygonsOf(items.find((a) => a.name === '锦东社区')!.geometry);
    const inside = offsetMetres({ lon: lon0, lat: lat0 }, 1200, 0); // 锦东's before the import
    expect(contains(jindong, inside.lon, inside.lat)).toBe(false);
    expect(items.find((a) => a.name === '锦东社区')!.source).toBe('approximate');
    // The running server's copy of the areas heard the import: the point is 锦源社区's now.
    await expect
      .poll(async () => (await get(`/api/map/locate?lon=${inside.lon}&lat=${inside.lat}`, resident)).json().communityName)
      .toBe('锦源社区');
  });
});
