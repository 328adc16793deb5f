/**
 * The last 24 whole hours as bars, oldest first, ending with the hour now in progress, from the
 * server's hours that had alarms (GET /api/iot/alarm-overview leaves the others out). `hour` is
 * the hour of day, in the browser's time zone, that the bar starts at.
 */
export function hourlyBars(raised: readonly { hour: string; count: number }[], now: Date): { hour: number; count: number }[] {
  const HOUR = 3_600_000;
  const first = Math.floor(now.getTime() / HOUR) * HOUR - 23 * HOUR;
  const bars = Array.from({ length: 24 }, (_, i) => ({ hour: new Date(first + i * HOUR).getHours(), count: 0 }));
  for (const h of raised) {
    const slot = Math.round((Date.parse(h.hour) - first) / HOUR);
    if (slot >= 0 && slot < 24) bars[slot].count += h.count;
  }
  return bars;
}
