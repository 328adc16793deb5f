import * as gcoordModule from 'gcoord';

/**
 * The one module that knows China's coordinate systems (issue 9: "coordinate systems for the map
 * work → gcoord"). The platform stores and exchanges GCJ-02 (国测局坐标): the county outline in
 * data/geo, estates, buildings, region areas and the case API. A phone's GPS and Open311 give
 * WGS-84; 天地图 tiles are drawn in CGCS2000; Baidu's are BD-09. Conversions go through gcoord
 * (maintained, with the published test pairs), not a hand-kept copy of the formulas.
 */
export interface LonLat {
  lon: number;
  lat: number;
}

/**
 * CGCS2000 (国家2000坐标系, what 天地图 and official boundary files use) and WGS-84 differ by
 * centimetres: their ellipsoids agree to 0.1 mm at the surface, so both go through WGS-84.
 */
export type CoordinateSystem = 'gcj02' | 'wgs84' | 'cgcs2000' | 'bd09';

// gcoord's one export is its default object, whether Node loads the CommonJS build or Vite the ES
// one; its typings describe only the ES build, so Node's TypeScript sees one `default` too many.
interface Gcoord {
  transform<T>(input: T, from: string, to: string): T;
  GCJ02: string;
  WGS84: string;
  BD09: string;
}
const gcoord = gcoordModule.default as unknown as Gcoord;

const GCOORD = { gcj02: gcoord.GCJ02, wgs84: gcoord.WGS84, cgcs2000: gcoord.WGS84, bd09: gcoord.BD09 } as const;

export function convertPoint(p: LonLat, from: CoordinateSystem, to: CoordinateSystem): LonLat {
  if (GCOORD[from] === GCOORD[to]) return { lon: p.lon, lat: p.lat };
  const [lon, lat] = gcoord.transform<[number, number]>([p.lon, p.lat], GCOORD[from], GCOORD[to]);
  return { lon, lat };
}

/** A GeoJSON object (a boundary file, say) moved to another system, every position of it. */
export function convertGeoJson<T extends object>(geojson: T, from: CoordinateSystem, to: CoordinateSystem): T {
  if (GCOORD[from] === GCOORD[to]) return geojson;
  return gcoord.transform(structuredClone(geojson), GCOORD[from], GCOORD[to]);
}

/** WGS-84 (GPS, navigator.geolocation, Open311) → GCJ-02 (the county map, the case API). */
export const wgs84ToGcj02 = (p: LonLat) => convertPoint(p, 'wgs84', 'gcj02');
/** GCJ-02 → WGS-84 (Open311 answers, 天地图 tiles). */
export const gcj02ToWgs84 = (p: LonLat) => convertPoint(p, 'gcj02', 'wgs84');

export const COORDINATE_SYSTEMS: readonly CoordinateSystem[] = ['gcj02', 'wgs84', 'cgcs2000', 'bd09'];
