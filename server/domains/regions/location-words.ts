import { distanceMetres } from '../../../common/geo.js';
import { bboxOf, contains, type MultiPolygon } from '../../platform/geo/areas.js';

/**
 * A point in words, from the platform's own places: the community whose area holds it and the
 * nearest building — "锦源社区 · 锦绣花园3号楼附近约20米". A grid worker sent to verify reads this,
 * not a pair of coordinates. Far from buildings (a village road, a field, a street between
 * estates) the nearest road says where along it — "锦源社区 · 人民路旁约30米" — after the nearest
 * estate when one is in reach; a building near is the more precise landmark, so it wins
 * (docs/decisions/048).
 */
export const BUILDING_REACH_METRES = 300;
export const ESTATE_REACH_METRES = 1500;
/** A road farther than this is no help in finding the spot. */
export const ROAD_REACH_METRES = 200;

export interface NamedPoint {
  name: string;
  lon: number;
  lat: number;
}

export function locationInWords(
  point: { lon: number; lat: number },
  community: string | null,
  buildings: readonly NamedPoint[],
  estates: readonly NamedPoint[],
  /** The nearest road within ROAD_REACH_METRES, found by the caller's index (places.live.ts). */
  road: { name: string; metres: number } | null = null,
): string | null {
  const building = nearest(point, buildings, BUILDING_REACH_METRES);
  const estate = building ? null : nearest(point, estates, ESTATE_REACH_METRES);
  const near = building
    ? `${building.place.name}附近约${roundMetres(building.metres)}米`
    : estate && estate.metres <= 150
      ? `${estate.place.name}附近`
      : estate
        ? `距${estate.place.name}约${roundMetres(estate.metres)}米`
        : null;
  const along = !building && road && road.metres <= ROAD_REACH_METRES ? `${road.name}旁约${roundMetres(road.metres)}米` : null;
  if (!community && !near && !along) return null;
  return [community, near, along].filter(Boolean).join(' · ');
}

/** The first of the areas that holds the point (communities do not overlap), if any. */
export function areaAt<T extends { area: MultiPolygon; bbox?: ReturnType<typeof bboxOf> }>(
  point: { lon: number; lat: number },
  areas: readonly T[],
): T | undefined {
  return areas.find((a) => contains(a.area, point.lon, point.lat, a.bbox));
}

function nearest(point: { lon: number; lat: number }, places: readonly NamedPoint[], reach: number) {
  let best: { place: NamedPoint; metres: number } | null = null;
  for (const place of places) {
    const metres = distanceMetres(point.lat, point.lon, place.lat, place.lon);
    if (metres <= reach && (!best || metres < best.metres)) best = { place, metres };
  }
  return best;
}

/** Metres as a person says them: to 10 m close by (never 0), to 50 m farther, to 100 m beyond a kilometre. */
export function roundMetres(m: number): number {
  if (m < 200) return Math.max(10, Math.round(m / 10) * 10);
  if (m < 1000) return Math.round(m / 50) * 50;
  return Math.round(m / 100) * 100;
}
