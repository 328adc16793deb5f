import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * What the rule timers read and write (rule-timers.ts): the devices that have been heard from, a
 * page at a time, and their state rows, locked as ingest locks them.
 */
export function ruleTimersRepository(db: Kysely<DB>) {
  return {
    /** The next page of in-service devices with a state row, after `afterId`, in id order. */
    devicePage: async (afterId: number, limit: number) =>
      (
        await db
          .selectFrom('iot_device_state as s')
          .innerJoin('iot_devices as d', 'd.id', 's.device_id')
          .select('s.device_id')
          .where('s.device_id', '>', afterId)
          .where('d.status', '=', 'active')
          .orderBy('s.device_id')
          .limit(limit)
          .execute()
      ).map((r) => r.device_id),

    /**
     * Their state rows locked, in id order as ingest locks them; a row a batch holds right now is
     * skipped (that batch is judging the device; the next round ticks it).
     */
    lockStates: (deviceIds: readonly number[]) =>
      db
        .selectFrom('iot_device_state as s')
        .innerJoin('iot_devices as d', 'd.id', 's.device_id')
        .select(['s.device_id', 's.values', 's.rule_state', 'd.last_seen_at'])
        .where('s.device_id', 'in', [...deviceIds])
        .orderBy('s.device_id')
        .forUpdate('s')
        .skipLocked()
        .execute(),

    saveRuleStates: async (rows: readonly { deviceId: number; ruleState: Record<string, unknown> }[]) => {
      if (rows.length === 0) return;
      await sql`update iot_device_state s set rule_state = v.rule_state, updated_at = now()
        from unnest(${rows.map((r) => r.deviceId)}::bigint[], ${rows.map((r) => JSON.stringify(r.ruleState))}::jsonb[]) as v(device_id, rule_state)
        where s.device_id = v.device_id`.execute(db);
    },
  };
}
