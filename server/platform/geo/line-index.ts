import { degreesAround } from '../../../common/geo.js';

/**
 * Roads as lines, and which is nearest a point, without a database round trip: case creation puts
 * a point in words on every report (docs/decisions/023, 048). Lines are cut into segments kept in
 * a grid of cells about GRID_METRES across, so a point looks only at the few cells within reach —
 * a county's roads (thousands of segments) answer in microseconds, whatever their number.
 */
export type LinePoint = [lon: number, lat: number];
/** One or more line strings (a MultiLineString's coordinates). */
export type Lines = LinePoint[][];

export interface IndexedLine {
  lines: Lines;
}

/** Metres per degree on the sphere `distanceMetres` measures on, so the two agree. */
const METRES_PER_DEGREE = (Math.PI / 180) * 6_371_000;
const GRID_METRES = 500;

/**
 * Metres from a point to the segment a–b, in a plane centred on the point (longitude shrunk by
 * cos φ): within a few hundred metres, where a road is named, this differs from the great circle
 * by far less than the rounding of the words.
 */
export function metresToSegment(p: { lon: number; lat: number }, a: LinePoint, b: LinePoint): number {
  const shrink = Math.cos((p.lat * Math.PI) / 180);
  const ax = (a[0] - p.lon) * shrink,
    ay = a[1] - p.lat;
  const bx = (b[0] - p.lon) * shrink,
    by = b[1] - p.lat;
  const dx = bx - ax,
    dy = by - ay;
  const length2 = dx * dx + dy * dy;
  // The segment's point nearest the origin (the point), clamped to its ends.
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
  return Math.hypot(ax + t * dx, ay + t * dy) * METRES_PER_DEGREE;
}

/** Metres from a point to the nearest part of some lines. */
export function metresToLines(p: { lon: number; lat: number }, lines: Lines): number {
  let best = Infinity;
  for (const line of lines) for (let i = 1; i < line.length; i++) best = Math.min(best, metresToSegment(p, line[i - 1], line[i]));
  return best;
}

export class LineIndex<T extends IndexedLine> {
  private readonly cells = new Map<string, { item: T; a: LinePoint; b: LinePoint }[]>();
  private readonly cellLat: number;
  private readonly cellLon: number;
  readonly size: number;

  /** `latitude`: the county's, which sets how many degrees of longitude a cell spans. */
  constructor(items: readonly T[], latitude: number) {
    const { dLat, dLon } = degreesAround(latitude, GRID_METRES);
    [this.cellLat, this.cellLon] = [dLat, dLon];
    this.size = items.length;
    for (const item of items)
      for (const line of item.lines)
        for (let i = 1; i < line.length; i++) {
          const [a, b] = [line[i - 1], line[i]];
          // A segment goes in every cell its bounding box touches: a long straight road many.
          const [x0, x1] = [this.col(Math.min(a[0], b[0])), this.col(Math.max(a[0], b[0]))];
          const [y0, y1] = [this.row(Math.min(a[1], b[1])), this.row(Math.max(a[1], b[1]))];
          for (let x = x0; x <= x1; x++)
            for (let y = y0; y <= y1; y++) {
              const key = `${x}:${y}`;
              const cell = this.cells.get(key);
              if (cell) cell.push({ item, a, b });
              else this.cells.set(key, [{ item, a, b }]);
            }
        }
  }

  /** The line nearest a point within `metres`, with its distance; undefined when none is in reach. */
  nearest(at: { lon: number; lat: number }, metres: number): { item: T; metres: number } | undefined {
    const { dLat, dLon } = degreesAround(at.lat, metres);
    let best: { item: T; metres: number } | undefined;
    for (let x = this.col(at.lon - dLon); x <= this.col(at.lon + dLon); x++)
      for (let y = this.row(at.lat - dLat); y <= this.row(at.lat + dLat); y++)
        for (const s of this.cells.get(`${x}:${y}`) ?? []) {
          const d = metresToSegment(at, s.a, s.b);
          if (d <= metres && (!best || d < best.metres)) best = { item: s.item, metres: d };
        }
    return best;
  }

  private col(lon: number) {
    return Math.floor(lon / this.cellLon);
  }
  private row(lat: number) {
    return Math.floor(lat / this.cellLat);
  }
}
