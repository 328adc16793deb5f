import { sql } from 'kysely';
import type { ScopedDb } from '../../platform/db/scoped-db.js';

/**
 * Rules as administrators edit them (rule-settings.service.ts): a type's rules (the county's
 * catalogue, not limited by region) and a device's overrides (the device found in the viewer's
 * scope first). Rules are read by ingest per batch (rules-for-devices.ts), so what is written
 * here applies from the next batch, in every process.
 */
export function ruleSettingsRepository(db: ScopedDb) {
  const rulesWithEditor = () =>
    db.unscoped
      .selectFrom('iot_rules')
      .leftJoin('users', 'users.id', 'iot_rules.updated_by')
      .select([
        'iot_rules.id',
        'iot_rules.code',
        'iot_rules.definition',
        'iot_rules.edited',
        'iot_rules.updated_at',
        'users.display_name as updated_by_name',
      ]);

  return {
    type: (code: string) =>
      db.unscoped
        .selectFrom('iot_device_types')
        .select(['code', 'name', 'category', 'fields', 'events'])
        .where('code', '=', code)
        .executeTakeFirst(),

    typeRules: (typeCode: string) =>
      rulesWithEditor()
        .where('iot_rules.type_code', '=', typeCode)
        .where('iot_rules.device_id', 'is', null)
        .orderBy('iot_rules.id')
        .execute(),

    /** The type's rule, locked until the edit commits: two editors take turns, neither's change is lost unseen. */
    lockTypeRule: (typeCode: string, code: string) =>
      db.unscoped
        .selectFrom('iot_rules')
        .select(['id', 'definition'])
        .where('type_code', '=', typeCode)
        .where('device_id', 'is', null)
        .where('code', '=', code)
        .forUpdate()
        .executeTakeFirst(),

    /** An edited type rule is the county's own: the device-type file no longer resets it (device-types.ts). */
    updateTypeRule: (id: number, definition: string, userId: number) =>
      db.unscoped
        .updateTable('iot_rules')
        .set({ definition, edited: true, updated_by: userId, updated_at: new Date() })
        .where('id', '=', id)
        .execute(),

    device: (id: number) =>
      db
        .selectFrom('iot_devices')
        .select(['iot_devices.id', 'iot_devices.serial', 'iot_devices.type_code'])
        .where('iot_devices.id', '=', id)
        .executeTakeFirst(),

    overrides: (deviceId: number) => rulesWithEditor().where('iot_rules.device_id', '=', deviceId).orderBy('iot_rules.id').execute(),

    upsertOverride: (row: { typeCode: string; deviceId: number; code: string; definition: string; userId: number }) =>
      db.unscoped
        .insertInto('iot_rules')
        .values({
          type_code: row.typeCode,
          device_id: row.deviceId,
          code: row.code,
          definition: row.definition,
          edited: true,
          updated_by: row.userId,
        })
        .onConflict((oc) =>
          oc
            .columns(['device_id', 'code'])
            .where('device_id', 'is not', null)
            .doUpdateSet({ definition: row.definition, updated_by: row.userId, updated_at: new Date() }),
        )
        .execute(),

    /** Answers the removed override's definition, or undefined when there was none. */
    deleteOverride: (deviceId: number, code: string) =>
      db.unscoped
        .deleteFrom('iot_rules')
        .where('device_id', '=', deviceId)
        .where('code', '=', code)
        .returning('definition')
        .executeTakeFirst(),

    /**
     * Starts a rule's condition over for these devices (decision 032): its stored condition gets a
     * kind no condition machine has, which the engine (rules/engine.ts adopt) treats as an edited
     * rule — the run, count or window begins afresh, while the alarm's being active, the watermark
     * and flapping stay. Devices without a state for the rule are left as they are.
     */
    restartCondition: (code: string, devices: { typeCode: string } | { deviceId: number }) =>
      db.unscoped
        .updateTable('iot_device_state')
        .set({ rule_state: sql`jsonb_set(rule_state, array[${code}, 'condition'], '{"kind":"edited"}'::jsonb)` })
        .where(sql<boolean>`rule_state -> ${code} ? 'condition'`)
        .where((eb) =>
          'deviceId' in devices
            ? eb('device_id', '=', devices.deviceId)
            : eb('device_id', 'in', eb.selectFrom('iot_devices').select('id').where('type_code', '=', devices.typeCode)),
        )
        .execute(),
  };
}

export type RuleSettingsRepository = ReturnType<typeof ruleSettingsRepository>;
