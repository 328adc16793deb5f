import type { BoundaryImport, Located, MapArea, MapPlace } from '../../../common/contracts/map.js';
import type { BoundaryFeature } from '../../platform/geo/boundary-file.js';
import { countyPolygons } from '../../platform/geo/county-boundary.js';
import { asGeometry, deriveAreas } from './areas.js';
import { BUILDING_REACH_METRES, ESTATE_REACH_METRES, ROAD_REACH_METRES, areaAt, locationInWords } from './location-words.js';
import type { AreaRow, Bounds, MapRepository } from './map.repository.js';
import type { CountyPlaces } from './places.live.js';

/** The maps' rules: the county's areas, what is in view, where a point is, and areas kept up to date. */
export const PLACES_PER_KIND = 1500;

export async function mapAreas(repo: MapRepository): Promise<MapArea[]> {
  return (await repo.areas()).map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    level: r.level as MapArea['level'],
    name: r.name,
    townName: r.level === 'community' ? r.parent_name : null,
    lon: r.lon,
    lat: r.lat,
    source: r.source,
    geometry: r.geometry,
  }));
}

export async function placesIn(repo: MapRepository, bounds: Bounds): Promise<{ items: MapPlace[]; truncated: boolean }> {
  const { estates, buildings, villageHouses } = await repo.placesIn(bounds, PLACES_PER_KIND);
  const positioned = <T extends { lon: number | null; lat: number | null }>(rows: T[]) =>
    rows.filter((r): r is T & { lon: number; lat: number } => r.lon !== null && r.lat !== null);
  return {
    items: [
      ...positioned(estates).map((e) => ({ kind: 'estate' as const, id: e.id, name: e.name, lon: e.lon, lat: e.lat })),
      ...positioned(buildings).map((b) => ({
        kind: 'building' as const,
        id: b.id,
        name: `${b.estate_name}${b.name}`,
        lon: b.lon,
        lat: b.lat,
      })),
      ...positioned(villageHouses).map((h) => ({ kind: 'house' as const, id: h.id, name: h.name, lon: h.lon, lat: h.lat })),
    ],
    truncated: [estates, buildings, villageHouses].some((rows) => rows.length === PLACES_PER_KIND),
  };
}

/** The community and town whose areas hold a point, and the point in words, from the process's places. */
export function locate(places: CountyPlaces, point: { lon: number; lat: number }): Located {
  const community = areaAt(point, places.communities);
  const near = (index: CountyPlaces['estates'], metres: number) => index.within(point, metres).map((found) => found.point);
  return {
    communityId: community?.id ?? null,
    communityName: community?.name ?? null,
    townName: community?.parent_name ?? null,
    words: locationInWords(
      point,
      community?.name ?? null,
      near(places.buildings, BUILDING_REACH_METRES),
      near(places.estates, ESTATE_REACH_METRES),
      nearestRoad(places, point),
    ),
  };
}

function nearestRoad(places: CountyPlaces, point: { lon: number; lat: number }) {
  const found = places.roads.nearest(point, ROAD_REACH_METRES);
  return found ? { name: found.item.name, metres: found.metres } : null;
}

/** Approximate areas for every town and community without an official one; returns how many. */
export async function deriveApproximateAreas(repo: MapRepository, rows?: AreaRow[]): Promise<number> {
  const all = rows ?? (await repo.areas());
  const countyId = all.find((r) => r.level === 'town')?.parent_id;
  if (countyId == null) return 0;
  const derived = deriveAreas(all, countyPolygons(), countyId);
  await repo.storeAreas(derived);
  return derived.length;
}

/**
 * Official boundaries from the county's file: each feature matched to a town or community by its
 * code, else by its name when only one region has it; stored as official, then the approximate
 * areas derived again around them. What could not be matched is reported, not guessed.
 */
export async function importBoundaries(repo: MapRepository, features: readonly BoundaryFeature[], file: string): Promise<BoundaryImport> {
  const regions = await repo.areas();
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const result: BoundaryImport = { matched: [], unmatched: [], derived: 0 };
  const writes = new Map<number, { region_id: number; geometry: ReturnType<typeof asGeometry>; source: 'official'; note: string }>();
  features.forEach((f, i) => {
    const unmatched = (reason: string) => result.unmatched.push({ feature: i + 1, code: f.code, name: f.name, reason });
    if (!f.area) return unmatched('不是面要素（Polygon/MultiPolygon）');
    const named = f.name ? regions.filter((r) => r.name === f.name) : [];
    const region = (f.code ? byCode.get(f.code) : undefined) ?? (named.length === 1 ? named[0] : undefined);
    if (!region) return unmatched(named.length > 1 ? '名称对应多个区域，请在文件中提供区划代码' : '未找到同代码或同名称的镇街、社区村');
    if (writes.has(region.id)) return unmatched(`${region.name}已由前面的要素匹配`);
    writes.set(region.id, { region_id: region.id, geometry: asGeometry(f.area), source: 'official', note: file });
    result.matched.push({ regionId: region.id, name: region.name, level: region.level as 'town' | 'community' });
  });
  await repo.storeAreas([...writes.values()]);
  result.derived = await deriveApproximateAreas(repo);
  return result;
}
