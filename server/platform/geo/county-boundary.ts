import { readFileSync } from 'node:fs';

/**
 * The county outline (data/geo, the public DataV boundary in GCJ-02 as Chinese web maps use)
 * and the geometry the product needs from it: is a reported point inside the county, and how
 * far apart are two points. No finer boundaries exist publicly, so none are invented.
 */
type Ring = [number, number][];
interface Boundary { polygons: Ring[][]; center: [number, number]; bbox: [number, number, number, number] }

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
  boundary = { polygons, center: feature.properties.center, bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] };
  return boundary;
}

/** Ray casting: inside the outer ring and outside its holes, for any of the polygons. */
export function isInsideCounty(lon: number, lat: number): boolean {
  const { polygons, bbox } = countyBoundary();
  if (lon < bbox[0] || lon > bbox[2] || lat < bbox[1] || lat > bbox[3]) return false;
  return polygons.some(([outer, ...holes]) => inRing(outer, lon, lat) && !holes.some((h) => inRing(h, lon, lat)));
}

function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export const countyCenter = () => countyBoundary().center;

/** Great-circle distance in metres (haversine); a few metres of GCJ-02 offset do not matter here. */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

/** Degrees of latitude and longitude spanning `metres` around a latitude: a box for an index. */
export function degreesAround(lat: number, metres: number) {
  const dLat = metres / 111_320;
  return { dLat, dLon: metres / (111_320 * Math.cos((lat * Math.PI) / 180)) };
}
