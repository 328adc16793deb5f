import type { IotValue } from '../../platform/db/schema.js';
import type { IotRule } from '../../../common/iot/rules.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { alarmWritesRepository, type AlarmWritesRepository } from './alarms.repository.js';
import { incidentsRepository, type IncidentsRepository } from './incidents.repository.js';
import { incidentOfNewAlarm } from './storm-incidents.js';
import { applyTransition } from './rules/alarm-lifecycle.js';
import type { Transition } from './rules/transitions.js';
import { asAlarm, dateOf } from './alarms.service.js';

/**
 * The rule engine's transitions for one device, written as alarms: a raise opens an alarm (or,
 * if one is somehow open, counts on it: never two), a repeat counts, a clear marks the condition
 * gone, flapping marks the alarm. Runs inside the ingest's transaction, under the device's row
 * lock (decision 027); the unique index on open alarms is the last guard. A new alarm joins its
 * storm incident (storm-incidents.ts). Returns what happened, for the live stream and the alarm →
 * case step.
 */
export interface AlarmedDevice {
  id: number;
  typeCode: string;
  regionPath: string;
  estateId: number | null;
  buildingId: number | null;
  snapshotUrl: string | null;
  /** The device's latest values, kept with a new alarm as what it saw. */
  values: Record<string, IotValue>;
}

export interface AlarmChange {
  alarmId: number;
  deviceId: number;
  ruleCode: string;
  severity: IotRule['severity'];
  change: 'raised' | 'repeated' | 'cleared' | 'flapping';
  regionPath: string;
  estateId: number | null;
  /** The storm incident the alarm belongs to (none for a device with no known place). */
  incidentId: number | null;
  /** Raised into an incident other alarms had opened: the people paged for it already know. */
  joinedIncident: boolean;
  /** For a raise: the alarms its incident holds with it (null otherwise, and with no incident). */
  incidentAlarmCount: number | null;
  /** The rules flagged the device as flapping (抖动): its re-raise updates the popup, it does not page anew. */
  flapping: boolean;
}

/** Where the alarm writer writes: alarms, and the incidents new alarms join. */
export interface AlarmStores {
  alarms: AlarmWritesRepository;
  incidents: IncidentsRepository;
}

export const alarmStores = (db: Kysely<DB>): AlarmStores => ({ alarms: alarmWritesRepository(db), incidents: incidentsRepository(db) });

export async function writeAlarmTransitions(
  { alarms: repo, incidents }: AlarmStores,
  device: AlarmedDevice,
  rules: Map<string, IotRule>,
  transitions: Map<string, Transition[]>,
): Promise<AlarmChange[]> {
  const codes = [...transitions.keys()].filter((code) => transitions.get(code)!.length > 0);
  if (codes.length === 0) return [];
  const latest = new Map((await repo.latest(device.id, codes)).map((row) => [row.rule_code, row]));
  const changes: AlarmChange[] = [];
  for (const code of codes) {
    const rule = rules.get(code)!;
    let row = latest.get(code) ?? null;
    for (const transition of transitions.get(code)!) {
      const update = applyTransition(row ? asAlarm(row) : null, transition);
      if (update.effect === 'none') continue;
      const at = new Date(transition.at);
      const a = update.alarm;
      const change = (
        kind: AlarmChange['change'],
        alarmId: number,
        incident: { incidentId: number | null; joined: boolean; alarmCount: number | null } = {
          incidentId: row?.incident_id ?? null,
          joined: false,
          alarmCount: null,
        },
      ): AlarmChange => ({
        alarmId,
        deviceId: device.id,
        ruleCode: code,
        severity: a.severity,
        change: kind,
        regionPath: device.regionPath,
        estateId: device.estateId,
        incidentId: incident.incidentId,
        joinedIncident: incident.joined,
        incidentAlarmCount: incident.alarmCount,
        flapping: a.flapping,
      });
      if (update.effect === 'open') {
        const { id } = await repo.insert({
          deviceId: device.id,
          ruleCode: code,
          ruleName: rule.name,
          severity: a.severity,
          regionPath: device.regionPath,
          estateId: device.estateId,
          buildingId: device.buildingId,
          at,
          detail: a.detail,
          value: a.value,
          readings: device.values,
          snapshotUrl: device.snapshotUrl,
          flapping: a.flapping,
        });
        await repo.insertEvent(id, at, 'raise', a.detail);
        const incident = await incidentOfNewAlarm(incidents, { ...device, ruleCode: code, severity: a.severity, at });
        if (incident.incidentId !== null) await repo.update(id, { incident_id: incident.incidentId });
        changes.push(change('raised', id, incident));
        // Read back only for what follows in the same batch (a raise then a clear): rare, and exact.
        [row] = await repo.latest(device.id, [code]);
        continue;
      }
      const id = row!.id;
      await repo.update(id, {
        count: a.count,
        last_at: new Date(a.lastAt),
        value: a.value === null ? null : JSON.stringify(a.value),
        condition_active: a.conditionActive,
        flapping: a.flapping,
        cleared_at: dateOf(a.clearedAt),
      });
      if (transition.kind === 'clear') await repo.insertEvent(id, at, 'clear', '条件恢复，自动解除');
      if (transition.kind === 'flapping')
        await repo.insertEvent(id, at, 'flapping', transition.on ? '频繁告警与恢复，已合并为一条' : '已恢复稳定');
      changes.push(change(transition.kind === 'clear' ? 'cleared' : transition.kind === 'flapping' ? 'flapping' : 'repeated', id));
      row = { ...row!, ...rowFields(a) };
    }
  }
  return changes;
}

/** The stored row's columns for what the lifecycle changed, to carry to the next transition. */
function rowFields(a: ReturnType<typeof asAlarm>) {
  return {
    count: a.count,
    last_at: new Date(a.lastAt),
    value: a.value,
    condition_active: a.conditionActive,
    flapping: a.flapping,
    cleared_at: dateOf(a.clearedAt),
  };
}
