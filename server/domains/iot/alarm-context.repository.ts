import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * What the alarm context reads of devices (alarm-context.ts): the cameras around an alarm's
 * place — in its building or estate, or within a box of the given size around its point — which
 * the caller orders by nearness. Not limited by region: a camera across a community line still
 * shows the alarm's street, and it is the alarm's reader who sees it, not its own region's.
 */
export function alarmContextRepository(db: Kysely<DB>) {
  return {
    camerasNear: (place: {
      buildingId: number | null;
      estateId: number | null;
      box: { minLat: number; maxLat: number; minLon: number; maxLon: number } | null;
    }) =>
      db
        .selectFrom('iot_devices as d')
        .leftJoin('buildings as b', 'b.id', 'd.building_id')
        .select([
          'd.id',
          'd.serial',
          'd.name',
          'd.building_id',
          'd.estate_id',
          'd.lon',
          'd.lat',
          'd.snapshot_url',
          'd.stream_url',
          'd.online',
          'b.name as building_name',
        ])
        .where('d.status', '<>', 'disabled')
        .where((eb) => eb.or([eb('d.snapshot_url', 'is not', null), eb('d.stream_url', 'is not', null)]))
        .where((eb) =>
          eb.or([
            ...(place.buildingId === null ? [] : [eb('d.building_id', '=', place.buildingId)]),
            ...(place.estateId === null ? [] : [eb('d.estate_id', '=', place.estateId)]),
            ...(place.box === null
              ? []
              : [
                  eb.and([
                    eb('d.lat', '>=', place.box.minLat),
                    eb('d.lat', '<=', place.box.maxLat),
                    eb('d.lon', '>=', place.box.minLon),
                    eb('d.lon', '<=', place.box.maxLon),
                  ]),
                ]),
          ]),
        )
        .orderBy('d.id')
        .limit(200)
        .execute(),
  };
}
export type CameraRow = Awaited<ReturnType<ReturnType<typeof alarmContextRepository>['camerasNear']>>[number];
