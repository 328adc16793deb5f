import { extname } from 'node:path';
import { read as readShapefile } from 'shapefile';
import { convertGeoJson, type CoordinateSystem } from '../../../common/coordinates.js';
import { invalid } from '../errors.js';
import { polygonsOf, type MultiPolygon } from './areas.js';

/**
 * A county's boundary file, read: GeoJSON (.geojson/.json) or Shapefile (.shp with its .dbf),
 * each feature's code and name from the attribute names Chinese boundary data uses, and its area
 * moved to GCJ-02. Official data is usually CGCS2000 (国家2000), which `crs` names.
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

export function featuresOf(collection: { features?: Feature[] }, crs: CoordinateSystem): BoundaryFeature[] {
  if (!Array.isArray(collection.features)) throw invalid('BOUNDARY_FILE', '文件不是 GeoJSON 要素集合（FeatureCollection）');
  return collection.features.map((f) => {
    const props = f.properties ?? {};
    const first = (keys: string[]) => {
      const key = keys.find((k) => props[k] !== undefined && props[k] !== null && String(props[k]).trim() !== '');
      return key === undefined ? null : String(props[key]).trim();
    };
    const polygonal = f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
    return {
      code: first(CODE_KEYS),
      name: first(NAME_KEYS),
      area: polygonal ? polygonsOf(convertGeoJson(f.geometry!, crs, 'gcj02')) : null,
    };
  });
}

/** A boundary file from disk or an upload: GeoJSON text, or a Shapefile's .shp and .dbf bytes. */
export async function readBoundaryFile(
  file: { name: string; bytes: Uint8Array; dbf?: Uint8Array },
  crs: CoordinateSystem,
  encoding = 'utf-8',
): Promise<BoundaryFeature[]> {
  const ext = extname(file.name).toLowerCase();
  if (ext === '.geojson' || ext === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(file.bytes));
    } catch {
      throw invalid('BOUNDARY_FILE', 'GeoJSON 文件无法解析');
    }
    return featuresOf(parsed as { features?: Feature[] }, crs);
  }
  if (ext === '.shp') {
    if (!file.dbf) throw invalid('BOUNDARY_FILE', 'Shapefile 须同时提供同名的 .dbf 属性文件');
    try {
      return featuresOf((await readShapefile(file.bytes, file.dbf, { encoding })) as { features: Feature[] }, crs);
    } catch (e) {
      throw invalid('BOUNDARY_FILE', `Shapefile 无法读取：${(e as Error).message}`);
    }
  }
  throw invalid('BOUNDARY_FILE', '只接受 .geojson、.json 或 .shp（附 .dbf）文件');
}
