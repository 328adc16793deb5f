import { z } from 'zod';
import { ALARM_SEVERITIES } from '../iot/rules.js';
import { timestamp } from './shared.js';

/**
 * GET /api/iot/alarm-overview: the control room's figures over the viewer's scope
 * (server/domains/iot/alarm-overview.*, docs/decisions/031) — counted by the database, so the big
 * screen is right however many alarms there are, not only for the page of them a list returns.
 */
const count = z.number().int().min(0);

export const alarmOverview = z.object({
  /** Alarms not closed, by severity. */
  openBySeverity: z.object(
    Object.fromEntries(ALARM_SEVERITIES.map((s) => [s, count])) as Record<(typeof ALARM_SEVERITIES)[number], typeof count>,
  ),
  /** Alarms not closed, by where they stand (common/iot/rules.ts alarmStatus). */
  openByStatus: z.object({ active_unacknowledged: count, acknowledged: count, cleared: count }),
  /** Alarms raised in each whole hour of the last 24, oldest first; hours with none are left out. */
  raisedByHour: z.array(z.object({ hour: timestamp, count })),
});
export type AlarmOverview = z.infer<typeof alarmOverview>;
