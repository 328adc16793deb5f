import { describe, expect, it } from 'vitest';
import { offsetMetres } from '../../../common/geo.js';
import { AppError } from '../../platform/errors.js';
import { countyCenter } from '../../platform/geo/county-boundary.js';
import { readRoadFile } from '../../platform/geo/road-file.js';
import type { RoadsRepository, RoadWrite } from './roads.repository.js';
import { importRoads } from './roads.service.js';

const [lon0, lat0] = countyCenter();
const at = (east: number, north: number) => {
  const p = offsetMetres({ lon: lon0, lat: lat0 }, east, north);
  return [p.lon, p.lat];
};
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const file = (...features: unknown[]) => ({
  name: '道路.geojson',
  bytes: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })),
});

function fakeRepo(before = 4) {
  const stored: RoadWrite[][] = [];
  const repo = { replaceAll: async (rows: readonly RoadWrite[]) => (stored.push([...rows]), before) } as unknown as RoadsRepository;
  return { repo, stored };
}

describe('importRoads', () => {
  it('stores the named lines, reports each feature it refuses and why, and says how many roads it replaced', async () => {
    const features = await readRoadFile(
      file(
        feature({ name: '人民路', highway: 'primary' }, { type: 'LineString', coordinates: [at(0, 0), at(800, 0)] }),
        feature({ MC: '人民路' }, { type: 'MultiLineString', coordinates: [[at(800, 0), at(1600, 50)]] }),
        feature({ 名称: '建设路', 等级: '城市道路' }, { type: 'LineString', coordinates: [at(0, -500), at(0, 500)] }),
        feature({}, { type: 'LineString', coordinates: [at(0, 0), at(0, 100)] }),
        feature({ name: '锦源社区' }, { type: 'Polygon', coordinates: [[at(0, 0), at(10, 0), at(10, 10), at(0, 0)]] }),
        feature({ name: '单点路' }, { type: 'LineString', coordinates: [at(0, 0)] }),
        feature({ name: '济南外环' }, { type: 'LineString', coordinates: [at(90_000, 0), at(91_000, 0)] }),
      ),
      'gcj02',
    );
    const { repo, stored } = fakeRepo();
    const report = await importRoads(repo, features, '道路.geojson');
    expect(report.roads).toEqual([
      { name: '人民路', kind: 'primary', features: 2 },
      { name: '建设路', kind: '城市道路', features: 1 },
    ]);
    expect(report.refused).toEqual([
      { feature: 4, name: null, reason: '缺少道路名称（name、MC 或“名称”字段）' },
      { feature: 5, name: '锦源社区', reason: '不是线要素（LineString 或 MultiLineString），或坐标不是经纬度' },
      { feature: 6, name: '单点路', reason: '不是线要素（LineString 或 MultiLineString），或坐标不是经纬度' },
      { feature: 7, name: '济南外环', reason: '不在本县范围内，请检查所选坐标系' },
    ]);
    expect(report.replaced).toBe(4);
    expect(stored[0].map((r) => [r.name, r.geometry.type, r.source])).toEqual([
      ['人民路', 'MultiLineString', '道路.geojson'],
      ['人民路', 'MultiLineString', '道路.geojson'],
      ['建设路', 'MultiLineString', '道路.geojson'],
    ]);
    // The bounding box a map view finds a road by.
    expect(stored[0][2].south).toBeCloseTo(at(0, -500)[1], 7);
    expect(stored[0][2].north).toBeCloseTo(at(0, 500)[1], 7);
  });

  it('refuses a file with no usable road and leaves the roads there are', async () => {
    const features = await readRoadFile(file(feature({ name: '锦源社区' }, { type: 'Point', coordinates: at(0, 0) })), 'gcj02');
    const { repo, stored } = fakeRepo();
    const refused = await importRoads(repo, features, 'x.geojson').catch((e: AppError) => [e.code, e.message]);
    expect(refused).toEqual([
      'ROADS_EMPTY',
      '文件中没有可导入的道路（第 1 个要素不是线要素（LineString 或 MultiLineString），或坐标不是经纬度），原有道路未改动',
    ]);
    expect(stored).toEqual([]);
  });
});
