import { sql } from 'kysely';
import type { ScopedDb } from '../../platform/db/scoped-db.js';

/** The control room's counts of alarms (alarm-overview.service.ts), inside the viewer's scope. */
export function alarmOverviewRepository(scoped: ScopedDb) {
  return {
    /** Alarms not closed, by severity, split by where each stands. */
    openCounts: () =>
      scoped
        .selectFrom('iot_alarms')
        .where('iot_alarms.closed_at', 'is', null)
        .select([
          'iot_alarms.severity',
          sql<number>`count(*) FILTER (WHERE iot_alarms.cleared_at IS NULL AND iot_alarms.acknowledged_at IS NULL)::int`.as(
            'unacknowledged',
          ),
          sql<number>`count(*) FILTER (WHERE iot_alarms.cleared_at IS NULL AND iot_alarms.acknowledged_at IS NOT NULL)::int`.as(
            'acknowledged',
          ),
          sql<number>`count(*) FILTER (WHERE iot_alarms.cleared_at IS NOT NULL)::int`.as('cleared'),
        ])
        .groupBy('iot_alarms.severity')
        .execute(),

    /** Alarms raised since `since`, by the hour they were raised in. */
    raisedByHour: (since: Date) =>
      scoped
        .selectFrom('iot_alarms')
        .where('iot_alarms.raised_at', '>=', since)
        .select([sql<Date>`date_trunc('hour', iot_alarms.raised_at)`.as('hour'), sql<number>`count(*)::int`.as('count')])
        .groupBy(sql`1`)
        .orderBy(sql`1`)
        .execute(),
  };
}
export type AlarmOverviewRepository = ReturnType<typeof alarmOverviewRepository>;
