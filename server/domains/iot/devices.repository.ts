import { sql, type Insertable, type Updateable } from 'kysely';
import type { IotDeviceStatus, IotDeviceTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { containing } from '../../platform/db/text-search.js';
import { pageOf } from '../../platform/paging.js';

/**
 * The devices of a viewer's scope (region, and for property staff their estates: iot_devices is
 * a scoped table), and the type catalogue they are registered under. Every device query starts
 * from the ScopedDb. No read here selects `secret_sha256`: the hash stays in the database.
 */
export interface DeviceFilter {
  q?: string;
  typeCode?: string;
  status?: IotDeviceStatus;
  online?: boolean;
  estateId?: number;
}

export function devicesRepository(db: ScopedDb) {
  const base = (f: DeviceFilter) => {
    let q = db.selectFrom('iot_devices');
    if (f.typeCode) q = q.where('iot_devices.type_code', '=', f.typeCode);
    if (f.status) q = q.where('iot_devices.status', '=', f.status);
    if (f.online !== undefined) q = q.where('iot_devices.online', '=', f.online);
    if (f.estateId) q = q.where('iot_devices.estate_id', '=', f.estateId);
    // 设备编号 or name, any part of either.
    if (f.q)
      q = q.where((eb) => eb.or([eb('iot_devices.serial', 'ilike', containing(f.q!)), eb('iot_devices.name', 'like', containing(f.q!))]));
    return q;
  };
  // prettier-ignore
  const withNames = (f: DeviceFilter) =>
    base(f)
      .innerJoin('iot_device_types as type', 'type.code', 'iot_devices.type_code')
      .leftJoin('estates', 'estates.id', 'iot_devices.estate_id')
      .leftJoin('buildings', 'buildings.id', 'iot_devices.building_id')
      .leftJoin('houses', 'houses.id', 'iot_devices.house_id')
      // A device in a village house (docs/decisions/049) has no estate: its community is the house's.
      .leftJoin('regions as community', (join) => join.on(sql<boolean>`community.id = coalesce(estates.community_id, houses.community_id)`))
      .leftJoin('org_units as owner_unit', 'owner_unit.id', 'iot_devices.owner_unit_id')
      .select([
        'iot_devices.id', 'iot_devices.serial', 'iot_devices.name', 'iot_devices.type_code', 'iot_devices.status', 'iot_devices.online',
        'iot_devices.last_seen_at', 'iot_devices.battery', 'iot_devices.estate_id', 'iot_devices.building_id', 'iot_devices.house_id',
        'iot_devices.unit_name', 'iot_devices.floor', 'iot_devices.lon', 'iot_devices.lat', 'iot_devices.owner_unit_id',
        'iot_devices.snapshot_url', 'iot_devices.stream_url', 'iot_devices.firmware', 'iot_devices.mqtt_username',
        'iot_devices.credentials_issued_at', 'iot_devices.auth_failures', 'iot_devices.created_at',
        'type.name as type_name', 'type.category', 'estates.name as estate_name', 'community.name as community_name',
        'buildings.name as building_name', 'houses.room', 'houses.village_group', 'houses.door_number', 'owner_unit.name as owner_unit_name',
      ])
      // Alarms not yet closed (iot_alarms_device_idx): a device's are few, so one count per row is cheap.
      .select((eb) =>
        eb
          .selectFrom('iot_alarms')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('iot_alarms.device_id', '=', 'iot_devices.id')
          .where('iot_alarms.closed_at', 'is', null)
          .as('open_alarms'),
      );

  return {
    list: (f: DeviceFilter, page: { offset: number; limit: number }) =>
      pageOf(withNames(f).orderBy('iot_devices.serial').offset(page.offset).limit(page.limit), base(f)),

    byId: (id: number) => withNames({}).where('iot_devices.id', '=', id).executeTakeFirst(),

    /** A serial is registered once in the county (its UNIQUE index), so this looks beyond the scope. */
    serialRegistered: (serial: string) =>
      db.unscoped.selectFrom('iot_devices').select('id').where('serial', '=', serial).executeTakeFirst(),

    /** The device a registration with this key made; the key carries its user, so the scope is theirs. */
    byIdempotencyKey: (key: string) =>
      db.unscoped.selectFrom('iot_devices').select(['id', 'idempotency_fingerprint']).where('idempotency_key', '=', key).executeTakeFirst(),

    insert: async (values: Insertable<IotDeviceTable>) =>
      (await db.unscoped.insertInto('iot_devices').values(values).returning('id').executeTakeFirstOrThrow()).id,

    update: (id: number, values: Updateable<IotDeviceTable>) =>
      db
        .updateTable('iot_devices')
        .set({ ...values, updated_at: new Date() })
        .where('iot_devices.id', '=', id)
        .execute(),

    /** Device types are the county's catalogue, not limited by region. */
    type: (code: string) => db.unscoped.selectFrom('iot_device_types').select(['code', 'name']).where('code', '=', code).executeTakeFirst(),

    types: () => db.unscoped.selectFrom('iot_device_types').selectAll().orderBy('sort').orderBy('code').execute(),

    /** Each type's own rules (a device's overrides have a device_id), as the rule engine stores them. */
    typeRules: () =>
      db.unscoped
        .selectFrom('iot_rules')
        .select(['type_code', 'definition'])
        .where('device_id', 'is', null)
        .orderBy('type_code')
        .orderBy('id')
        .execute(),
  };
}

export type DevicesRepository = ReturnType<typeof devicesRepository>;
export type DeviceRow = NonNullable<Awaited<ReturnType<DevicesRepository['byId']>>>;
export type DeviceTypeRow = Awaited<ReturnType<DevicesRepository['types']>>[number];
export type TypeRuleRow = Awaited<ReturnType<DevicesRepository['typeRules']>>[number];
