import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withAdvisoryLock } from '../../platform/db/advisory-lock.js';
import { telemetryRepository } from './telemetry.repository.js';
import { ingestRepository } from './ingest/ingest.repository.js';
import { addDays, dayStart, keptDays, partitionDay, partitionName } from './telemetry.days.js';

/**
 * The IoT sweep (decision 027): day partitions from the retention's first day to two days ahead,
 * older ones dropped whole, the dead letters trimmed to their cap, and devices not heard from
 * within their type's offline time marked offline (the offline *alarm* is the rule engine's).
 * One process runs it at a time, under an advisory lock.
 */
export interface MaintenanceSettings {
  retentionDays: number;
  deadLetterCap: number;
  hourlyRetentionDays: number;
}

const HOUR = 3_600_000;
/** An hour is rolled up once it has been over this long: readings a few minutes late still count. */
const ROLLUP_GRACE_MS = 10 * 60_000;
/** At most this much is rolled up in one round, so catching up after a pause never holds the lock long. */
const ROLLUP_ROUND_MS = 7 * 24 * HOUR;

/**
 * The hours that have ended since the last round rolled up (decision 036), a day per transaction,
 * from where the roll-up stopped (or the first kept day), and roll-up rows older than their
 * retention dropped. Answers how many hour rows were written.
 */
export async function rollUpTelemetry(db: Kysely<DB>, settings: MaintenanceSettings, now: Date) {
  const telemetry = telemetryRepository(db);
  const start = (await telemetry.rolledUntil()) ?? dayStart(keptDays(now, settings.retentionDays).first);
  const end = new Date(Math.min(Math.floor((now.getTime() - ROLLUP_GRACE_MS) / HOUR) * HOUR, start.getTime() + ROLLUP_ROUND_MS));
  let written = 0;
  for (let from = start; from < end;) {
    const to = new Date(Math.min(from.getTime() + 24 * HOUR, end.getTime()));
    written += await db.transaction().execute((trx) => telemetryRepository(trx).rollUpHours(from, to));
    from = to;
  }
  await telemetry.dropHoursBefore(new Date(now.getTime() - settings.hourlyRetentionDays * 24 * HOUR));
  return written;
}

// Any fixed number, distinct from the migrations' (migrate.ts).
const IOT_SWEEP_LOCK = 370_125;

export async function maintainTelemetry(db: Kysely<DB>, settings: MaintenanceSettings, now: Date) {
  const telemetry = telemetryRepository(db);
  const ingest = ingestRepository(db);
  const { first, last } = keptDays(now, settings.retentionDays);
  const existing = await telemetry.partitions();
  const have = new Set(existing.map(partitionDay));
  let created = 0;
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (have.has(day)) continue;
    await telemetry.createPartition(day);
    created += 1;
  }
  const expired = existing.filter((name) => (partitionDay(name) ?? last) < first);
  for (const name of expired) await telemetry.dropPartition(name);
  const trimmed = await ingest.trimDeadLetters(settings.deadLetterCap);
  const offline = await ingest.markSilentOffline(now);
  return { created, dropped: expired.length, trimmed, offline, partitions: `${partitionName(first)}…${partitionName(last)}` };
}

/** At start: every process waits its turn, so no process ingests before today's partitions exist. */
export const prepareTelemetry = (db: Kysely<DB>, settings: MaintenanceSettings, now = new Date()) =>
  withAdvisoryLock(db, IOT_SWEEP_LOCK, (conn) => maintainTelemetry(conn, settings, now), { wait: true });

/** Runs the sweep on a timer until stopped; a round another process is running is skipped, a failed one logged. */
export function startIotSweep(db: Kysely<DB>, settings: MaintenanceSettings & { sweepSeconds: number }, log: (line: string) => void) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const r = await withAdvisoryLock(
        db,
        IOT_SWEEP_LOCK,
        async (conn) => {
          const now = new Date();
          return { ...(await maintainTelemetry(conn, settings, now)), hourRows: await rollUpTelemetry(conn, settings, now) };
        },
        { wait: false },
      );
      if (r && (r.created || r.dropped || r.offline))
        log(`物联网维护：新建分区 ${r.created} 个，删除过期分区 ${r.dropped} 个，${r.offline} 台设备转为离线`);
    } catch (e) {
      log(`物联网维护失败：${(e as Error).message}`);
    } finally {
      running = false;
    }
  }, settings.sweepSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
