import type { ScopedDb } from '../../platform/db/scoped-db.js';

/**
 * What the alarm context reads of devices (alarm-context.ts): the cameras around an alarm's
 * place — in its building or estate, or within a box of the given size around its point — which
 * the caller orders by nearness. Inside the reader's scope: property staff see their estates'
 * cameras, the desk its community's; the alarm → case pick-up reads county-wide.
 */
export function alarmContextRepository(scoped: ScopedDb) {
  return {
    camerasNear: (place: {
      buildingId: number | null;
      estateId: number | null;
      box: { minLat: number; maxLat: number; minLon: number; maxLon: number } | null;
    }) =>
      scoped
        .selectFrom('iot_devices')
        .select([
          'iot_devices.id',
          'iot_devices.serial',
          'iot_devices.name',
          'iot_devices.building_id',
          'iot_devices.estate_id',
          'iot_devices.lon',
          'iot_devices.lat',
          'iot_devices.snapshot_url',
          'iot_devices.stream_url',
          'iot_devices.online',
        ])
        .select((eb) =>
          eb.selectFrom('buildings').select('buildings.name').whereRef('buildings.id', '=', 'iot_devices.building_id').as('building_name'),
        )
        .where('iot_devices.status', '<>', 'disabled')
        .where((eb) => eb.or([eb('iot_devices.snapshot_url', 'is not', null), eb('iot_devices.stream_url', 'is not', null)]))
        .where((eb) =>
          eb.or([
            ...(place.buildingId === null ? [] : [eb('iot_devices.building_id', '=', place.buildingId)]),
            ...(place.estateId === null ? [] : [eb('iot_devices.estate_id', '=', place.estateId)]),
            ...(place.box === null
              ? []
              : [
                  eb.and([
                    eb('iot_devices.lat', '>=', place.box.minLat),
                    eb('iot_devices.lat', '<=', place.box.maxLat),
                    eb('iot_devices.lon', '>=', place.box.minLon),
                    eb('iot_devices.lon', '<=', place.box.maxLon),
                  ]),
                ]),
          ]),
        )
        .orderBy('iot_devices.id')
        .limit(200)
        .execute(),
  };
}
export type CameraRow = Awaited<ReturnType<ReturnType<typeof alarmContextRepository>['camerasNear']>>[number];
