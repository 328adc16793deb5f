/**
 * The one reading of a calendar day ('YYYY-MM-DD') for the server and both clients. A day that
 * does not exist (2023-02-30, 2023-02-29, 2023-04-31) or lies outside the years the platform
 * deals in (0000-01-01) is refused, never rolled over into the next month nor passed on for the
 * database to refuse with a 500 (issue 7, finding 10).
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;
export const ISO_DAY_MESSAGE = `日期须为 YYYY-MM-DD 格式、确实存在，且在 ${EARLIEST_YEAR}–${LATEST_YEAR} 年之间`;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < EARLIEST_YEAR || year > LATEST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** '2023-07-28' → 2023年7月28日: how an official document prints a date (GB/T 9704 7.3.5.1: Arabic numerals, no zero padding). */
export function chineseDate(isoDay: string): string {
  const [y, m, d] = isoDay.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
