import { sql, type Kysely } from 'kysely';
import type { DB, IotValue } from '../../../platform/db/schema.js';
import { insertStatement, tableSpec } from '../../../platform/db/bulk-insert.js';

/**
 * What ingest reads and writes besides the readings themselves (telemetry.repository.ts): the
 * devices it hears from, their state rows, refusals and counts. Devices are read for the whole
 * county: a device is who it signs in as, not where a viewer stands.
 */
export interface DeviceTouch {
  id: number;
  seenAt: Date;
  online: boolean;
  battery: number | null;
  firmware: string | null;
}

export interface DeviceStateRow {
  deviceId: number;
  ts: Date;
  values: Record<string, IotValue>;
  /** null keeps the saved rule state. */
  ruleState: Record<string, unknown> | null;
}

/** A device's locked iot_device_state row. */
export interface LockedStateRow {
  device_id: number;
  ts: Date;
  values: Record<string, IotValue>;
  rule_state: Record<string, unknown>;
}

/** What a batch's last statement writes (finishBatch). */
export interface BatchEnd {
  states: readonly DeviceStateRow[];
  touches: readonly DeviceTouch[];
  day: string;
  counts: ReadonlyMap<string, number>;
}

const stateJson = (r: DeviceStateRow) => ({ device_id: r.deviceId, ts: r.ts.getTime(), values: r.values, rule_state: r.ruleState });
const touchJson = (t: DeviceTouch) => ({ id: t.id, seen: t.seenAt.getTime(), online: t.online, battery: t.battery, firmware: t.firmware });

export interface DeadLetterRow {
  transport: 'mqtt' | 'http';
  topic: string | null;
  serial: string | null;
  device_id: number | null;
  reason: string;
  detail: string;
  payload: string;
  received_at: Date;
}

const DEAD_LETTERS = tableSpec<DeadLetterRow>('iot_dead_letters', {
  transport: 'text',
  topic: 'text',
  serial: 'text',
  device_id: 'bigint',
  reason: 'text',
  detail: 'text',
  payload: 'text',
  received_at: 'timestamptz',
});

/** How stale iot_devices.last_seen_at may grow before a reading rewrites it. */
export const LAST_SEEN_STEP = '30 seconds';

const DEVICE_COLUMNS = ['id', 'serial', 'type_code', 'status', 'mqtt_username', 'secret_sha256'] as const;

export function ingestRepository(db: Kysely<DB>) {
  return {
    deviceByUsername: (username: string) =>
      db.selectFrom('iot_devices').select(DEVICE_COLUMNS).where('mqtt_username', '=', username).executeTakeFirst(),

    /** Several devices at once: the first messages after a start come from hundreds of devices together (decision 034). */
    devicesBySerial: (serials: readonly string[]) =>
      serials.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('iot_devices')
            .select(DEVICE_COLUMNS)
            .where('serial', 'in', [...serials])
            .execute(),

    deviceTypes: () => db.selectFrom('iot_device_types').select(['code', 'fields', 'events', 'offline_minutes']).execute(),

    /** A refused sign-in with this device's name (decision 027: refused and counted). */
    recordAuthFailure: async (deviceId: number, at: Date) => {
      await db
        .updateTable('iot_devices')
        .set((eb) => ({ auth_failures: eb('auth_failures', '+', 1), last_auth_failure_at: at }))
        .where('id', '=', deviceId)
        .execute();
    },

    /**
     * The devices' state rows, locked, in id order: every process locks in the same order, so two
     * batches that share devices wait for each other and never deadlock (decision 027). A device's
     * first batch makes its row; after that, one statement (decision 040).
     */
    lockDeviceStates: async (deviceIds: readonly number[]) => {
      const ids = [...deviceIds].sort((a, b) => a - b);
      const lock = () =>
        sql<LockedStateRow>`select device_id, ts, "values", rule_state from iot_device_state
          where device_id = any(${ids}::bigint[]) order by device_id for update`.execute(db);
      const { rows } = await lock();
      if (rows.length === ids.length) return rows;
      await sql`insert into iot_device_state (device_id, ts)
        select id, 'epoch'::timestamptz from unnest(${ids}::bigint[]) as t(id)
        on conflict (device_id) do nothing`.execute(db);
      return (await lock()).rows;
    },

    /**
     * The end of a batch in one statement (decision 040): the devices' new state, who was heard
     * from, and the day's counters. Rows travel as one JSON text each, which Node writes natively
     * instead of escaping every array element.
     *
     * A device row is rewritten only when something changed or it was last seen more than
     * LAST_SEEN_STEP ago: rewriting every device of every batch (a wide row with seven indexes)
     * cost the writer more than half its speed with 2 000 devices a batch (decision 029), and
     * offline times are minutes. Counters are added in counter order, so two processes adding at
     * once never deadlock.
     */
    finishBatch: async ({ states, touches, day, counts }: BatchEnd) => {
      const counters = [...counts.keys()].sort();
      await sql`with states as (
          update iot_device_state s
          set ts = to_timestamp(v.ts / 1000.0), "values" = v."values", rule_state = coalesce(v.rule_state, s.rule_state), updated_at = now()
          from json_to_recordset(${JSON.stringify(states.map(stateJson))}::json) as v(device_id bigint, ts float8, "values" jsonb, rule_state jsonb)
          where s.device_id = v.device_id
          returning 1),
        devices as (
          update iot_devices d
          set last_seen_at = greatest(d.last_seen_at, v.seen_at), online = v.online,
            battery = coalesce(v.battery, d.battery), firmware = coalesce(v.firmware, d.firmware)
          from (select id, to_timestamp(seen / 1000.0) as seen_at, online, battery, firmware
            from json_to_recordset(${JSON.stringify(touches.map(touchJson))}::json) as t(id bigint, seen float8, online boolean, battery int, firmware text)) v
          where d.id = v.id and (d.last_seen_at is null or d.last_seen_at < v.seen_at - ${sql.lit(LAST_SEEN_STEP)}::interval
            or d.online <> v.online or d.battery is distinct from coalesce(v.battery, d.battery)
            or d.firmware is distinct from coalesce(v.firmware, d.firmware))
          returning 1),
        counts as (
          insert into iot_ingest_counts (day, counter, n)
          select ${day}::date, c, n from unnest(${counters}::text[], ${counters.map((c) => counts.get(c)!)}::bigint[]) as t(c, n)
          on conflict (day, counter) do update set n = iot_ingest_counts.n + excluded.n
          returning 1)
        select 1`.execute(db);
    },

    insertDeadLetters: async (rows: readonly DeadLetterRow[]) => {
      if (rows.length > 0) await insertStatement(DEAD_LETTERS, rows).execute(db);
    },

    countsOf: (day: string) => db.selectFrom('iot_ingest_counts').select(['counter', 'n']).where('day', '=', day).execute(),

    /** Keeps the newest `cap` dead letters. */
    trimDeadLetters: async (cap: number) => {
      const result = await sql`delete from iot_dead_letters where id <= (
        select id from iot_dead_letters order by id desc offset ${cap} limit 1)`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    /** Devices not heard from within their type's offline time are offline; answers how many turned so. */
    markSilentOffline: async (now: Date) => {
      const result = await sql`update iot_devices d set online = false
        from iot_device_types t
        where t.code = d.type_code and d.online
          and (d.last_seen_at is null or d.last_seen_at < ${now.toISOString()}::timestamptz - t.offline_minutes * interval '1 minute')`.execute(
        db,
      );
      return Number(result.numAffectedRows ?? 0);
    },
  };
}

export type IngestRepository = ReturnType<typeof ingestRepository>;
