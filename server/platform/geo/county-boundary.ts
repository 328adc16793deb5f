import { readFileSync } from 'node:fs';
import { isInsideRings, type Ring } from '../../../common/geo.js';

/**
 * The county outline (data/geo, the public DataV boundary in GCJ-02 as Chinese web maps use)
 * and what the product needs of it: is a reported point inside the county, and where its centre
 * is. Finer boundaries are regions' areas (regions/areas.ts): imported, or derived and labelled
 * approximate.
 */
interface Boundary {
  polygons: Ring[][];
  center: [number, number];
  bbox: [number, number, number, number];
}

export const COUNTY_GEOJSON_FILE = new URL('../../../data/geo/370124-pingyin-county.geojson', import.meta.url);

let boundary: Boundary | undefined;
function countyBoundary(): Boundary {
  if (boundary) return boundary;
  const geo = JSON.parse(readFileSync(COUNTY_GEOJSON_FILE, 'utf8'));
  const feature = geo.features[0];
  const polygons: Ring[][] = feature.geometry.type === 'MultiPolygon' ? feature.geometry.coordinates : [feature.geometry.coordinates];
  const points = polygons.flat(2);
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  boundary = {
    polygons,
    center: feature.properties.center,
    bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
  };
  return boundary;
}

export function isInsideCounty(lon: number, lat: number): boolean {
  const { polygons, bbox } = countyBoundary();
  if (lon < bbox[0] || lon > bbox[2] || lat < bbox[1] || lat > bbox[3]) return false;
  return isInsideRings(polygons, lon, lat);
}

export const countyCenter = () => countyBoundary().center;

/** The outline's polygons: the area that towns' approximate areas divide between them. */
export const countyPolygons = () => countyBoundary().polygons;
