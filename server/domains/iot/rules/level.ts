import type { FieldLabeller, LevelRule, ReadingValue } from '../../../../common/iot/rules.js';
import { formatDuration, levelCondition, matches } from '../../../../common/iot/rules.js';
import { valueText, type ConditionMachine, type ConditionStep, type ConditionTransition } from './transitions.js';

/**
 * Threshold, battery and tamper rules watch a level: the alarm is raised once the raise
 * condition has held for `holdSeconds`, and cleared once the clear condition (the raise
 * condition's negation, moved by the hysteresis margin) has held for `clearHoldSeconds`. A value
 * stands until the next reading says otherwise, so a tick can complete a hold that no new reading
 * proves: a detector that reports smoke and then burns is still in alarm (docs/decisions/026).
 */
export interface LevelState {
  kind: 'level';
  /** Since when the raise condition has held (the first reading of this run); null when it does not hold. */
  since: number | null;
  /** Whether this run of the condition has raised (or repeated) already: one run, one raise. */
  counted: boolean;
  /** Since when the clear condition has held, while the alarm is active. */
  clearingSince: number | null;
  lastValue: ReadingValue | null;
}

export function levelMachine(rule: LevelRule, fieldLabel: FieldLabeller): ConditionMachine<LevelState> {
  const level = levelCondition(rule);
  const holdMs = level.holdSeconds * 1000;
  const clearHoldMs = level.clearHoldSeconds * 1000;
  const field = level.raise.field;

  /**
   * The raise or clear that is due at `at`. A reading proves the condition at its own time; a tick
   * only infers it from the last value, so its transition is dated when the hold ran out, not when
   * the tick came, and the record does not depend on how often ticks run.
   */
  function due(state: LevelState, active: boolean, at: number, byReading: boolean): ConditionStep<LevelState> {
    const transitions: ConditionTransition[] = [];
    const value = state.lastValue ?? undefined;
    let next = state;
    // A run of the condition starts with a reading, so it always has a value.
    if (next.since !== null && value !== undefined && !next.counted && at - next.since >= holdMs) {
      const when = byReading ? at : next.since + holdMs;
      const held = holdMs ? `，持续 ${formatDuration((when - next.since) / 1000)}` : '';
      const detail = `${valueText(fieldLabel, field, value)}${held}`;
      transitions.push(active ? { kind: 'repeat', at: when, value } : { kind: 'raise', at: when, severity: rule.severity, value, detail });
      next = { ...next, counted: true };
    }
    const nowActive = active || transitions.length > 0;
    if (nowActive && next.clearingSince !== null && at - next.clearingSince >= clearHoldMs) {
      transitions.push({ kind: 'clear', at: byReading ? at : next.clearingSince + clearHoldMs, value });
      return { active: false, state: { ...next, clearingSince: null }, transitions };
    }
    return { active: nowActive, state: next, transitions };
  }

  return {
    kind: 'level',
    fresh: () => ({ kind: 'level', since: null, counted: false, clearingSince: null, lastValue: null }),
    onReading(state, active, reading) {
      const value = reading.values[field];
      const raising = value === undefined ? null : matches(level.raise, value);
      if (raising === null) return null;
      // Between the two conditions (inside the hysteresis band) neither runs: the alarm stays as it is.
      const clearing = active && !raising && matches(level.clear, value) === true;
      const next: LevelState = {
        kind: 'level',
        since: raising ? (state.since ?? reading.ts) : null,
        counted: raising && state.counted,
        clearingSince: clearing ? (state.clearingSince ?? reading.ts) : null,
        lastValue: value,
      };
      return due(next, active, reading.ts, true);
    },
    onTick: (state, active, now) => due(state, active, now, false),
  };
}
