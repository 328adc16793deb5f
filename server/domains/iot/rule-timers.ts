import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withAdvisoryLock } from '../../platform/db/advisory-lock.js';
import { onTick, type RuleState } from './rules/engine.js';
import type { Transition } from './rules/transitions.js';
import { DEFAULT_STORM_WINDOW_SECONDS } from './rules/storm.js';
import { alarmStores, writeAlarmTransitions, type AlarmChange } from './alarm-writer.js';
import { incidentsRepository } from './incidents.repository.js';
import { loadDevicesForRules } from './rules-for-devices.js';
import { ruleTimersRepository } from './rule-timers.repository.js';

/**
 * The rule timers (decision 026): what only the clock proves — a device gone silent, a hold that
 * no new reading completes ("CO above 50 ppm for 30 s" when the detector then says nothing), an
 * event alarm's quiet period, the end of flapping — ticked for every in-service device that has
 * been heard from, a page of devices per transaction. Each page's state rows are locked as ingest
 * locks them (a row a batch holds is skipped and ticked next round), so the timers and the
 * readings never judge one device at once. One process ticks at a time, under an advisory lock.
 */
export interface RuleTimerOptions {
  log?: (line: string) => void;
  /** What the ticks changed, once each page has committed: the live stream and the alarm → case step. */
  onAlarms?: (changes: AlarmChange[]) => void;
  pageSize?: number;
}

export async function tickRules(db: Kysely<DB>, now: Date, options: RuleTimerOptions = {}) {
  const pageSize = options.pageSize ?? 500;
  let afterId = 0;
  let devices = 0;
  const changes: AlarmChange[] = [];
  for (;;) {
    const ids = await ruleTimersRepository(db).devicePage(afterId, pageSize);
    if (ids.length === 0) break;
    afterId = ids.at(-1)!;
    devices += ids.length;
    const happened = await db.transaction().execute((trx) => tickPage(trx, ids, now, options.log));
    if (happened.length > 0) {
      changes.push(...happened);
      options.onAlarms?.(happened);
    }
  }
  const incidentsClosed = await incidentsRepository(db).closeSettled(now, DEFAULT_STORM_WINDOW_SECONDS);
  return { devices, changes, incidentsClosed };
}

async function tickPage(trx: Kysely<DB>, deviceIds: number[], now: Date, log?: (line: string) => void) {
  const states = await ruleTimersRepository(trx).lockStates(deviceIds);
  const devices = await loadDevicesForRules(
    trx,
    states.map((s) => s.device_id),
    log,
  );
  const stores = alarmStores(trx);
  const saved: { deviceId: number; ruleState: Record<string, unknown> }[] = [];
  const changes: AlarmChange[] = [];
  for (const state of states) {
    const device = devices.get(state.device_id);
    if (!device || device.rules.length === 0) continue;
    const ruleState: Record<string, unknown> = { ...state.rule_state };
    const transitions = new Map<string, Transition[]>();
    for (const rule of device.rules) {
      const step = onTick(rule, ruleState[rule.code] as RuleState | undefined, now.getTime(), state.last_seen_at?.getTime() ?? null, {
        fieldLabel: device.fieldLabel,
      });
      ruleState[rule.code] = step.state;
      transitions.set(rule.code, step.transitions);
    }
    // Most ticks change nothing: only a changed state is written back.
    if (JSON.stringify(ruleState) !== JSON.stringify(state.rule_state)) saved.push({ deviceId: device.id, ruleState });
    changes.push(
      ...(await writeAlarmTransitions(
        stores,
        { ...device, values: state.values },
        new Map(device.rules.map((r) => [r.code, r])),
        transitions,
      )),
    );
  }
  await ruleTimersRepository(trx).saveRuleStates(saved);
  return changes;
}

// Any fixed number, distinct from the other sweeps' (telemetry.maintenance.ts, migrate.ts).
const RULE_TIMERS_LOCK = 370_126;

/** Ticks on a timer until stopped; a round another process is running is skipped, a failed one logged. */
export function startRuleTimers(db: Kysely<DB>, settings: { ruleTickSeconds: number }, options: RuleTimerOptions = {}) {
  const log = options.log ?? (() => {});
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const r = await withAdvisoryLock(db, RULE_TIMERS_LOCK, (conn) => tickRules(conn, new Date(), options), { wait: false });
      if (r && r.changes.length > 0) log(`物联网规则计时：${r.changes.length} 条告警变化（${r.devices} 台设备）`);
    } catch (e) {
      log(`物联网规则计时失败：${(e as Error).message}`);
    } finally {
      running = false;
    }
  }, settings.ruleTickSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
