import type { OfflineRule } from '../../../../common/iot/rules.js';
import { formatDuration } from '../../../../common/iot/rules.js';
import type { ConditionMachine, ConditionStep, ConditionTransition } from './transitions.js';

/**
 * Raised when no message at all (telemetry, event or status) has come for `offlineMinutes`;
 * cleared by the next one. Only the caller knows when the device was last heard from, whatever it
 * sent, so ticks carry it (`lastSeenAt`); a reading that reaches this rule clears it at once. A
 * device never heard from is not yet online (未上线), not offline: nothing is raised for it.
 */
export interface OfflineState {
  kind: 'offline';
  /** The last message before the alarm: anything heard after it ends the alarm. */
  silentSince: number | null;
}

export function offlineMachine(rule: OfflineRule): ConditionMachine<OfflineState> {
  const offlineMs = rule.offlineMinutes * 60_000;
  return {
    kind: 'offline',
    fresh: (since) => ({ kind: 'offline', silentSince: since }),
    onReading: (state, active, reading) => ({
      active: false,
      state,
      transitions: active ? [{ kind: 'clear', at: reading.ts }] : [],
    }),
    onTick(state, active, now, lastSeenAt): ConditionStep<OfflineState> {
      if (lastSeenAt === null) return { active, state, transitions: [] };
      const transitions: ConditionTransition[] = [];
      let stillActive = active;
      // A message that was not a reading (a status message, or one the engine did not see) still ends the alarm.
      if (active && lastSeenAt > (state.silentSince ?? -Infinity)) {
        transitions.push({ kind: 'clear', at: lastSeenAt });
        stillActive = false;
      }
      if (stillActive || now - lastSeenAt < offlineMs) return { active: stillActive, state, transitions };
      // Dated when the silence reached the limit, not when the tick noticed.
      const detail = `超过 ${formatDuration(rule.offlineMinutes * 60)}未收到任何消息`;
      transitions.push({ kind: 'raise', at: lastSeenAt + offlineMs, severity: rule.severity, detail });
      return { active: true, state: { kind: 'offline', silentSince: lastSeenAt }, transitions };
    },
  };
}
