import type { Selectable } from 'kysely';
import type { AlarmActionBody, AlarmListQuery } from '../../../common/contracts/iot-alarms.js';
import type { IotAlarmTable } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Clock } from '../../platform/clock.js';
import { applyAlarmAction, type Alarm } from './rules/alarm-lifecycle.js';
import type { AlarmsRepository } from './alarms.repository.js';
import { presentAlarm, presentAlarmDetail } from './alarms.presenter.js';
import type { EventDraft } from '../../platform/events/publish.js';
import { ACTION_EVENTS, alarmEvent } from './alarms.events.js';

/**
 * What people do with alarms: the alarm centre's list, one alarm with its history, and the
 * actions of its life (acknowledge, clear, close, note; rules/alarm-lifecycle.ts says which are
 * allowed). Scope comes with the repository: an alarm outside it does not exist for the viewer.
 */
export interface AlarmsDeps {
  alarms: AlarmsRepository;
  clock: Clock;
  /** Raises a live event; inside a transaction, at its commit (platform/events/publish.ts). */
  announce(draft: EventDraft): Promise<void>;
  transaction<T>(work: (deps: AlarmsDeps) => Promise<T>): Promise<T>;
}

export async function listAlarms(deps: Pick<AlarmsDeps, 'alarms'>, query: AlarmListQuery) {
  const { rows, total } = await deps.alarms.list(query);
  return { items: rows.map(presentAlarm), total };
}

export async function alarmDetail(deps: Pick<AlarmsDeps, 'alarms'>, id: number) {
  const alarm = await deps.alarms.byId(id);
  if (!alarm) throw notFound('告警');
  const people = [alarm.acknowledged_by, alarm.cleared_by, alarm.closed_by].filter((x): x is number => x !== null);
  const [events, names] = await Promise.all([deps.alarms.events(id), deps.alarms.userNames(people)]);
  return presentAlarmDetail(alarm, events, names);
}

export async function actOnAlarm(deps: AlarmsDeps, viewer: Viewer, id: number, body: AlarmActionBody) {
  await deps.transaction(async (tx) => {
    const row = await tx.alarms.lockById(id);
    if (!row) throw notFound('告警');
    const now = tx.clock.now();
    const result = applyAlarmAction(
      asAlarm(row),
      body.action,
      { userId: viewer.userId, name: viewer.displayName },
      now.getTime(),
      body.note,
    );
    if (!result.ok) throw new AppError(409, result.refusal.code, result.refusal.message);
    const a = result.alarm;
    await tx.alarms.update(id, {
      acknowledged_at: dateOf(a.acknowledgedAt),
      acknowledged_by: a.acknowledgedBy,
      cleared_at: dateOf(a.clearedAt),
      cleared_by: a.clearedBy,
      closed_at: dateOf(a.closedAt),
      closed_by: a.closedBy,
      // The contract requires it with a close and refuses it with anything else.
      ...(body.outcome ? { outcome: body.outcome } : {}),
    });
    await tx.alarms.insertEvent({
      alarmId: id,
      at: now,
      action: body.action,
      userId: viewer.userId,
      userName: viewer.displayName,
      note: result.record.note,
    });
    const type = ACTION_EVENTS[body.action];
    if (type)
      await tx.announce(
        alarmEvent(type, {
          alarmId: id,
          deviceId: row.device_id,
          severity: row.severity,
          caseId: row.case_id,
          regionPath: row.region_path,
          estateId: row.estate_id,
        }),
      );
  });
  return alarmDetail(deps, id);
}

/** A stored alarm as the pure lifecycle reads it (times as epoch milliseconds). */
export function asAlarm(row: Selectable<IotAlarmTable>): Alarm {
  return {
    severity: row.severity,
    raisedAt: row.raised_at.getTime(),
    lastAt: row.last_at.getTime(),
    count: row.count,
    value: row.value,
    detail: row.detail,
    conditionActive: row.condition_active,
    flapping: row.flapping,
    acknowledgedAt: row.acknowledged_at?.getTime() ?? null,
    acknowledgedBy: row.acknowledged_by,
    clearedAt: row.cleared_at?.getTime() ?? null,
    clearedBy: row.cleared_by,
    closedAt: row.closed_at?.getTime() ?? null,
    closedBy: row.closed_by,
  };
}

export const dateOf = (ms: number | null) => (ms === null ? null : new Date(ms));
