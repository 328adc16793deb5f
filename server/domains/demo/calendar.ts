import type { Random } from './random.js';

/**
 * Days as integers (days since 1970-01-01, UTC) so that date arithmetic never meets a time
 * zone. Ages are counted on a fixed reference day, not today, so the data never drifts.
 */
const MS_PER_DAY = 86_400_000;
export const REFERENCE_DAY = dayOf('2026-01-01');
export const REFERENCE_TIMESTAMP = '2026-01-01T00:00:00+08:00';

export function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** A birthday such that the person is exactly `age` on the reference day. */
export function birthDayForAge(random: Random, age: number): number {
  const latest = dayOf(`${2026 - age}-01-01`);    // turned `age` on the reference day itself
  const earliest = dayOf(`${2025 - age}-01-02`);  // turns `age + 1` the day after it
  return random.int(earliest, latest);
}

export function ageOnReference(birthDay: number): number {
  const birth = isoDate(birthDay);
  const [y, m, d] = birth.split('-').map(Number);
  let age = 2026 - y;
  if (m > 1 || d > 1) age--;
  return age;
}

/** A day in [from, to], or `to` when the range is empty. */
export function dayBetween(random: Random, from: number, to: number): number {
  return from >= to ? to : random.int(from, to);
}
