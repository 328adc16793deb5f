import { sql, type Kysely } from 'kysely';
import type { DB, IotValue } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { dayStart, addDays, partitionName } from './telemetry.days.js';

/** A reading as the batch writer hands it over: values already judged against the type. */
export interface TelemetryRow {
  deviceId: number;
  ts: Date;
  msgKey: string;
  values: Record<string, IotValue>;
}

/** The key of a stored reading: device, time (epoch ms) and msgId. */
export type StoredKey = [deviceId: number, tsMs: number, msgKey: string];

/** Every hour before this is rolled up into iot_telemetry_hourly (null: nothing yet). */
async function rolledUntil(db: Kysely<DB>) {
  const { rows } = await sql<{ rolled_until: Date }>`select rolled_until from iot_telemetry_rollup where name = 'hourly'`.execute(db);
  return rows[0]?.rolled_until ?? null;
}

/** The readings' table and its day partitions (decision 027). */
export function telemetryRepository(db: Kysely<DB>) {
  return {
    /**
     * One statement for the whole batch; a reading already stored (same device, ts and msgId)
     * meets it on the unique index and is skipped. Answers null when every row was stored (nearly
     * always), else the keys of those this statement stored: parsing 2 000 returned rows per batch
     * to learn that nothing was a duplicate cost more than the insert's own binding (decision 040).
     * The rows go as one JSON text, which Node writes natively.
     */
    insertReadings: async (rows: readonly TelemetryRow[]): Promise<StoredKey[] | null> => {
      if (rows.length === 0) return null;
      const json = JSON.stringify(rows.map((r) => ({ d: r.deviceId, t: r.ts.getTime(), k: r.msgKey, v: r.values })));
      const { rows: result } = await sql<{ n: number; stored: StoredKey[] | null }>`with ins as (
          insert into iot_telemetry (device_id, ts, msg_key, "values")
          select d, to_timestamp(t / 1000.0), k, v from json_to_recordset(${json}::json) as r(d bigint, t float8, k text, v jsonb)
          on conflict (device_id, ts, msg_key) do nothing
          returning device_id, ts, msg_key)
        select count(*)::int as n,
          case when count(*) < ${rows.length} then json_agg(json_build_array(device_id, (extract(epoch from ts) * 1000)::float8, msg_key)) end as stored
        from ins`.execute(db);
      return result[0].n === rows.length ? null : (result[0].stored ?? []);
    },

    partitions: async () => {
      const { rows } = await sql<{ name: string }>`select c.relname as name
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'iot_telemetry'::regclass order by 1`.execute(db);
      return rows.map((r) => r.name);
    },

    /** The partition of one Beijing day; `day` is a checked 'YYYY-MM-DD', so its name is safe to splice. */
    createPartition: async (day: string) => {
      const from = dayStart(day).toISOString();
      const to = dayStart(addDays(day, 1)).toISOString();
      await sql`create table if not exists ${sql.table(partitionName(day))} partition of iot_telemetry
        for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(db);
    },

    dropPartition: async (name: string) => {
      await sql`drop table if exists ${sql.table(name)}`.execute(db);
    },

    rolledUntil: () => rolledUntil(db),

    /**
     * The hours from `from` to `to` (whole hours) rolled up, each field of each device a row, and
     * the roll-up's progress moved to `to`. Rolled again, an hour is replaced, not added to.
     */
    rollUpHours: async (from: Date, to: Date) => {
      const result =
        await sql`insert into iot_telemetry_hourly (device_id, key, hour, n, num_n, min, max, sum, bool_n, true_n, last, last_ts)
        select r.device_id, e.key, date_trunc('hour', r.ts), count(*)::int,
          (count(*) filter (where jsonb_typeof(e.value) = 'number'))::int,
          min(e.value::float8) filter (where jsonb_typeof(e.value) = 'number'),
          max(e.value::float8) filter (where jsonb_typeof(e.value) = 'number'),
          sum(e.value::float8) filter (where jsonb_typeof(e.value) = 'number'),
          (count(*) filter (where jsonb_typeof(e.value) = 'boolean'))::int,
          (count(*) filter (where e.value = 'true'::jsonb))::int,
          (array_agg(e.value order by r.ts desc))[1], max(r.ts)
        from iot_telemetry r cross join lateral jsonb_each(r.values) as e(key, value)
        where r.ts >= ${from.toISOString()}::timestamptz and r.ts < ${to.toISOString()}::timestamptz
          and jsonb_typeof(e.value) in ('number', 'boolean')
        group by 1, 2, 3
        on conflict (device_id, key, hour) do update set n = excluded.n, num_n = excluded.num_n, min = excluded.min,
          max = excluded.max, sum = excluded.sum, bool_n = excluded.bool_n, true_n = excluded.true_n,
          last = excluded.last, last_ts = excluded.last_ts`.execute(db);
      await sql`insert into iot_telemetry_rollup (name, rolled_until) values ('hourly', ${to.toISOString()}::timestamptz)
        on conflict (name) do update set rolled_until = excluded.rolled_until`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    /** The roll-up's rows before `before`, gone: they outlived IOT_HOURLY_RETENTION_DAYS. */
    dropHoursBefore: async (before: Date) => {
      const result = await sql`delete from iot_telemetry_hourly where hour < ${before.toISOString()}::timestamptz`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },
  };
}

export interface SeriesBucket {
  t: Date;
  key: string;
  n: number;
  min: number | null;
  max: number | null;
  avg: number | null;
  true_share: number | null;
  last: IotValue | null;
}

/** A device of the viewer's scope (404 otherwise) and its downsampled readings. */
export function telemetryReadRepository(db: ScopedDb) {
  return {
    device: (id: number) =>
      db
        .selectFrom('iot_devices')
        .innerJoin('iot_device_types as t', 't.code', 'iot_devices.type_code')
        .select(['iot_devices.id', 't.fields'])
        .where('iot_devices.id', '=', id)
        .executeTakeFirst(),

    rolledUntil: () => rolledUntil(db.unscoped),

    /**
     * Each field's readings in buckets of `bucketSeconds` from `from` (date_bin): numbers as
     * lowest, highest and mean, booleans as the share that were true and the last one. Hours
     * before `hourlyUntil` (buckets of whole hours from a whole hour, and the roll-up's progress)
     * answer from the roll-up, and only the readings after it are read (decision 036): a year is
     * 8 760 rows a field, not half a million readings over 365 partitions.
     */
    buckets: async (deviceId: number, from: Date, to: Date, bucketSeconds: number, keys: readonly string[], hourlyUntil: Date | null) => {
      const cut = hourlyUntil && hourlyUntil > from ? (hourlyUntil < to ? hourlyUntil : to) : from;
      const { rows } = await sql<SeriesBucket>`with parts as (
          select h.hour as ts, h.key, h.n, h.num_n, h.min, h.max, h.sum, h.bool_n, h.true_n, h.last, h.last_ts
          from iot_telemetry_hourly h
          where h.device_id = ${deviceId} and h.key = any(${keys}::text[])
            and h.hour >= ${from.toISOString()}::timestamptz and h.hour < ${cut.toISOString()}::timestamptz
          union all
          select r.ts, e.key, 1, (jsonb_typeof(e.value) = 'number')::int,
            case when jsonb_typeof(e.value) = 'number' then e.value::float8 end,
            case when jsonb_typeof(e.value) = 'number' then e.value::float8 end,
            case when jsonb_typeof(e.value) = 'number' then e.value::float8 end,
            (jsonb_typeof(e.value) = 'boolean')::int, (e.value = 'true'::jsonb)::int, e.value, r.ts
          from iot_telemetry r cross join lateral jsonb_each(r.values) as e(key, value)
          where r.device_id = ${deviceId} and r.ts >= ${cut.toISOString()}::timestamptz
            and r.ts < ${to.toISOString()}::timestamptz and e.key = any(${keys}::text[]))
        select date_bin(${bucketSeconds}::int * interval '1 second', ts, ${from.toISOString()}::timestamptz) as t,
          key, sum(n)::int as n, min(min) as min, max(max) as max, sum(sum) / nullif(sum(num_n), 0) as avg,
          (sum(true_n)::float8 / nullif(sum(bool_n), 0))::float8 as true_share,
          (array_agg(last order by last_ts desc))[1] as last
        from parts group by 1, 2 order by 2, 1`.execute(db.unscoped);
      return rows;
    },
  };
}
