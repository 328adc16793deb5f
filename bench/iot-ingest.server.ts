/**
 * The server of the IoT benchmarks, a process of its own (bench/iot-ingest.bench.ts starts it):
 * the real app with its real ingest and rules on the IoT bench county (PostgreSQL from
 * BENCH_DATABASE_URL, or PGlite), consuming MQTT_URL when given, else its embedded broker on
 * MQTT_PORT. It talks to the bench over its standard streams, one line each:
 *
 *   out  READY {"base","mqttPort","devices":[…]}    listening; the county's active devices
 *   out  STORED <epoch ms> <n>                        every 250 ms: readings stored since the run began
 *   in   RAW <rows>   → out RAW {"rows","seconds"}    the raw batched INSERT of this run's first rows
 *   in   CHECK <file> → out CHECK {…}                 how the acknowledged msgIds in <file> are stored
 *   in   ALARMS       → out ALARMS [{…}]              the alarms, per device and rule
 *
 * BENCH_FRESH=1 empties the IoT tables first (a restarted server of the loss test keeps them).
 * SIGTERM closes it cleanly (and writes a --cpu-prof profile when the bench asked for one).
 */
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '../server/platform/config.js';
import { buildApp } from '../server/app.js';
import { prepareTelemetry } from '../server/domains/iot/index.js';
import { openIotBenchCounty } from './iot-county.js';

const database = await openIotBenchCounty();
const db = database.db;
if (process.env.BENCH_FRESH === '1') {
  await sql`truncate iot_telemetry, iot_device_state, iot_alarm_events, iot_alarms, iot_dead_letters, iot_ingest_counts cascade`.execute(
    db,
  );
}
const config = loadConfig({
  ...process.env,
  PORT: '0',
  LOG_LEVEL: 'silent',
  DATA_DIR: '/tmp/civicgrid-bench-files',
  SUPERVISION_SWEEP_SECONDS: '3600',
});
await prepareTelemetry(db, config.iot);
const app = await buildApp({ config, database });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const devices = await db
  .selectFrom('iot_devices')
  .select(['id', 'serial', 'type_code as typeCode'])
  .where('status', '=', 'active')
  .orderBy('id')
  .execute();
process.stdout.write(`READY ${JSON.stringify({ base, mqttPort: app.iot.mqttPort, devices })}\n`);

const storedCount = async () => {
  const row = await db
    .selectFrom('iot_ingest_counts')
    .select((eb) => eb.fn.sum<string>('n').as('n'))
    .where('counter', '=', 'stored')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};
let reporting = false;
const reporter = setInterval(async () => {
  if (reporting) return;
  reporting = true;
  try {
    process.stdout.write(`STORED ${Date.now()} ${await storedCount()}\n`);
  } finally {
    reporting = false;
  }
}, 250);

createInterface({ input: process.stdin }).on('line', async (line) => {
  const [command, argument] = line.split(' ');
  if (command === 'RAW') process.stdout.write(`RAW ${JSON.stringify(await rawInsert(Number(argument)))}\n`);
  if (command === 'CHECK') process.stdout.write(`CHECK ${JSON.stringify(await checkAcknowledged(argument))}\n`);
  if (command === 'ALARMS') process.stdout.write(`ALARMS ${JSON.stringify(await alarms())}\n`);
});

/**
 * The limit to compare with: the same rows as this run stored, written raw into a fresh table
 * of the same shape (partitioned by time, the same unique key and BRIN index), in batches of the
 * writer's size, one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING` each, as many at
 * once as the writer runs batches (two on PostgreSQL, one on PGlite's single connection).
 */
async function rawInsert(limit: number) {
  const rows = await db.selectFrom('iot_telemetry').select(['device_id', 'ts', 'msg_key', 'values']).limit(limit).execute();
  await sql`drop table if exists bench_raw_telemetry`.execute(db);
  await sql`create table bench_raw_telemetry (like iot_telemetry including defaults) partition by range (ts)`.execute(db);
  await sql`create table bench_raw_telemetry_all partition of bench_raw_telemetry for values from (minvalue) to (maxvalue)`.execute(db);
  await sql`create unique index on bench_raw_telemetry (device_id, ts, msg_key)`.execute(db);
  await sql`create index on bench_raw_telemetry using brin (ts)`.execute(db);
  const size = config.iot.batchReadings;
  const batches: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += size) batches.push(rows.slice(i, i + size));
  const started = performance.now();
  let next = 0;
  const lanes = database.kind === 'postgres' ? 2 : 1;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        await sql`insert into bench_raw_telemetry (device_id, ts, msg_key, "values")
          select * from unnest(${batch.map((r) => r.device_id)}::bigint[], ${batch.map((r) => r.ts.toISOString())}::timestamptz[],
            ${batch.map((r) => r.msg_key)}::text[], ${batch.map((r) => JSON.stringify(r.values))}::jsonb[])
          on conflict (device_id, ts, msg_key) do nothing`.execute(db);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await sql`drop table bench_raw_telemetry`.execute(db);
  return { rows: rows.length, seconds };
}

/** Each acknowledged msgId (one a line in `file`): stored once, more than once, or missing. */
async function checkAcknowledged(file: string) {
  const acked = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const run = acked[0]?.split(':')[0] ?? '';
  const { rows } = await sql<{ msg_key: string; n: number }>`select msg_key, count(*)::int as n from iot_telemetry
    where msg_key like ${`${run}:%`} group by msg_key`.execute(db);
  const stored = new Map(rows.map((r) => [r.msg_key, r.n]));
  let missing = 0,
    doubled = 0;
  const examples: string[] = [];
  for (const id of acked) {
    const n = stored.get(id) ?? 0;
    if (n === 0) missing++;
    if (n > 1) doubled++;
    if (n !== 1 && examples.length < 5) examples.push(`${id}×${n}`);
  }
  return { acknowledged: acked.length, storedKeys: rows.length, missing, doubled, examples };
}

async function alarms() {
  const { rows } = await sql<{ device_id: number; rule_code: string; n: number; open: number }>`select device_id, rule_code,
      count(*)::int as n, count(*) filter (where cleared_at is null)::int as open
    from iot_alarms group by 1, 2 order by 1, 2`.execute(db);
  return rows;
}

process.once('SIGTERM', async () => {
  clearInterval(reporter);
  await app.close();
  await database.close();
  process.exit(0);
});
