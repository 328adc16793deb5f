import { extname } from 'node:path';
import { read as readShapefile } from 'shapefile';
import { convertGeoJson, type CoordinateSystem } from '../../../common/coordinates.js';
import { invalid } from '../errors.js';
import { polygonsOf, type MultiPolygon } from './areas.js';

/**
 * A county's map file, read: GeoJSON (.geojson/.json) or Shapefile (.shp with its .dbf),
 * each feature's attributes and its geometry moved to GCJ-02; for boundaries, each feature's
 * code and name from the attribute names Chinese boundary data uses, and its area (road-file.ts
 * reads the same files for roads). Official data is usually CGCS2000 (国家2000), which `crs` names.
 */
export interface BoundaryFeature {
  code: string | null;
  name: string | null;
  area: MultiPolygon | null;
}

const CODE_KEYS = ['code', 'adcode', 'CODE', 'XZQDM', 'QHDM', 'GB', '区划代码', '代码'];
const NAME_KEYS = ['name', 'NAME', 'XZQMC', 'QHMC', 'MC', '名称', '名字'];

interface Feature {
  properties?: Record<string, unknown> | null;
  geometry?: { type: string; coordinates: unknown } | null;
}

/** A feature of a map file as read: its attributes, and its geometry moved to GCJ-02 (null: none). */
export interface GeoFeature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

/** The first of these attributes a feature has with a value, as text: its code, its name. */
export function attributeOf(properties: Record<string, unknown>, keys: readonly string[]): string | null {
  const key = keys.find((k) => properties[k] !== undefined && properties[k] !== null && String(properties[k]).trim() !== '');
  return key === undefined ? null : String(properties[key]).trim();
}

function geoFeaturesOf(collection: { features?: Feature[] }, crs: CoordinateSystem): GeoFeature[] {
  if (!Array.isArray(collection.features)) throw invalid('BOUNDARY_FILE', '文件不是 GeoJSON 要素集合（FeatureCollection）');
  return collection.features.map((f, i) => {
    try {
      return { properties: f.properties ?? {}, geometry: f.geometry ? convertGeoJson(f.geometry, crs, 'gcj02') : null };
    } catch {
      // A geometry whose coordinates are not numbers: the whole file is suspect, nothing is stored.
      throw invalid('BOUNDARY_FILE', `第 ${i + 1} 个要素的坐标无法读取`);
    }
  });
}

const boundaryOf = (f: GeoFeature): BoundaryFeature => {
  const polygonal = f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
  return {
    code: attributeOf(f.properties, CODE_KEYS),
    name: attributeOf(f.properties, NAME_KEYS),
    area: polygonal ? polygonsOf(f.geometry!) : null,
  };
};

/** A map file's features, from disk or an upload: GeoJSON text, or a Shapefile's .shp and .dbf bytes. */
export async function readGeoFile(
  file: { name: string; bytes: Uint8Array; dbf?: Uint8Array },
  crs: CoordinateSystem,
  encoding = 'utf-8',
): Promise<GeoFeature[]> {
  const ext = extname(file.name).toLowerCase();
  if (ext === '.geojson' || ext === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(file.bytes));
    } catch {
      throw invalid('BOUNDARY_FILE', 'GeoJSON 文件无法解析');
    }
    return geoFeaturesOf(parsed as { features?: Feature[] }, crs);
  }
  if (ext === '.shp') {
    if (!file.dbf) throw invalid('BOUNDARY_FILE', 'Shapefile 须同时提供同名的 .dbf 属性文件');
    let collection: { features: Feature[] };
    try {
      collection = (await readShapefile(file.bytes, file.dbf, { encoding })) as { features: Feature[] };
    } catch (e) {
      throw invalid('BOUNDARY_FILE', `Shapefile 无法读取：${(e as Error).message}`);
    }
    return geoFeaturesOf(collection, crs);
  }
  throw invalid('BOUNDARY_FILE', '只接受 .geojson、.json 或 .shp（附 .dbf）文件');
}

/** A boundary file's features: each one's code, name and area. */
export const readBoundaryFile = async (...args: Parameters<typeof readGeoFile>): Promise<BoundaryFeature[]> =>
  (await readGeoFile(...args)).map(boundaryOf);
