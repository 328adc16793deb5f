import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/** The devices of an ingest batch and their rules (rules-for-devices.ts); not limited by region. */
export function ruleLoadRepository(db: Kysely<DB>) {
  return {
    devices: (ids: number[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('iot_devices as d')
            .innerJoin('iot_device_types as t', 't.code', 'd.type_code')
            .select(['d.id', 'd.type_code', 'd.region_path', 'd.estate_id', 'd.building_id', 'd.snapshot_url', 't.fields'])
            .where('d.id', 'in', ids)
            .execute(),

    /** The types' rules and these devices' overrides. */
    rules: (typeCodes: string[], deviceIds: number[]) =>
      typeCodes.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('iot_rules')
            .select(['id', 'type_code', 'device_id', 'code', 'definition'])
            .where('type_code', 'in', typeCodes)
            .where((eb) => eb.or([eb('device_id', 'is', null), eb('device_id', 'in', deviceIds)]))
            .orderBy('id')
            .execute(),
  };
}
