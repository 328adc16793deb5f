/**
 * WGS-84 ⇄ GCJ-02 (国测局坐标, "Mars coordinates"). A phone's GPS and the browser's
 * navigator.geolocation give WGS-84; Chinese web maps, the county outline in data/geo and the
 * case API use GCJ-02, which is WGS-84 shifted by a published-in-practice obfuscation of a few
 * hundred metres. The forward formula below is the one every open implementation shares
 * (Krasovsky 1940 ellipsoid, a = 6378245 m); the reverse has no closed form and is found by
 * iteration. Outside China the two systems are the same.
 */
export interface LonLat {
  lon: number;
  lat: number;
}

const A = 6378245.0; // Krasovsky 1940 semi-major axis, as GCJ-02 uses
const EE = 0.00669342162296594323; // its first eccentricity squared

/** The rough box in which GCJ-02 applies; outside it coordinates are left as they are. */
export function outsideChina(p: LonLat): boolean {
  return p.lon < 72.004 || p.lon > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
  let d = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  d += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  d += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  d += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320.0 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return d;
}

function shiftLon(x: number, y: number): number {
  let d = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  d += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  d += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  d += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return d;
}

/** The GCJ-02 offset (in degrees) of a WGS-84 point. */
function offsetAt(p: LonLat): LonLat {
  const x = p.lon - 105.0;
  const y = p.lat - 35.0;
  const radLat = (p.lat / 180.0) * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  return {
    lat: (shiftLat(x, y) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI),
    lon: (shiftLon(x, y) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI),
  };
}

/** WGS-84 (GPS, navigator.geolocation) → GCJ-02 (the county map, the case API). */
export function wgs84ToGcj02(p: LonLat): LonLat {
  if (outsideChina(p)) return { lon: p.lon, lat: p.lat };
  const d = offsetAt(p);
  return { lon: p.lon + d.lon, lat: p.lat + d.lat };
}

/**
 * GCJ-02 → WGS-84, by fixed-point iteration on the forward formula: each round moves the guess
 * by how far its image misses the target. Converges to well under a centimetre in a few rounds.
 */
export function gcj02ToWgs84(p: LonLat): LonLat {
  if (outsideChina(p)) return { lon: p.lon, lat: p.lat };
  let guess = { lon: p.lon, lat: p.lat };
  for (let i = 0; i < 30; i++) {
    const image = wgs84ToGcj02(guess);
    const dLon = image.lon - p.lon;
    const dLat = image.lat - p.lat;
    guess = { lon: guess.lon - dLon, lat: guess.lat - dLat };
    if (Math.abs(dLon) < 1e-9 && Math.abs(dLat) < 1e-9) break;
  }
  return guess;
}
