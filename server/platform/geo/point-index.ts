import { degreesAround, distanceMetres } from '../../../common/geo.js';

export interface IndexedPoint {
  lon: number;
  lat: number;
}

/**
 * Points kept in latitude order, to find those within some metres of a point without a database
 * round trip: a binary search to the latitude band, then a distance check. A county's estates
 * and buildings (about ten thousand) answer in microseconds.
 */
export class PointIndex<T extends IndexedPoint> {
  private readonly points: readonly T[];

  constructor(points: readonly T[]) {
    this.points = [...points].sort((a, b) => a.lat - b.lat);
  }

  get size() {
    return this.points.length;
  }

  /** The points within `metres` of `at`, each with its distance. */
  within(at: IndexedPoint, metres: number): { point: T; metres: number }[] {
    const { dLat, dLon } = degreesAround(at.lat, metres);
    const found: { point: T; metres: number }[] = [];
    for (let i = this.firstAtOrAbove(at.lat - dLat); i < this.points.length && this.points[i].lat <= at.lat + dLat; i++) {
      const p = this.points[i];
      if (Math.abs(p.lon - at.lon) > dLon) continue;
      const d = distanceMetres(at.lat, at.lon, p.lat, p.lon);
      if (d <= metres) found.push({ point: p, metres: d });
    }
    return found;
  }

  private firstAtOrAbove(lat: number) {
    let [lo, hi] = [0, this.points.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid].lat < lat) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
