import { ALARM_SEVERITIES } from '../../../common/iot/rules.js';
import type { AlarmOverview } from '../../../common/contracts/iot-overview.js';
import type { AlarmOverviewRepository } from './alarm-overview.repository.js';

const HOUR = 3_600_000;

/** The big screen's figures: open alarms by severity and by status, and the last 24 whole hours' alarms by hour. */
export async function alarmOverview(repo: AlarmOverviewRepository, now: Date): Promise<AlarmOverview> {
  // From the start of the hour 23 hours before this one: 24 bars, the current hour last.
  const since = new Date(Math.floor(now.getTime() / HOUR) * HOUR - 23 * HOUR);
  const [open, hours] = await Promise.all([repo.openCounts(), repo.raisedByHour(since)]);
  const bySeverity = Object.fromEntries(ALARM_SEVERITIES.map((s) => [s, 0])) as AlarmOverview['openBySeverity'];
  const byStatus = { active_unacknowledged: 0, acknowledged: 0, cleared: 0 };
  for (const row of open) {
    bySeverity[row.severity as keyof typeof bySeverity] += row.unacknowledged + row.acknowledged + row.cleared;
    byStatus.active_unacknowledged += row.unacknowledged;
    byStatus.acknowledged += row.acknowledged;
    byStatus.cleared += row.cleared;
  }
  return {
    openBySeverity: bySeverity,
    openByStatus: byStatus,
    raisedByHour: hours.map((h) => ({ hour: new Date(h.hour).toISOString(), count: h.count })),
  };
}
