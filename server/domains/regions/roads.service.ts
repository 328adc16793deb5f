import type { MapRoad, RoadImport } from '../../../common/contracts/map.js';
import { degreesAround } from '../../../common/geo.js';
import { invalid } from '../../platform/errors.js';
import { bboxOf } from '../../platform/geo/areas.js';
import { countyPolygons } from '../../platform/geo/county-boundary.js';
import type { Lines } from '../../platform/geo/line-index.js';
import type { RoadFeature } from '../../platform/geo/road-file.js';
import type { Bounds } from './map.repository.js';
import type { RoadsRepository, RoadWrite } from './roads.repository.js';

/**
 * The county's road layer (docs/decisions/048): imported from its file, drawn on the maps, and
 * named in a case's place in words. A feature the import cannot use is reported with the reason,
 * never dropped silently; a file with no usable road changes nothing.
 */
export const ROAD_NAME_MAX = 50;
export const ROAD_KIND_MAX = 20;
export const ROADS_PER_VIEW = 3000;
/** A road more than this far outside the county's outline is not the county's: a wrong coordinate system, most likely. */
const COUNTY_MARGIN_METRES = 5000;

export async function importRoads(repo: RoadsRepository, features: readonly RoadFeature[], file: string): Promise<RoadImport> {
  const refused: RoadImport['refused'] = [];
  const writes: RoadWrite[] = [];
  const reach = countyReach();
  features.forEach((f, i) => {
    const reason = refusal(f, reach);
    if (reason) return void refused.push({ feature: i + 1, name: f.name, reason });
    writes.push(roadWrite({ name: f.name!, kind: f.kind, lines: f.lines! }, file));
  });
  if (writes.length === 0)
    throw invalid(
      'ROADS_EMPTY',
      refused.length
        ? `文件中没有可导入的道路（第 ${refused[0].feature} 个要素${refused[0].reason}），原有道路未改动`
        : '文件中没有要素，原有道路未改动',
    );
  const replaced = await repo.replaceAll(writes);
  const byName = new Map<string, RoadImport['roads'][number]>();
  for (const w of writes) {
    const seen = byName.get(w.name);
    if (seen) seen.features++;
    else byName.set(w.name, { name: w.name, kind: w.kind, features: 1 });
  }
  return { roads: [...byName.values()], refused, replaced, bounds: boundsOf(writes.flatMap((w) => w.geometry.coordinates)) };
}

function refusal(f: RoadFeature, county: Bounds): string | null {
  if (!f.lines) return '不是线要素（LineString 或 MultiLineString），或坐标不是经纬度';
  if (!f.name) return '缺少道路名称（name、MC 或“名称”字段）';
  if (f.name.length > ROAD_NAME_MAX) return `道路名称超过 ${ROAD_NAME_MAX} 个字`;
  if (f.kind && f.kind.length > ROAD_KIND_MAX) return `道路等级超过 ${ROAD_KIND_MAX} 个字`;
  const b = boundsOf(f.lines);
  if (b.west > county.east || b.east < county.west || b.south > county.north || b.north < county.south)
    return '不在本县范围内，请检查所选坐标系';
  return null;
}

/** A road as stored: its lines to 7 decimals (about a centimetre) and its bounding box. */
export function roadWrite(road: { name: string; kind: string | null; lines: Lines }, source: string): RoadWrite {
  const lines = road.lines.map((l) => l.map(([lon, lat]) => [round7(lon), round7(lat)] as [number, number]));
  return { name: road.name, kind: road.kind, geometry: { type: 'MultiLineString', coordinates: lines }, ...boundsOf(lines), source };
}

export async function roadsIn(repo: RoadsRepository, bounds: Bounds): Promise<{ items: MapRoad[]; truncated: boolean }> {
  const rows = await repo.within(bounds, ROADS_PER_VIEW);
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, lines: r.geometry.coordinates })),
    truncated: rows.length === ROADS_PER_VIEW,
  };
}

function boundsOf(lines: Lines): Bounds {
  const b = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  for (const line of lines)
    for (const [lon, lat] of line) {
      [b.west, b.east] = [Math.min(b.west, lon), Math.max(b.east, lon)];
      [b.south, b.north] = [Math.min(b.south, lat), Math.max(b.north, lat)];
    }
  return b;
}

function countyReach(): Bounds {
  const [west, south, east, north] = bboxOf(countyPolygons());
  const { dLat, dLon } = degreesAround((south + north) / 2, COUNTY_MARGIN_METRES);
  return { west: west - dLon, south: south - dLat, east: east + dLon, north: north + dLat };
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;
