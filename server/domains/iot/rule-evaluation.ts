import type { IotValue } from '../../platform/db/schema.js';
import { onReading, type RuleState } from './rules/engine.js';
import type { Reading, Transition } from './rules/transitions.js';
import type { DeviceBatch, EvaluateBatch } from './ingest/rules-hook.js';
import { alarmStores, writeAlarmTransitions, type AlarmChange } from './alarm-writer.js';
import type { Listen } from '../../platform/db/broadcast.js';
import { DeviceRulesCache, loadDevicesForRules, type DeviceForRules } from './rules-for-devices.js';

/**
 * The rules, plugged into ingest (decision 027): inside the transaction that stored a batch,
 * each device's stored readings go through each of its rules, oldest first, from the rule state
 * saved on its locked row; what the rules decide is written as alarms in the same transaction,
 * and announced only after it commits.
 */
export function evaluateWithRules(
  options: {
    log?: (line: string) => void;
    onAlarms?: (changes: AlarmChange[]) => void;
    /** With it, the devices' rules are kept between batches and reloaded on change notices (decision 034). */
    listen?: Listen;
  } = {},
): EvaluateBatch {
  const { listen } = options;
  let cache: Promise<DeviceRulesCache> | null = null;
  const rulesOf = async (trx: Parameters<EvaluateBatch>[2], ids: number[]) => {
    if (!listen) return loadDevicesForRules(trx, ids, options.log);
    cache ??= DeviceRulesCache.listening(listen);
    let kept: DeviceRulesCache;
    try {
      kept = await cache;
    } catch (error) {
      // Not listening (the connection for notices is down): nothing kept, read for this batch, try again next time.
      cache = null;
      options.log?.(`[civicgrid] 设备规则缓存不可用，本批直接读取：${(error as Error).message}`);
      return loadDevicesForRules(trx, ids, options.log);
    }
    return kept.devices(trx, ids, options.log);
  };
  return async (batches, _at, trx) => {
    const withReadings = batches.filter((b) => b.readings.length > 0);
    const devices = await rulesOf(
      trx,
      withReadings.map((b) => b.device.deviceId),
    );
    const alarms = alarmStores(trx);
    const ruleStates = new Map<number, Record<string, unknown>>();
    const changes: AlarmChange[] = [];
    for (const batch of withReadings) {
      const device = devices.get(batch.device.deviceId);
      if (!device || device.rules.length === 0) continue;
      const { state, transitions } = judge(device, batch);
      ruleStates.set(device.id, state);
      // Most batches change no alarm of a device: its values and place are put together only when one does.
      if (![...transitions.values()].some((happened) => happened.length > 0)) continue;
      const values = Object.assign({}, batch.device.values, ...batch.readings.map((r) => fieldsOf(r.values)));
      changes.push(
        ...(await writeAlarmTransitions(
          alarms,
          {
            id: device.id,
            typeCode: device.typeCode,
            regionPath: device.regionPath,
            estateId: device.estateId,
            buildingId: device.buildingId,
            snapshotUrl: latestSnapshot(batch) ?? device.snapshotUrl,
            values,
          },
          device.rulesByCode,
          transitions,
        )),
      );
    }
    const onAlarms = options.onAlarms;
    return { ruleStates, afterCommit: onAlarms && changes.length > 0 ? () => onAlarms(changes) : undefined };
  };
}

/** Every rule of the device over the batch's readings: the new state by rule code, and what happened. */
export function judge(device: Pick<DeviceForRules, 'rules' | 'fieldLabel'>, batch: Pick<DeviceBatch, 'device' | 'readings'>) {
  const state: Record<string, unknown> = { ...batch.device.ruleState };
  const transitions = new Map<string, Transition[]>();
  const readings = batch.readings.map(asReading);
  for (const rule of device.rules) {
    let ruleState = state[rule.code] as RuleState | undefined;
    const happened: Transition[] = [];
    for (const reading of readings) {
      const step = onReading(rule, ruleState, reading, { fieldLabel: device.fieldLabel });
      ruleState = step.state;
      happened.push(...step.transitions);
    }
    state[rule.code] = ruleState;
    transitions.set(rule.code, happened);
  }
  return { state, transitions };
}

/** Ingest stores an event as `_event` (its type) beside `_detail` and `_snapshot` (ingest/payload.ts). */
function asReading(stored: { ts: Date; values: Record<string, IotValue> }): Reading {
  const eventType = stored.values._event;
  return {
    ts: stored.ts.getTime(),
    values: fieldsOf(stored.values),
    ...(typeof eventType === 'string' ? { event: { type: eventType } } : {}),
  };
}

const EVENT_KEYS = new Set(['_event', '_detail', '_snapshot']);
const fieldsOf = (values: Record<string, IotValue>) =>
  '_event' in values ? Object.fromEntries(Object.entries(values).filter(([key]) => !EVENT_KEYS.has(key))) : values;

/** A camera's event may carry its own snapshot: the newest one is the alarm's picture. */
function latestSnapshot(batch: Pick<DeviceBatch, 'readings'>) {
  for (let i = batch.readings.length - 1; i >= 0; i--) {
    const url = batch.readings[i].values._snapshot;
    if (typeof url === 'string' && batch.readings[i].values._event !== undefined) return url;
  }
  return null;
}
