/**
 * A year of one device's history as a chart asks for it: GET /api/iot/devices/:id/telemetry over
 * 1 day, 30 days and 365 days of minute readings (525 600 readings, 365 day partitions), from the
 * readings alone and then with the hourly roll-up (decision 036), p50 of a few rounds each.
 *
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_history_bench npx tsx bench/iot-history.bench.ts
 *   npx tsx bench/iot-history.bench.ts        # PGlite under bench/.data/
 */
import { sql } from 'kysely';
import { openBenchCounty, ms, percentile } from './county.js';
import { startBenchServer } from './bench-server.js';
import { maintainTelemetry, rollUpTelemetry } from '../server/domains/iot/telemetry.maintenance.js';
import { syncDeviceTypes } from '../server/domains/iot/device-types.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DAY = 86_400_000;
const settings = { retentionDays: 366, deadLetterCap: 10_000, hourlyRetentionDays: 731 };

const database = await openBenchCounty(Number(process.env.BENCH_RESIDENTS ?? 2000));
const db = database.db;
await syncDeviceTypes(db);
const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
await maintainTelemetry(db, settings, now);

// One gas detector in the first building, with a reading a minute for a year (made once, kept).
const serial = 'BENCH-HISTORY-1';
let device = await db.selectFrom('iot_devices').select('id').where('serial', '=', serial).executeTakeFirst();
if (!device) {
  const place = await db
    .selectFrom('buildings as b')
    .innerJoin('estates as e', 'e.id', 'b.estate_id')
    .innerJoin('regions as r', 'r.id', 'e.community_id')
    .select(['b.id as building_id', 'e.id as estate_id', 'r.id as region_id', 'r.path'])
    .orderBy('b.id')
    .executeTakeFirstOrThrow();
  device = await db
    .insertInto('iot_devices')
    .values({
      serial,
      type_code: 'gas_detector',
      name: '历史数据基准设备',
      region_id: place.region_id,
      region_path: place.path,
      estate_id: place.estate_id,
      building_id: place.building_id,
      mqtt_username: `${serial}-u`,
      secret_sha256: '0'.repeat(64),
      credentials_issued_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const t = performance.now();
  await sql`insert into iot_telemetry (device_id, ts, msg_key, values)
    select ${device.id}, ts, '', jsonb_build_object('lel', (extract(minute from ts)::int % 13), 'co', 2 + (extract(hour from ts)::int % 7), 'valve_closed', extract(minute from ts)::int = 0)
    from generate_series(${new Date(now.getTime() - 365 * DAY).toISOString()}::timestamptz, ${now.toISOString()}::timestamptz - interval '1 minute', interval '1 minute') as ts`.execute(
    db,
  );
  console.error(`525 600 readings written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
await sql`analyze iot_telemetry`.execute(db);

const { base, session } = await startBenchServer(database);
const cookie = await session('county.admin');
async function timeRange(days: number) {
  const url = `${base}/api/iot/devices/${device!.id}/telemetry?from=${new Date(now.getTime() - days * DAY).toISOString()}&to=${now.toISOString()}`;
  const times: number[] = [];
  for (let i = 0; i < ROUNDS + 1; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    if (!res.ok) throw new Error(`${days} days: ${res.status} ${await res.text()}`);
    await res.json();
    if (i > 0) times.push(performance.now() - t); // the first warms the cache
  }
  return { p50: percentile(times, 50), min: Math.min(...times), max: Math.max(...times) };
}
const report = async (label: string) => {
  for (const days of [1, 30, 365]) {
    const r = await timeRange(days);
    console.log(`${label.padEnd(16)} ${String(days).padStart(3)} days: p50 ${ms(r.p50)} (${ms(r.min)}–${ms(r.max)})`);
  }
};

await sql`delete from iot_telemetry_rollup`.execute(db);
await report('readings only');
const t = performance.now();
const rows = await rollUpAll();
console.log(`roll-up: ${rows} hour rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
await report('with roll-up');
process.exit(0);

/** The sweep rolls up at most a week a round; here every round until it has caught up. */
async function rollUpAll() {
  let rows = 0;
  for (;;) {
    const n = await rollUpTelemetry(db, settings, now);
    rows += n;
    const until = await sql<{ rolled_until: Date }>`select rolled_until from iot_telemetry_rollup`.execute(db);
    if (until.rows[0].rolled_until.getTime() >= now.getTime() - 3_600_000 - 10 * 60_000) return rows;
  }
}
