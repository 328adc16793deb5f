import { distanceMetres } from '../../../common/geo.js';
import { bboxOf, contains, type MultiPolygon } from '../../platform/geo/areas.js';

/**
 * A point in words, from the platform's own places: the community whose area holds it and the
 * nearest building or estate — "锦源社区 · 锦绣花园3号楼附近约20米". A grid worker sent to verify
 * reads this, not a pair of coordinates. Roads are not among the platform's places yet, so a point
 * far from any building is named by its community (and the nearest estate, when one is in reach).
 */
export const BUILDING_REACH_METRES = 300;
export const ESTATE_REACH_METRES = 1500;

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
  if (!community && !near) return null;
  return [community, near].filter(Boolean).join(' · ');
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
