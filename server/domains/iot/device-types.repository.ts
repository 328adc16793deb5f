import type { Insertable, Kysely } from 'kysely';
import type { DB, IotDeviceTypeTable } from '../../platform/db/schema.js';

/** The device-type catalogue and its default rules (device-types.ts); not limited by region. */
export function deviceTypesRepository(db: Kysely<DB>) {
  return {
    async upsertType(row: Insertable<IotDeviceTypeTable>) {
      const { code: _code, ...rest } = row;
      await db
        .insertInto('iot_device_types')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(rest))
        .execute();
    },

    /** A type's rule as the file has it, unless an administrator has edited it. */
    async upsertDefaultRule(typeCode: string, code: string, definition: string) {
      await db
        .insertInto('iot_rules')
        .values({ type_code: typeCode, code, definition })
        .onConflict((oc) =>
          oc
            .columns(['type_code', 'code'])
            .where('device_id', 'is', null)
            .doUpdateSet({ definition, updated_at: new Date() })
            .where('iot_rules.edited', '=', false),
        )
        .execute();
    },
  };
}
