import { localDateOf } from '../../platform/calendar/working-calendar.js';
import type { TimeWindow } from './ingest/payload.js';

/**
 * Telemetry is kept in one partition per Beijing day (decision 027), `iot_telemetry_YYYYMMDD`
 * for [00:00, 24:00) +08:00, so that retention drops whole days as the county counts them, and
 * ingest counts (`iot_ingest_counts.day`) fall on the same days.
 */
export const dayOf = localDateOf;

export const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const partitionName = (day: string) => `iot_telemetry_${day.replaceAll('-', '')}`;

/** The day a partition name stands for, or null for any other table. */
export function partitionDay(table: string): string | null {
  const m = /^iot_telemetry_(\d{4})(\d{2})(\d{2})$/.exec(table);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Partitions kept: from `retentionDays` before today to two days ahead (a clock a little fast, and tomorrow made before midnight). */
export function keptDays(now: Date, retentionDays: number): { first: string; last: string } {
  const today = dayOf(now);
  return { first: addDays(today, -retentionDays), last: addDays(today, 2) };
}

/**
 * The times ingest accepts: within the kept partitions, and at most a day ahead of the server's
 * clock (a device whose clock is further off is refused rather than filed under a wrong day).
 */
export function acceptedTimes(now: Date, retentionDays: number): TimeWindow {
  return { earliest: dayStart(keptDays(now, retentionDays).first), latest: new Date(now.getTime() + 86_400_000) };
}
