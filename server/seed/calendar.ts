import type { Random } from './random.js';

/**
 * Days as integers (days since 1970-01-01, UTC) so that date arithmetic never meets a time
 * zone. Ages are counted on a fixed reference day, not today, so the data never drifts.
 */
export const REFERENCE_DAY = dayOf('2026-01-01');
export const REFERENCE_TIMESTAMP = '2026-01-01T00:00:00+08:00';

// Plain arithmetic (H. Hinnant's days_from_civil / civil_from_days) rather than Date objects:
// the generator converts a few million dates, and Date made that the slowest part of the run.
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function dayOf(iso: string): number {
  return daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

export function isoDate(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function yearOf(day: number): number {
  return civilFromDays(day)[0];
}

/** A birthday such that the person is exactly `age` on the reference day. */
export function birthDayForAge(random: Random, age: number): number {
  const latest = dayOf(`${2026 - age}-01-01`); // turned `age` on the reference day itself
  const earliest = dayOf(`${2025 - age}-01-02`); // turns `age + 1` the day after it
  return random.int(earliest, latest);
}

export function ageOnReference(birthDay: number): number {
  const [y, m, d] = civilFromDays(birthDay);
  return 2026 - y - (m > 1 || d > 1 ? 1 : 0);
}

/** A day in [from, to], or `to` when the range is empty. */
export function dayBetween(random: Random, from: number, to: number): number {
  return from >= to ? to : random.int(from, to);
}
