/**
 * Office hours (办公时间): the periods of a working day during which an SLA clock (时限) runs.
 * Periods are minutes after local (Asia/Shanghai) midnight, half-open: [540, 720] is 09:00
 * up to but not including 12:00, so a case reported at 12:00 sharp waits for the afternoon.
 */
export interface OfficeHours {
  periods: ReadonlyArray<readonly [number, number]>;
}

/** 09:00–12:00 and 13:00–17:00: the county's service windows, 7 working hours a day. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({
  periods: Object.freeze([Object.freeze([540, 720] as const), Object.freeze([780, 1020] as const)]),
});

const MINUTES_PER_DAY = 1440;

/**
 * Checks office hours and returns a private, frozen copy, so a caller mutating its object
 * later cannot change a calendar's arithmetic. Rejects what would make the arithmetic
 * ambiguous: overlapping periods would count a minute twice, unsorted ones would break the
 * forward walk, and an empty list would leave a deadline unreachable.
 */
export function checkedOfficeHours(hours: OfficeHours): ReadonlyArray<readonly [number, number]> {
  const periods: unknown = (hours as { periods?: unknown } | null | undefined)?.periods;
  if (!Array.isArray(periods) || periods.length === 0) {
    throw new RangeError('office hours need at least one period, e.g. [[540, 720], [780, 1020]]');
  }
  const checked: Array<readonly [number, number]> = [];
  periods.forEach((period: unknown, i) => {
    const label = `office hours period ${i + 1} (${JSON.stringify(period)})`;
    if (!Array.isArray(period) || period.length !== 2 || !period.every(Number.isInteger)) {
      throw new RangeError(`${label} must be [start, end] in whole minutes after midnight`);
    }
    const [start, end] = period as [number, number];
    if (start < 0 || end > MINUTES_PER_DAY) {
      throw new RangeError(`${label} is outside the day: minutes must lie within 0–1440`);
    }
    if (start >= end) throw new RangeError(`${label} must start before it ends`);
    const previous = checked[i - 1];
    if (previous && start < previous[0]) {
      throw new RangeError(`${label} starts before period ${i} (${JSON.stringify(previous)}): list periods in order`);
    }
    if (previous && start < previous[1]) {
      throw new RangeError(`${label} overlaps period ${i} (${JSON.stringify(previous)})`);
    }
    checked.push(Object.freeze([start, end] as const));
  });
  return Object.freeze(checked);
}
