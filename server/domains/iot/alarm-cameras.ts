import { degreesAround, distanceMetres } from '../../../common/geo.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { alarmContextRepository, type CameraRow } from './alarm-context.repository.js';

/**
 * The cameras nearest an alarm's place: those of its building first, then of its estate, then
 * any within CAMERA_METRES of its point, nearest first. What the alarm context lists, and where a
 * detector without a camera of its own gets its case's picture.
 */
export const CAMERA_METRES = 300;

export interface AlarmPlace {
  buildingId: number | null;
  estateId: number | null;
  lon: number | null;
  lat: number | null;
}

export interface NearbyCamera extends CameraRow {
  /** null when either has no point. */
  metres: number | null;
  sameBuilding: boolean;
}

export async function camerasNear(db: Kysely<DB>, place: AlarmPlace, limit = 5): Promise<NearbyCamera[]> {
  const point = place.lat !== null && place.lon !== null ? { lat: place.lat, lon: place.lon } : null;
  const around = point ? degreesAround(point.lat, CAMERA_METRES) : null;
  if (place.buildingId === null && place.estateId === null && !point) return [];
  const rows = await alarmContextRepository(db).camerasNear({
    buildingId: place.buildingId,
    estateId: place.estateId,
    box:
      point && around
        ? {
            minLat: point.lat - around.dLat,
            maxLat: point.lat + around.dLat,
            minLon: point.lon - around.dLon,
            maxLon: point.lon + around.dLon,
          }
        : null,
  });
  return rows
    .map((r) => ({
      ...r,
      metres: point && r.lat !== null && r.lon !== null ? Math.round(distanceMetres(point.lat, point.lon, r.lat, r.lon)) : null,
      sameBuilding: place.buildingId !== null && r.building_id === place.buildingId,
    }))
    .filter(
      (c) =>
        c.sameBuilding || (place.estateId !== null && c.estate_id === place.estateId) || (c.metres !== null && c.metres <= CAMERA_METRES),
    )
    .sort(
      (a, b) =>
        Number(b.sameBuilding) - Number(a.sameBuilding) ||
        Number(b.estate_id === place.estateId) - Number(a.estate_id === place.estateId) ||
        (a.metres ?? Infinity) - (b.metres ?? Infinity) ||
        a.id - b.id,
    )
    .slice(0, limit);
}
