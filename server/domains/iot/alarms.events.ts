import type { EventDraft } from '../../platform/events/publish.js';
import type { AlarmSeverity } from '../../../common/iot/rules.js';

/**
 * An alarm on the live stream (docs/decisions/025): its id, device, severity and case, at its
 * device's place. Heard by whoever may read the alarm in the alarm centre — `iot.read` in the
 * scope that holds its region (and, for property staff, its estate) — which everyone who acts on
 * alarms (`iot.alarms`) holds too; the client fetches the alarm itself through the API.
 */
export type AlarmEventType = 'alarm.raised' | 'alarm.acknowledged' | 'alarm.cleared' | 'alarm.closed';

export interface AnnouncedAlarm {
  alarmId: number;
  deviceId: number;
  severity: AlarmSeverity;
  caseId: number | null;
  regionPath: string;
  estateId: number | null;
}

export function alarmEvent(type: AlarmEventType, a: AnnouncedAlarm): EventDraft {
  return {
    type,
    regionPath: a.regionPath,
    estateId: a.estateId,
    audience: { permissions: ['iot.read'], userIds: [] },
    data: { alarmId: a.alarmId, deviceId: a.deviceId, severity: a.severity, caseId: a.caseId },
  };
}

/** What a person's action on an alarm announces; a note announces nothing. */
export const ACTION_EVENTS: Record<'acknowledge' | 'clear' | 'close' | 'note', AlarmEventType | null> = {
  acknowledge: 'alarm.acknowledged',
  clear: 'alarm.cleared',
  close: 'alarm.closed',
  note: null,
};
