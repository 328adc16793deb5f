import { sql, type Kysely } from 'kysely';
import type { DB, IotValue } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { insertStatement, tableSpec } from '../../platform/db/bulk-insert.js';
import { dayStart, addDays, partitionName } from './telemetry.days.js';

/** A reading as the batch writer hands it over: values already judged against the type. */
export interface TelemetryRow {
  device_id: number;
  ts: string;
  msg_key: string;
  values: string;
}

const TELEMETRY = tableSpec<TelemetryRow>('iot_telemetry', { device_id: 'bigint', ts: 'timestamptz', msg_key: 'text', values: 'jsonb' });

/** The readings' table and its day partitions (decision 027). */
export function telemetryRepository(db: Kysely<DB>) {
  return {
    /**
     * One statement for the whole batch; a reading already stored (same device, ts and msgId)
     * meets it on the unique index and is skipped. Answers the readings this statement stored.
     */
    insertReadings: async (rows: readonly TelemetryRow[]) => {
      if (rows.length === 0) return [];
      const { rows: stored } = await sql<{ device_id: number; ts: Date; msg_key: string }>`${insertStatement(TELEMETRY, rows)}
        on conflict (device_id, ts, msg_key) do nothing
        returning device_id, ts, msg_key`.execute(db);
      return stored;
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

    /**
     * Each field's readings in buckets of `bucketSeconds` from `from` (date_bin): numbers as
     * lowest, highest and mean, booleans as the share that were true and the last one. A year
     * of minute readings is about half a million rows, read once by the BRIN index on time and
     * the partitions the range touches, and answered in a few hundred buckets.
     */
    buckets: async (deviceId: number, from: Date, to: Date, bucketSeconds: number, keys: readonly string[]) => {
      const { rows } =
        await sql<SeriesBucket>`select date_bin(${bucketSeconds}::int * interval '1 second', r.ts, ${from.toISOString()}::timestamptz) as t,
          e.key, count(*)::int as n,
          min(e.value::float8) filter (where jsonb_typeof(e.value) = 'number') as min,
          max(e.value::float8) filter (where jsonb_typeof(e.value) = 'number') as max,
          avg(e.value::float8) filter (where jsonb_typeof(e.value) = 'number') as avg,
          (avg(case when e.value = 'true'::jsonb then 1.0 else 0.0 end) filter (where jsonb_typeof(e.value) = 'boolean'))::float8 as true_share,
          (array_agg(e.value order by r.ts desc))[1] as last
        from iot_telemetry r cross join lateral jsonb_each(r.values) as e(key, value)
        where r.device_id = ${deviceId} and r.ts >= ${from.toISOString()}::timestamptz and r.ts < ${to.toISOString()}::timestamptz
          and e.key = any(${keys}::text[])
        group by 1, 2 order by 2, 1`.execute(db.unscoped);
      return rows;
    },
  };
}
