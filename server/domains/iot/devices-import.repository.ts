import type { Insertable, Updateable } from 'kysely';
import type { IotDeviceTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { anyOf } from '../../platform/db/any-of.js';

/**
 * The reads and writes of a devices import (devices-import.ts) and of its one-time credentials
 * download: devices keyed by serial, in the scope and beyond it. The secret's hash is written,
 * never read.
 */
export function devicesImportRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  return {
    // prettier-ignore
    inScope: (serials: string[]) =>
      scoped
        .selectFrom('iot_devices')
        .select([
          'iot_devices.id', 'iot_devices.serial', 'iot_devices.type_code', 'iot_devices.name', 'iot_devices.region_id', 'iot_devices.region_path',
          'iot_devices.estate_id', 'iot_devices.building_id', 'iot_devices.unit_name', 'iot_devices.floor', 'iot_devices.lon', 'iot_devices.lat',
          'iot_devices.snapshot_url', 'iot_devices.stream_url', 'iot_devices.firmware',
        ])
        .where('iot_devices.serial', '=', anyOf(serials))
        .execute(),

    /** Serials registered anywhere in the county (a serial is registered once). */
    registered: async (serials: string[]) =>
      new Set((await db.selectFrom('iot_devices').select('serial').where('serial', '=', anyOf(serials)).execute()).map((d) => d.serial)),

    types: () => db.selectFrom('iot_device_types').select(['code', 'name']).execute(),

    insert: (values: Insertable<IotDeviceTable>) => db.insertInto('iot_devices').values(values).execute(),

    update: (id: number, values: Updateable<IotDeviceTable>) =>
      scoped
        .updateTable('iot_devices')
        .set({ ...values, updated_at: new Date() })
        .where('iot_devices.id', '=', id)
        .execute(),

    /**
     * The devices of an import whose credentials wait for its download, made within `since`,
     * locked so that two downloads at once cannot both issue them.
     */
    pendingOfJob: (jobId: number, since: Date) =>
      scoped
        .selectFrom('iot_devices')
        .select(['iot_devices.id', 'iot_devices.serial'])
        .where('iot_devices.import_job_id', '=', jobId)
        .where('iot_devices.credentials_pending', '=', true)
        .where('iot_devices.created_at', '>=', since)
        .orderBy('iot_devices.serial')
        .forUpdate()
        .execute(),
  };
}

export type DevicesImportRepository = ReturnType<typeof devicesImportRepository>;
