import { degreesAround, distanceMetres } from '../../common/geo.js';
import { bboxOf, contains, voronoiAreas, type MultiPolygon, type Site } from '../platform/geo/areas.js';
import type { Random } from './random.js';

/**
 * Where the demo county's places stand. No public source gives positions for 平阴's towns,
 * communities or estates, so the generator invents plausible ones (and the maps label every
 * area drawn from them 近似范围): the two streets (街道) of the county seat around the outline's
 * centre, the towns spread over the rest of the county, a street's 社区 within a few kilometres
 * of its centre, villages spread over their town, estates near their community and buildings in
 * rows inside their estate. A region that already has a position (entered or imported) keeps it.
 */
export type Point = [lon: number, lat: number];

export interface PlacedRegion {
  id: number;
  kind: string;
  lon: number | null;
  lat: number | null;
}

/** Positions of a parent's children inside its area; those already placed stay where they are. */
export function placeChildren(
  random: Random,
  area: MultiPolygon,
  centre: Point,
  children: readonly PlacedRegion[],
  /** Metres from the centre inside which compact children (streets, 社区) stand. */
  compactRadius: (child: PlacedRegion) => number | null,
): Map<number, Point> {
  const placed = new Map<number, Point>();
  for (const c of children) if (c.lon !== null && c.lat !== null) placed.set(c.id, [c.lon, c.lat]);
  // Compact ones first, nearest the centre; then the rest spread to the gaps between them.
  const order = [...children].sort((a, b) => (compactRadius(b) === null ? 0 : 1) - (compactRadius(a) === null ? 0 : 1));
  for (const c of order) {
    if (placed.has(c.id)) continue;
    const radius = compactRadius(c);
    // The first compact child is the parent's centre: the county seat's street, a street's first 社区.
    if (placed.size === 0 && radius !== null) {
      placed.set(c.id, centre);
      continue;
    }
    const candidates = Array.from({ length: 24 }, () =>
      radius === null ? pointIn(random, area) : pointNear(random, centre, radius, area),
    );
    placed.set(c.id, farthestFrom(candidates, [...placed.values()]));
  }
  return placed;
}

/** Mitchell's best candidate: the candidate farthest from every point already placed. */
export function farthestFrom(candidates: Point[], placed: Point[]): Point {
  if (placed.length === 0) return candidates[0];
  let best = candidates[0],
    bestDistance = -1;
  for (const c of candidates) {
    const d = Math.min(...placed.map((p) => distanceMetres(c[1], c[0], p[1], p[0])));
    if (d > bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** A uniformly random point inside an area (rejection from its bounding box). */
export function pointIn(random: Random, area: MultiPolygon): Point {
  const [w, s, e, n] = bboxOf(area);
  for (let i = 0; i < 1000; i++) {
    const p: Point = [round(random.float(w, e)), round(random.float(s, n))];
    if (contains(area, p[0], p[1])) return p;
  }
  throw new Error('area too thin to place a point in');
}

/** A random point within `metres` of a centre and inside the area; the centre itself if none is found. */
export function pointNear(random: Random, centre: Point, metres: number, area: MultiPolygon | null): Point {
  const { dLat, dLon } = degreesAround(centre[1], metres);
  for (let i = 0; i < 50; i++) {
    const angle = random.float(0, 2 * Math.PI),
      r = Math.sqrt(random.next());
    const p: Point = [round(centre[0] + Math.cos(angle) * r * dLon), round(centre[1] + Math.sin(angle) * r * dLat)];
    if (!area || contains(area, p[0], p[1])) return p;
  }
  return centre;
}

/** Buildings of an estate in rows of four, 45 metres apart, a little out of line as real ones are. */
export function buildingPosition(random: Random, estate: Point, index: number): Point {
  const [row, column] = [Math.floor(index / 4), index % 4];
  return offset(estate, (column - 1.5) * 45 + random.float(-6, 6), -row * 45 + random.float(-4, 4));
}

/**
 * A village house of a 组: courtyards in lanes of eight, 25 metres apart, around the 组's point,
 * a little out of line; one that would fall outside the village's area stands at the 组's point.
 */
export function villageHousePosition(random: Random, group: Point, index: number, area: MultiPolygon): Point {
  const [row, column] = [Math.floor(index / 8), index % 8];
  const p = offset(group, (column - 3.5) * 25 + random.float(-5, 5), (1.5 - row) * 25 + random.float(-4, 4));
  return contains(area, p[0], p[1]) ? p : group;
}

function offset(from: Point, east: number, north: number): Point {
  const { dLat, dLon } = degreesAround(from[1], 1);
  return [round(from[0] + east * dLon), round(from[1] + north * dLat)];
}

/** The areas the positions give: each child's Voronoi cell inside its parent (approximate). */
export function childAreas(parentArea: MultiPolygon, positions: Map<number, Point>): Map<number, MultiPolygon> {
  const sites: Site[] = [...positions].map(([id, [lon, lat]]) => ({ id, lon, lat }));
  return voronoiAreas(sites, parentArea);
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
