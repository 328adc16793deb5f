/**
 * Alarms raised in each of the last 24 whole hours, oldest first, ending with the hour now in
 * progress: the big screen's bar chart. `label` is the hour of day the bar starts at.
 */
export function hourlyCounts(raisedAt: readonly string[], now: Date): { hour: number; count: number }[] {
  const HOUR = 3_600_000;
  const end = Math.floor(now.getTime() / HOUR) * HOUR + HOUR;
  const bars = Array.from({ length: 24 }, (_, i) => ({ hour: new Date(end - (24 - i) * HOUR).getHours(), count: 0 }));
  for (const at of raisedAt) {
    const slot = 24 - Math.ceil((end - Date.parse(at)) / HOUR);
    if (slot >= 0 && slot < 24) bars[slot].count++;
  }
  return bars;
}
