import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { publishEvent } from '../../platform/events/publish.js';
import type { AlarmChange } from './alarm-writer.js';
import { alarmCasesRepository } from './alarm-cases.repository.js';
import { alarmEvent, alarmRaisedEvent } from './alarms.events.js';

/**
 * What follows alarms the ingest has committed (rule-evaluation.ts calls `onAlarms` after the
 * commit): each new alarm and each clear by its rule goes on the live stream, and the alarm →
 * case pick-up is woken for them (alarm-cases.ts), which the periodic sweep backs up — an event
 * lost here costs a refresh, a case is never lost. Repeats and flapping marks announce nothing:
 * the alarm centre shows them on its next read. A new alarm carries its incident's alarm count
 * and its flapping flag, which the control room pages by (decision 039).
 */
export function followAlarms(deps: { db: Kysely<DB>; log: (line: string) => void; wake: () => void }) {
  return (changes: AlarmChange[]) => {
    void announce(deps, changes).catch((e: Error) => deps.log(`告警实时推送失败：${e.message}`));
    if (changes.some((c) => c.change === 'raised' || c.change === 'cleared')) deps.wake();
  };
}

async function announce(deps: { db: Kysely<DB> }, changes: AlarmChange[]) {
  const told = changes.filter((c) => c.change === 'raised' || c.change === 'cleared');
  const cleared = told.filter((c) => c.change === 'cleared').map((c) => c.alarmId);
  // A new alarm has no case yet; a cleared one may have opened one.
  const cases = cleared.length > 0 ? await alarmCasesRepository(deps.db).caseIdsOf(cleared) : new Map<number, number | null>();
  for (const c of told) {
    const announced = {
      alarmId: c.alarmId,
      deviceId: c.deviceId,
      severity: c.severity,
      caseId: cases.get(c.alarmId) ?? null,
      incidentId: c.incidentId,
      regionPath: c.regionPath,
      estateId: c.estateId,
    };
    await publishEvent(
      deps.db,
      c.change === 'raised'
        ? alarmRaisedEvent({ ...announced, incidentAlarmCount: c.incidentAlarmCount, flapping: c.flapping })
        : alarmEvent('alarm.cleared', announced),
    );
  }
}
