import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';

/**
 * 设备健康 (device-health.service.ts): the devices and alarms of the viewer's scope counted and
 * ranked, and one device's latest state and events. Every device and alarm read starts from the
 * ScopedDb; the county's type catalogue and a device's readings (after its device was found in
 * scope) are read unscoped.
 */

/** The state counts of a group of devices, as the contract's `counts`. */
const stateCounts = () =>
  [
    sql<number>`count(*)::int`.as('devices'),
    sql<number>`(count(*) filter (where iot_devices.status = 'active' and iot_devices.online))::int`.as('online'),
    sql<number>`(count(*) filter (where iot_devices.status = 'active' and not iot_devices.online and iot_devices.last_seen_at is not null))::int`.as(
      'offline',
    ),
    sql<number>`(count(*) filter (where iot_devices.status = 'active' and not iot_devices.online and iot_devices.last_seen_at is null))::int`.as(
      'never_seen',
    ),
    sql<number>`(count(*) filter (where iot_devices.status = 'maintenance'))::int`.as('maintenance'),
    sql<number>`(count(*) filter (where iot_devices.status = 'disabled'))::int`.as('disabled'),
  ] as const;

export function deviceHealthRepository(db: ScopedDb) {
  /** A device's names for a list row: its type and its place (devices.presenter.ts placeWords). */
  // prettier-ignore
  const named = <O>(q: SelectQueryBuilder<DB, 'iot_devices', O>) =>
    q
      .innerJoin('iot_device_types as type', 'type.code', 'iot_devices.type_code')
      .leftJoin('estates', 'estates.id', 'iot_devices.estate_id')
      .leftJoin('buildings', 'buildings.id', 'iot_devices.building_id')
      .leftJoin('houses', 'houses.id', 'iot_devices.house_id')
      .select([
        'iot_devices.id', 'iot_devices.serial', 'iot_devices.name', 'type.name as type_name', 'estates.name as estate_name',
        'buildings.name as building_name', 'iot_devices.unit_name', 'iot_devices.floor', 'houses.room', 'houses.village_group',
        'houses.door_number',
      ]);

  return {
    countsByType: () =>
      db
        .selectFrom('iot_devices')
        .innerJoin('iot_device_types as type', 'type.code', 'iot_devices.type_code')
        .select(['type.code', 'type.name', 'type.category'])
        .select(stateCounts())
        .groupBy(['type.code', 'type.name', 'type.category', 'type.sort'])
        .orderBy('type.sort')
        .orderBy('type.code')
        .execute(),

    /**
     * Counts by the region one level below the scope's path: `split_part` of a device's path at
     * that depth is the id of the town, community or grid it lies in ('' when the device stands on
     * the scope's own level).
     */
    countsByArea: (depth: number) =>
      db
        .selectFrom('iot_devices')
        .select(sql<string>`split_part(iot_devices.region_path, '/', ${depth})`.as('area'))
        .select(stateCounts())
        .groupBy(sql`1`)
        .orderBy(sql`1`)
        .execute(),

    regionNames: (ids: readonly number[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : db.regionsInScope().select(['regions.id', 'regions.name']).where('regions.id', 'in', ids).execute(),

    lowBattery: (below: number, limit: number) =>
      named(db.selectFrom('iot_devices'))
        .select('iot_devices.battery')
        .where('iot_devices.status', '=', 'active')
        .where('iot_devices.battery', '<', below)
        .orderBy('iot_devices.battery')
        .orderBy('iot_devices.serial')
        .limit(limit)
        .execute(),

    lowBatteryCount: async (below: number) =>
      (
        await db
          .selectFrom('iot_devices')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('iot_devices.status', '=', 'active')
          .where('iot_devices.battery', '<', below)
          .executeTakeFirstOrThrow()
      ).n,

    /** In service, heard from once, not now: the longest silent first. */
    silent: (limit: number) =>
      named(db.selectFrom('iot_devices'))
        .select('iot_devices.last_seen_at')
        .where('iot_devices.status', '=', 'active')
        .where('iot_devices.online', '=', false)
        .where('iot_devices.last_seen_at', 'is not', null)
        .orderBy('iot_devices.last_seen_at')
        .orderBy('iot_devices.serial')
        .limit(limit)
        .execute(),

    /** Alarms closed since `from`, and how many of them were closed as 误报 (outcome, migration 0021), by device type. */
    falseAlarmsByType: (from: Date) =>
      db
        .selectFrom('iot_alarms')
        .innerJoin('iot_devices as d', 'd.id', 'iot_alarms.device_id')
        .innerJoin('iot_device_types as type', 'type.code', 'd.type_code')
        .select(['type.code', 'type.name'])
        .select([
          sql<number>`count(*)::int`.as('closed'),
          sql<number>`(count(*) filter (where iot_alarms.outcome = 'false_alarm'))::int`.as('false_alarms'),
        ])
        .where('iot_alarms.closed_at', '>=', from)
        .groupBy(['type.code', 'type.name', 'type.sort'])
        .orderBy('type.sort')
        .execute(),

    /** The devices with the most false alarms among their alarms closed since `from`. */
    falseAlarmsByDevice: (from: Date, limit: number) =>
      named(db.selectFrom('iot_devices'))
        .innerJoin(
          (eb) =>
            eb
              .selectFrom('iot_alarms')
              .select('iot_alarms.device_id')
              .select([
                sql<number>`count(*)::int`.as('closed'),
                sql<number>`(count(*) filter (where iot_alarms.outcome = 'false_alarm'))::int`.as('false_alarms'),
              ])
              .where('iot_alarms.closed_at', '>=', from)
              .groupBy('iot_alarms.device_id')
              .having(sql`count(*) filter (where iot_alarms.outcome = 'false_alarm')`, '>', 0)
              .as('a'),
          (join) => join.onRef('a.device_id', '=', 'iot_devices.id'),
        )
        .select(['a.closed', 'a.false_alarms'])
        .orderBy('a.false_alarms', 'desc')
        .orderBy('a.closed')
        .orderBy('iot_devices.serial')
        .limit(limit)
        .execute(),

    /** Devices whose alarms were flagged as flapping since `from`, or that raised at least `frequent` alarms. */
    flapping: (from: Date, frequent: number, limit: number) =>
      named(db.selectFrom('iot_devices'))
        .innerJoin(
          (eb) =>
            eb
              .selectFrom('iot_alarms')
              .select('iot_alarms.device_id')
              .select([
                sql<number>`count(*)::int`.as('raises'),
                sql<number>`(count(*) filter (where iot_alarms.flapping))::int`.as('flapping_alarms'),
                sql<Date>`max(iot_alarms.raised_at)`.as('last_raised_at'),
              ])
              .where('iot_alarms.raised_at', '>=', from)
              .groupBy('iot_alarms.device_id')
              .having((h) => h.or([h(sql`bool_or(iot_alarms.flapping)`, '=', true), h(sql`count(*)`, '>=', frequent)]))
              .as('a'),
          (join) => join.onRef('a.device_id', '=', 'iot_devices.id'),
        )
        .select(['a.raises', 'a.flapping_alarms', 'a.last_raised_at'])
        .orderBy('a.flapping_alarms', 'desc')
        .orderBy('a.raises', 'desc')
        .orderBy('iot_devices.serial')
        .limit(limit)
        .execute(),

    /** A device of the scope with its type's fields and its latest state (none before its first reading). */
    latest: (deviceId: number) =>
      db
        .selectFrom('iot_devices')
        .innerJoin('iot_device_types as type', 'type.code', 'iot_devices.type_code')
        .leftJoin('iot_device_state as state', 'state.device_id', 'iot_devices.id')
        .select(['iot_devices.id', 'type.fields', 'type.events', 'type.has_camera', 'state.ts', 'state.values'])
        .where('iot_devices.id', '=', deviceId)
        .executeTakeFirst(),

    /**
     * The device's events (camera, button) from `from` to `to`, newest first: ingest stores an
     * event as a reading with `_event` (decision 029). Read by the readings' unique index on
     * (device_id, ts); the caller found the device in scope first.
     */
    events: (deviceId: number, from: Date, to: Date, limit: number) =>
      db.unscoped
        .selectFrom('iot_telemetry')
        .select(['ts', 'values'])
        .where('device_id', '=', deviceId)
        .where('ts', '>=', from)
        .where('ts', '<', to)
        .where(sql<boolean>`values ? '_event'`)
        .orderBy('ts', 'desc')
        .limit(limit)
        .execute(),
  };
}

export type DeviceHealthRepository = ReturnType<typeof deviceHealthRepository>;
/** The names every device list row has (the `named` join). */
export type NamedDeviceRow = Pick<
  Awaited<ReturnType<DeviceHealthRepository['lowBattery']>>[number],
  | 'id'
  | 'serial'
  | 'name'
  | 'type_name'
  | 'estate_name'
  | 'building_name'
  | 'unit_name'
  | 'floor'
  | 'room'
  | 'village_group'
  | 'door_number'
>;
