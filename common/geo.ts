/**
 * Plane geometry of lon/lat points that the server and the clients share: is a point inside a
 * (multi)polygon, how many degrees span some metres. Fine at county scale; no projection.
 */
export type Ring = [number, number][];

/** Ray casting: inside an outer ring and outside its holes, for any of the polygons. */
export function isInsideRings(polygons: Ring[][], lon: number, lat: number): boolean {
  return polygons.some(([outer, ...holes]) => inRing(outer, lon, lat) && !holes.some((h) => inRing(h, lon, lat)));
}

function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Great-circle distance in metres (haversine); a few metres of GCJ-02 offset do not matter here. */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

/** Degrees of latitude and longitude spanning `metres` around a latitude. */
export function degreesAround(lat: number, metres: number) {
  const dLat = metres / 111_320;
  return { dLat, dLon: metres / (111_320 * Math.cos((lat * Math.PI) / 180)) };
}

/** A point moved by metres east and north (the map's arrow keys). */
export function offsetMetres(p: { lon: number; lat: number }, east: number, north: number) {
  const { dLat, dLon } = degreesAround(p.lat, 1);
  return { lon: Math.round((p.lon + east * dLon) * 1e6) / 1e6, lat: Math.round((p.lat + north * dLat) * 1e6) / 1e6 };
}
