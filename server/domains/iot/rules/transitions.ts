import type { AlarmSeverity, ReadingValue } from '../../../../common/iot/rules.js';
import { formatValue, type FieldLabeller } from '../../../../common/iot/rules.js';

/**
 * What goes into the rule engine and what comes out of it (docs/decisions/026). A rule's kind is
 * a condition machine (level.ts, occurrences.ts, rate.ts, offline.ts); the engine (engine.ts)
 * keeps its state, drops readings that come too late and lets flapping control (flapping.ts)
 * decide what the alarm sees.
 */

/** One message from a device: its telemetry values, and a camera's or a button's event. */
export interface Reading {
  /** Epoch ms: the device's time when it sent one, else when the platform received it. */
  ts: number;
  values: Record<string, ReadingValue>;
  event?: { type: string; data?: Record<string, unknown> };
}

/**
 * What happens to the alarm of one device and rule. `repeat`: the condition fired again while its
 * alarm is active (count and last time go up, never a second alarm). `flapping`: the alarm is held
 * open and marked instead of raised and cleared again and again; `on: true` carries what a raise
 * does, since it opens the alarm when none is open.
 */
export type Transition =
  | { kind: 'raise'; at: number; severity: AlarmSeverity; value?: ReadingValue; detail: string }
  | { kind: 'repeat'; at: number; value?: ReadingValue }
  | { kind: 'clear'; at: number; value?: ReadingValue }
  | { kind: 'flapping'; at: number; on: true; severity: AlarmSeverity; value?: ReadingValue; detail: string }
  | { kind: 'flapping'; at: number; on: false };

/** What a rule's condition does, before flapping control decides what the alarm sees. */
export type ConditionTransition = Exclude<Transition, { kind: 'flapping' }>;

/** A condition after one reading or tick: whether its alarm is active, its state, what happened. */
export interface ConditionStep<S> {
  active: boolean;
  state: S;
  transitions: ConditionTransition[];
}

/**
 * One rule kind's condition. Its state is plain JSON (stored between batches); `kind` tags it, so
 * a stored state of another kind (the rule's kind was edited) is recognised and replaced.
 */
export interface ConditionMachine<S extends { kind: string }> {
  kind: S['kind'];
  /** A new state; `since` is the last decision of a state being replaced, from which quiet periods count. */
  fresh(since: number | null): S;
  /** Null when the reading does not concern the rule (no value for its field, or one it cannot compare). */
  onReading(state: S, active: boolean, reading: Reading): ConditionStep<S> | null;
  onTick(state: S, active: boolean, now: number, lastSeenAt: number | null): ConditionStep<S>;
}

/** A reading's value in an alarm's detail: '一氧化碳 63 ppm', '烟雾：是'. */
export function valueText(fieldLabel: FieldLabeller, field: string, value: ReadingValue): string {
  const { label, unit } = fieldLabel(field);
  return typeof value === 'number' ? `${label} ${formatValue(value, unit)}` : `${label}：${formatValue(value)}`;
}
