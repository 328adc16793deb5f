import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offsetMetres } from '../../../common/geo.js';
import { countyCenter } from '../../platform/geo/county-boundary.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildUser, regionByName, seedCasework } from '../../test/factories.js';
import { deriveAreas } from './index.js';

/**
 * 地图数据 through the running server (decision 048): the county administrator uploads official
 * boundaries and the road layer as multipart, reads the report, and the maps and the words of a
 * point follow at once; a file that cannot be used changes nothing; only the county may import.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let admin: { cookie: string; username: string };
let community: string;
const [lon0, lat0] = countyCenter();
const at = (east: number, north: number) => {
  const p = offsetMetres({ lon: lon0, lat: lat0 }, east, north);
  return [p.lon, p.lat];
};

beforeAll(async () => {
  t = await buildTestApp();
  await seedCasework(t.db);
  await t.db.updateTable('regions').set({ lon: lon0, lat: lat0 }).where('name', 'in', ['榆山街道', '锦源社区']).execute();
  await deriveAreas(t.db);
  const username = await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id);
  admin = { username, cookie: (await loginAs(t.app, username)).cookie };
  community = (await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id))).cookie;
});
afterAll(async () => t.close());

/** A multipart body as the admin page sends it: the fields first, then the files. */
function upload(cookie: string, fields: Record<string, string>, files: { name: string; content: string | Buffer }[]) {
  const boundary = '----cgmap';
  const parts = [
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    ...files.flatMap((f) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(f.name)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(f.content),
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ];
  return t.app.inject({
    method: 'POST',
    url: '/api/map/imports',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}
const collection = (...features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const line = (name: string | null, ...points: number[][]) => ({
  type: 'Feature',
  properties: name ? { name } : {},
  geometry: { type: 'LineString', coordinates: points },
});

describe('POST /api/map/imports', () => {
  it('imports official boundaries: matched, unmatched with the reason, approximate areas derived again, audited', async () => {
    const square = [[at(-800, -800), at(800, -800), at(800, 800), at(-800, 800), at(-800, -800)]];
    const res = await upload(admin.cookie, { kind: 'boundaries', crs: 'gcj02', encoding: 'auto' }, [
      {
        name: 'boundaries.geojson',
        content: collection(
          { type: 'Feature', properties: { XZQMC: '锦源社区' }, geometry: { type: 'Polygon', coordinates: square } },
          { type: 'Feature', properties: { XZQMC: '无此社区' }, geometry: { type: 'Polygon', coordinates: square } },
        ),
      },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ kind: 'boundaries', file: 'boundaries.geojson', matched: [{ name: '锦源社区', level: 'community' }] });
    expect(report.unmatched).toEqual([{ feature: 2, code: null, name: '无此社区', reason: '未找到同代码或同名称的镇街、社区村' }]);
    expect(report.derived).toBeGreaterThan(0);
    const areas = (await t.app.inject({ url: '/api/map/areas' })).json().items as { name: string; source: string }[];
    expect(areas.find((a) => a.name === '锦源社区')?.source).toBe('official');
    expect(await auditLinesOf(t.db, admin.username, 'import_boundaries')).toHaveLength(1);
  });

  it('imports roads, reports what it refused, draws them, and names the nearest in a point in words', async () => {
    const res = await upload(admin.cookie, { kind: 'roads', crs: 'gcj02' }, [
      {
        name: 'roads.geojson',
        content: collection(line('人民路', at(-1500, 600), at(1500, 600)), line(null, at(0, 0), at(0, 100)), {
          type: 'Feature',
          properties: { name: '一个点' },
          geometry: { type: 'Point', coordinates: at(0, 0) },
        }),
      },
      // Chosen with it, as a Shapefile's companions are: accepted, not read (decision 048).
      { name: 'roads.prj', content: 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'roads',
      roads: [{ name: '人民路', kind: null, features: 1 }],
      refused: [
        { feature: 2, name: null, reason: '缺少道路名称（name、MC 或“名称”字段）' },
        { feature: 3, name: '一个点', reason: '不是线要素（LineString 或 MultiLineString），或坐标不是经纬度' },
      ],
      replaced: 0,
    });
    const [west, south] = at(-3000, -3000);
    const [east, north] = at(3000, 3000);
    const roads = await t.app.inject({
      url: `/api/map/roads?west=${west}&south=${south}&east=${east}&north=${north}`,
      headers: { cookie: community },
    });
    expect(roads.json().items.map((r: { name: string }) => r.name)).toEqual(['人民路']);
    // Every process's places reload on the trigger's notice; this one's too.
    const [lon, lat] = at(300, 570);
    await expect
      .poll(async () => (await t.app.inject({ url: `/api/map/locate?lon=${lon}&lat=${lat}`, headers: { cookie: community } })).json().words)
      .toBe('锦源社区 · 人民路旁约30米');
    expect(await auditLinesOf(t.db, admin.username, 'import_roads')).toHaveLength(1);
  });

  it('refuses what it cannot use with a clear reason and changes nothing', async () => {
    const before = await t.db.selectFrom('roads').select(['name']).execute();
    const refusals = [
      await upload(admin.cookie, { kind: 'roads', crs: 'gcj02' }, [{ name: 'roads.geojson', content: '{ not json' }]),
      await upload(admin.cookie, { kind: 'roads', crs: 'gcj02' }, [{ name: 'roads.shp', content: Buffer.from([0, 0, 39, 10]) }]),
      await upload(admin.cookie, { kind: 'roads', crs: 'gcj02' }, [{ name: 'roads.kml', content: '<kml/>' }]),
      await upload(admin.cookie, { kind: 'roads', crs: 'mars' }, [{ name: 'roads.geojson', content: collection() }]),
      await upload(admin.cookie, { kind: 'roads', crs: 'gcj02' }, [
        { name: 'roads.geojson', content: collection(line(null, at(0, 0), at(9, 9))) },
      ]),
    ];
    expect(refusals.map((r) => [r.statusCode, r.json().message])).toEqual([
      [400, 'GeoJSON 文件无法解析'],
      [400, 'Shapefile 须同时提供同名的 .dbf 属性文件'],
      [400, '不能识别的文件 roads.kml：只接受 .geojson、.json，或 .shp 与同名的 .dbf（可附 .cpg、.prj）'],
      [400, '请选择坐标系'],
      [400, '文件中没有可导入的道路（第 1 个要素缺少道路名称（name、MC 或“名称”字段）），原有道路未改动'],
    ]);
    expect(await t.db.selectFrom('roads').select(['name']).execute()).toEqual(before);
    expect(await auditLinesOf(t.db, admin.username, 'import_roads')).toHaveLength(1);
  });

  it('is the county administrator’s: a community’s staff are refused', async () => {
    const res = await upload(community, { kind: 'roads', crs: 'gcj02' }, [{ name: 'roads.geojson', content: collection() }]);
    expect(res.statusCode).toBe(403);
  });
});
