import { ALARM_SEVERITIES, type AlarmSeverity } from '../../../common/iot/rules.js';
import type { IncidentOpening, IncidentsRepository } from './incidents.repository.js';
import { DEFAULT_STORM_WINDOW_SECONDS, incidentFor, incidentPlace } from './rules/storm.js';

/**
 * A new alarm's incident (告警风暴, decision 026): it joins the open incident of its rule at its
 * place when one came within the storm window, else opens one. Runs inside the transaction that
 * writes the alarm, under a transaction lock on the rule and place, so two processes raising
 * alarms in one building at once still make one incident. An alarm with no place has none.
 */
export interface IncidentOfAlarm {
  incidentId: number | null;
  /** It joined an incident other alarms had opened: the people paged for that one already know. */
  joined: boolean;
  /** The alarms the incident holds with this one (null with no incident). */
  alarmCount: number | null;
}

export async function incidentOfNewAlarm(
  incidents: IncidentsRepository,
  alarm: IncidentOpening,
  windowSeconds = DEFAULT_STORM_WINDOW_SECONDS,
): Promise<IncidentOfAlarm> {
  const place = incidentPlace(alarm);
  if (place.level === 'none') return { incidentId: null, joined: false, alarmCount: null };
  await incidents.lockPlace(alarm.ruleCode, place);
  const open = await incidents.openAt(alarm.ruleCode, place);
  const found = incidentFor(
    open.map((i) => ({
      ...i,
      ruleCode: i.rule_code,
      buildingId: i.building_id,
      estateId: i.estate_id,
      firstAt: i.opened_at.getTime(),
      lastAt: i.last_at.getTime(),
    })),
    { ruleCode: alarm.ruleCode, buildingId: alarm.buildingId, estateId: alarm.estateId, at: alarm.at.getTime() },
    windowSeconds,
  );
  if ('join' in found) {
    const alarmCount = await incidents.join(found.join.id, alarm.at, worse(found.join.severity, alarm.severity));
    return { incidentId: found.join.id, joined: true, alarmCount };
  }
  const { id } = await incidents.open(alarm);
  return { incidentId: id, joined: false, alarmCount: 1 };
}

/** Of two severities, the more urgent (ALARM_SEVERITIES runs from critical down). */
const worse = (a: AlarmSeverity, b: AlarmSeverity) => (ALARM_SEVERITIES.indexOf(a) <= ALARM_SEVERITIES.indexOf(b) ? a : b);
