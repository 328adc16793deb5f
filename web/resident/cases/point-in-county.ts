/**
 * Point in polygon (ray casting), as the server does it (server/platform/geo/county-boundary.ts):
 * inside an outer ring and outside its holes, for any of the polygons.
 */
export type Ring = [number, number][];

export function isInsideRings(polygons: Ring[][], lon: number, lat: number): boolean {
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

/** Moves a point by metres east and north (for the keyboard's arrow keys on the map). */
export function offsetMetres(p: { lon: number; lat: number }, east: number, north: number) {
  const dLat = north / 111_320;
  const dLon = east / (111_320 * Math.cos((p.lat * Math.PI) / 180));
  return { lon: Math.round((p.lon + dLon) * 1e6) / 1e6, lat: Math.round((p.lat + dLat) * 1e6) / 1e6 };
}
