import type { AlarmSeverity, EventRule, FieldLabeller, ReadingValue, RepeatRule } from '../../../../common/iot/rules.js';
import { formatDuration, matches } from '../../../../common/iot/rules.js';
import { valueText, type ConditionMachine, type ConditionStep, type ConditionTransition } from './transitions.js';

/**
 * Repeat, rate and event rules count occurrences rather than watch a level: an occurrence raises
 * the alarm, each further one while it is active is a repeat, and the alarm clears once a quiet
 * period passes without one (an event's `clearAfterSeconds`, a repeat rule's window, a rate
 * rule's `perSeconds`). There is no reading that says "it stopped happening"; only time does.
 */
export interface Occurrence {
  value?: ReadingValue;
  detail: string;
}

export interface QuietPeriod {
  /** When the last occurrence came; a replaced state counts from its last decision. */
  lastAt: number | null;
}

/**
 * The step at `at`: first the quiet period, whose clear is dated when it ran out (time proved it,
 * not the reading or tick that noticed), then the occurrence, if `occurrenceOf` finds one once the
 * alarm's state after the quiet period is known.
 */
export function occurrenceStep<S extends QuietPeriod>(
  state: S,
  active: boolean,
  at: number,
  quietMs: number,
  severity: AlarmSeverity,
  occurrenceOf: (active: boolean) => { state: S; occurrence: Occurrence | null },
): ConditionStep<S> {
  const transitions: ConditionTransition[] = [];
  let stillActive = active;
  if (active && state.lastAt !== null && at - state.lastAt >= quietMs) {
    transitions.push({ kind: 'clear', at: state.lastAt + quietMs });
    stillActive = false;
  }
  const { state: next, occurrence } = occurrenceOf(stillActive);
  if (!occurrence) return { active: stillActive, state: next, transitions };
  transitions.push(stillActive ? { kind: 'repeat', at, value: occurrence.value } : { kind: 'raise', at, severity, ...occurrence });
  return { active: true, state: { ...next, lastAt: at }, transitions };
}

/** A tick only ends quiet periods. */
export const quietTick = <S extends QuietPeriod>(state: S, active: boolean, now: number, quietMs: number, severity: AlarmSeverity) =>
  occurrenceStep(state, active, now, quietMs, severity, () => ({ state, occurrence: null }));

export interface RepeatState extends QuietPeriod {
  kind: 'repeat';
  /** When the condition held, newest last: at most `count` of them, within the window. */
  hits: number[];
}

/**
 * Raised by the `count`-th reading meeting the condition within the window; while active, every
 * further such reading is a repeat; cleared after a whole window without one.
 */
export function repeatMachine(rule: RepeatRule, fieldLabel: FieldLabeller): ConditionMachine<RepeatState> {
  const windowMs = rule.windowSeconds * 1000;
  return {
    kind: 'repeat',
    fresh: (since) => ({ kind: 'repeat', hits: [], lastAt: since }),
    onReading(state, active, reading) {
      const value = reading.values[rule.field];
      const hit = value === undefined ? null : matches(rule, value);
      if (hit === null) return null;
      const hits = hit ? [...state.hits.filter((t) => t >= reading.ts - windowMs), reading.ts].slice(-rule.count) : state.hits;
      return occurrenceStep(state, active, reading.ts, windowMs, rule.severity, (stillActive) => {
        const occurs = hit && (stillActive || hits.length >= rule.count);
        const detail = `${valueText(fieldLabel, rule.field, value)}，${formatDuration(rule.windowSeconds)}内第 ${hits.length} 次`;
        return { state: { ...state, hits }, occurrence: occurs ? { value, detail } : null };
      });
    },
    onTick: (state, active, now) => quietTick(state, active, now, windowMs, rule.severity),
  };
}

export interface EventState extends QuietPeriod {
  kind: 'event';
}

/** Raised by each matching event (a camera's 高空抛物, an emergency button), cleared after `clearAfterSeconds` without another. */
export function eventMachine(rule: EventRule, fieldLabel: FieldLabeller): ConditionMachine<EventState> {
  const quietMs = rule.clearAfterSeconds * 1000;
  return {
    kind: 'event',
    fresh: (since) => ({ kind: 'event', lastAt: since }),
    onReading(state, active, reading) {
      if (reading.event?.type !== rule.eventType) return null;
      const detail = `发生“${fieldLabel(rule.eventType).label}”事件`;
      return occurrenceStep(state, active, reading.ts, quietMs, rule.severity, () => ({ state, occurrence: { detail } }));
    },
    onTick: (state, active, now) => quietTick(state, active, now, quietMs, rule.severity),
  };
}
