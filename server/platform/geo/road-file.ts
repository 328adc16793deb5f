import { attributeOf, readGeoFile, type GeoFeature } from './boundary-file.js';
import type { Lines } from './line-index.js';

/**
 * Roads from a county's map file (the same GeoJSON or Shapefile reader as boundaries): each line
 * feature's name and kind from the attribute names Chinese road data uses (国土调查/测绘: MC, DLMC;
 * OpenStreetMap exports: name, highway). A feature without a name or that is not a line is kept
 * with `lines: null` or `name: null`, so the import can say which and why.
 */
export interface RoadFeature {
  name: string | null;
  kind: string | null;
  lines: Lines | null;
}

const NAME_KEYS = ['name', 'NAME', 'Name', 'MC', 'DLMC', 'ROADNAME', 'RN', '名称', '道路名称'];
const KIND_KEYS = ['kind', 'KIND', 'DJ', 'DLDJ', 'CLASS', 'highway', 'fclass', 'type', '等级', '道路等级'];

export function roadOf(f: GeoFeature): RoadFeature {
  const g = f.geometry;
  const lines =
    g?.type === 'LineString' ? [g.coordinates as Lines[number]] : g?.type === 'MultiLineString' ? (g.coordinates as Lines) : null;
  return {
    name: attributeOf(f.properties, NAME_KEYS),
    kind: attributeOf(f.properties, KIND_KEYS),
    // A line needs two points that are numbers; anything else is not a line the map can draw.
    lines: lines && lines.length > 0 && lines.every(isLine) ? lines.map((l) => l.map(([lon, lat]) => [lon, lat])) : null,
  };
}

const isLine = (line: unknown): line is Lines[number] =>
  Array.isArray(line) &&
  line.length >= 2 &&
  line.every((p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90);

/** A road file's features: each one's name, kind and lines. */
export const readRoadFile = async (...args: Parameters<typeof readGeoFile>): Promise<RoadFeature[]> =>
  (await readGeoFile(...args)).map(roadOf);
