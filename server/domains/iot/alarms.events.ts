import type { Selectable } from 'kysely';
import type { EventDraft } from '../../platform/events/publish.js';
import type { IotAlarmTable } from '../../platform/db/schema.js';
import type { AlarmSeverity } from '../../../common/iot/rules.js';

/**
 * An alarm on the live stream (docs/decisions/025): its id, device, severity, case and storm
 * incident, at its device's place. Heard by whoever may read the alarm in the alarm centre —
 * `iot.read` in the scope that holds its region (and, for property staff, its estate) — which
 * everyone who acts on alarms (`iot.alarms`) holds too; the client fetches the alarm itself
 * through the API.
 */
export type AlarmEventType = 'alarm.acknowledged' | 'alarm.cleared' | 'alarm.closed';

export interface AnnouncedAlarm {
  alarmId: number;
  deviceId: number;
  severity: AlarmSeverity;
  caseId: number | null;
  incidentId: number | null;
  regionPath: string;
  estateId: number | null;
}

/** A stored alarm as its events announce it. */
export const announcedAlarm = (row: Selectable<IotAlarmTable>): AnnouncedAlarm => ({
  alarmId: row.id,
  deviceId: row.device_id,
  severity: row.severity,
  caseId: row.case_id,
  incidentId: row.incident_id,
  regionPath: row.region_path,
  estateId: row.estate_id,
});

const heardBy = (a: Pick<AnnouncedAlarm, 'regionPath' | 'estateId'>) => ({
  regionPath: a.regionPath,
  estateId: a.estateId,
  audience: { permissions: ['iot.read' as const], userIds: [] },
});

const dataOf = (a: AnnouncedAlarm) => ({
  alarmId: a.alarmId,
  deviceId: a.deviceId,
  severity: a.severity,
  caseId: a.caseId,
  incidentId: a.incidentId,
});

export function alarmEvent(type: AlarmEventType, a: AnnouncedAlarm): EventDraft {
  return { type, ...heardBy(a), data: dataOf(a) };
}

/**
 * A new alarm, with what the control room pages by (decision 039): its incident's alarm count
 * (this one included) and whether its device is flagged as flapping.
 */
export function alarmRaisedEvent(a: AnnouncedAlarm & { incidentAlarmCount: number | null; flapping: boolean }): EventDraft {
  return {
    type: 'alarm.raised',
    ...heardBy(a),
    data: { ...dataOf(a), incidentAlarmCount: a.incidentAlarmCount, flapping: a.flapping },
  };
}

/** The outbox opened the alarm's case or joined it to its incident's: "one click to the case" shows at once. */
export function alarmCaseOpenedEvent(
  a: Pick<AnnouncedAlarm, 'alarmId' | 'incidentId' | 'regionPath' | 'estateId'> & { caseId: number; caseNumber: string },
): EventDraft {
  return {
    type: 'alarm.case_opened',
    ...heardBy(a),
    data: { alarmId: a.alarmId, caseId: a.caseId, caseNumber: a.caseNumber, incidentId: a.incidentId },
  };
}

/** What a person's action on an alarm announces; a note announces nothing. */
export const ACTION_EVENTS: Record<'acknowledge' | 'clear' | 'close' | 'note', AlarmEventType | null> = {
  acknowledge: 'alarm.acknowledged',
  clear: 'alarm.cleared',
  close: 'alarm.closed',
  note: null,
};
