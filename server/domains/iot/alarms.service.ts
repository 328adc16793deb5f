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
import { ACTION_EVENTS, alarmEvent, announcedAlarm } from './alarms.events.js';
import { alarmContext, type AlarmContextDeps } from './alarm-context.js';

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
  /** What the alarm's context reads, as this viewer may see it (alarm-context.ts). */
  context: AlarmContextDeps;
  transaction<T>(work: (deps: AlarmsDeps) => Promise<T>): Promise<T>;
}

export async function listAlarms(deps: Pick<AlarmsDeps, 'alarms'>, query: AlarmListQuery) {
  const { rows, total } = await deps.alarms.list(query);
  return { items: rows.map(presentAlarm), total };
}

export async function alarmDetail(deps: Pick<AlarmsDeps, 'alarms' | 'context'>, id: number) {
  const alarm = await deps.alarms.byId(id);
  if (!alarm) throw notFound('告警');
  const people = [alarm.acknowledged_by, alarm.cleared_by, alarm.closed_by].filter((x): x is number => x !== null);
  const [events, names, context] = await Promise.all([
    deps.alarms.events(id),
    deps.alarms.userNames(people),
    alarmContext(deps.context, {
      deviceId: alarm.device_id,
      buildingId: alarm.building_id,
      estateId: alarm.estate_id,
      gridId: alarm.grid_id,
      lon: alarm.lon,
      lat: alarm.lat,
    }),
  ]);
  return presentAlarmDetail(alarm, events, names, context);
}

export async function actOnAlarm(deps: AlarmsDeps, viewer: Viewer, id: number, body: AlarmActionBody) {
  await deps.transaction(async (tx) => {
    const row = await tx.alarms.lockById(id);
    if (!row) throw notFound('告警');
    await applyAction(tx, viewer, row, body, tx.clock.now());
  });
  return alarmDetail(deps, id);
}

/**
 * 确认整个事件 (decision 039): every alarm of a storm incident that nobody has acknowledged, in
 * one transaction, each exactly as if acknowledged alone (its history line, its event), so the
 * popup that showed the incident as one page ends with one click. Scoped like one alarm: an
 * incident outside the viewer's scope does not exist for them. Nothing left to acknowledge is
 * not an error (another operator was quicker): the answer lists what this call acknowledged.
 */
export async function acknowledgeIncident(deps: AlarmsDeps, viewer: Viewer, incidentId: number) {
  return deps.transaction(async (tx) => {
    if (!(await tx.alarms.lockIncident(incidentId))) throw notFound('告警事件');
    const now = tx.clock.now();
    const rows = await tx.alarms.lockUnacknowledgedOfIncident(incidentId);
    for (const row of rows) await applyAction(tx, viewer, row, { action: 'acknowledge' }, now);
    return { incidentId, acknowledgedAlarmIds: rows.map((r) => r.id) };
  });
}

/** A person's action on one locked alarm: the lifecycle's answer written, its history line, its event. */
async function applyAction(tx: AlarmsDeps, viewer: Viewer, row: Selectable<IotAlarmTable>, body: AlarmActionBody, now: Date) {
  const result = applyAlarmAction(asAlarm(row), body.action, { userId: viewer.userId, name: viewer.displayName }, now.getTime(), body.note);
  if (!result.ok) throw new AppError(409, result.refusal.code, result.refusal.message);
  const a = result.alarm;
  await tx.alarms.update(row.id, {
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
    alarmId: row.id,
    at: now,
    action: body.action,
    userId: viewer.userId,
    userName: viewer.displayName,
    note: result.record.note,
  });
  const type = ACTION_EVENTS[body.action];
  if (type) await tx.announce(alarmEvent(type, announcedAlarm(row)));
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
