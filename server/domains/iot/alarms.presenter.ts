import { placeWords } from './devices.presenter.js';
import type { AlarmContext, AlarmDetail, AlarmItem } from '../../../common/contracts/iot-alarms.js';
import { alarmStatus, awaitsAcknowledgement } from '../../../common/iot/rules.js';
import type { AlarmRow } from './alarms.repository.js';

/** An alarm as the alarm centre lists it. */
export function presentAlarm(a: AlarmRow): AlarmItem {
  const times = { acknowledgedAt: a.acknowledged_at, clearedAt: a.cleared_at, closedAt: a.closed_at };
  return {
    id: a.id,
    deviceId: a.device_id,
    deviceSerial: a.serial,
    deviceName: a.device_name,
    deviceTypeCode: a.type_code,
    deviceTypeName: a.type_name,
    type: a.rule_code,
    ruleName: a.rule_name,
    severity: a.severity,
    status: alarmStatus(times),
    awaitsAcknowledgement: awaitsAcknowledgement(times),
    conditionActive: a.condition_active,
    flapping: a.flapping,
    detail: a.detail,
    count: a.count,
    raisedAt: a.raised_at.toISOString(),
    lastAt: a.last_at.toISOString(),
    place: placeInWords(a),
    regionPath: a.region_path,
    estateId: a.estate_id,
    buildingId: a.building_id,
    buildingName: a.building_name,
    lon: a.lon,
    lat: a.lat,
    snapshotUrl: a.snapshot_url,
    incidentId: a.incident_id,
    caseId: a.case_id,
    caseNumber: a.case_number,
    outcome: a.outcome,
  };
}

/** The alarm's device's place as the device list words it (placeWords); the device's own name when nothing is known. */
export function placeInWords(
  a: Pick<
    AlarmRow,
    'estate_name' | 'building_name' | 'unit_name' | 'floor' | 'device_name' | 'village_group' | 'door_number' | 'village_name'
  >,
) {
  return placeWords({ ...a, room: null, community_name: a.village_name }) || a.device_name;
}

export function presentAlarmDetail(
  a: AlarmRow,
  events: { at: Date; action: AlarmDetail['events'][number]['action']; by: string | null; note: string | null }[],
  names: Map<number, string>,
  context: AlarmContext,
): AlarmDetail {
  const who = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  return {
    ...presentAlarm(a),
    value: a.value,
    readings: a.readings,
    acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: who(a.acknowledged_by),
    clearedAt: a.cleared_at?.toISOString() ?? null,
    // Cleared by no one: the condition went away by itself.
    clearedBy: a.cleared_at && a.cleared_by === null ? '条件恢复（自动解除）' : who(a.cleared_by),
    closedAt: a.closed_at?.toISOString() ?? null,
    closedBy: who(a.closed_by),
    events: events.map((e) => ({ at: e.at.toISOString(), action: e.action, by: e.by, note: e.note })),
    context,
  };
}
