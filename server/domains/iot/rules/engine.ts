import type { FieldLabeller, IotRule } from '../../../../common/iot/rules.js';
import { defaultFieldLabel } from '../../../../common/iot/rules.js';
import {
  DEFAULT_FLAPPING_LIMITS,
  filterFlapping,
  notFlapping,
  settleFlapping,
  type FlappingLimits,
  type FlappingState,
} from './flapping.js';
import { levelMachine, type LevelState } from './level.js';
import { eventMachine, repeatMachine, type EventState, type RepeatState } from './occurrences.js';
import { offlineMachine, type OfflineState } from './offline.js';
import { rateMachine, type RateState } from './rate.js';
import type { ConditionMachine, ConditionStep, Reading, Transition } from './transitions.js';

/**
 * The IoT rule engine, pure (docs/decisions/026): one device's readings and the clock's ticks in,
 * its alarms' transitions out, for one rule at a time. The caller keeps a RuleState per device
 * and rule (jsonb between batches, so it survives a restart) and turns the transitions into
 * alarms (alarm-lifecycle.ts) and incidents (storm.ts).
 */

export type ConditionState = LevelState | RepeatState | RateState | EventState | OfflineState;

export interface RuleState {
  /** The condition's alarm is active. While flapping, the alarm people see stays open whatever this says. */
  active: boolean;
  /**
   * The latest reading taken or transition dated for this rule. A reading older than it arrived
   * too late (QoS 1 redelivery, a gateway's batch) and is ignored: the decisions since stand.
   */
  watermark: number | null;
  condition: ConditionState;
  flapping: FlappingState;
}

export interface EngineOptions {
  /** The device type's words for its fields and events ('co' → 一氧化碳, ppm); a field's key otherwise. */
  fieldLabel?: FieldLabeller;
  flapping?: Partial<FlappingLimits>;
}

export interface EngineStep {
  state: RuleState;
  transitions: Transition[];
}

/** A reading (telemetry or an event) for one rule of the device that sent it. */
export function onReading(rule: IotRule, state: RuleState | undefined, reading: Reading, options: EngineOptions = {}): EngineStep {
  return withMachine(rule, options, (machine) => {
    const current = adopt(machine, state);
    if (current.watermark !== null && reading.ts < current.watermark) return { state: current, transitions: [] };
    const step = machine.onReading(current.condition, current.active, reading);
    return step ? applyStep(current, step, reading.ts, reading.ts, options) : { state: current, transitions: [] };
  });
}

/**
 * The clock, for what only time proves: a device gone silent, a hold that no new reading
 * completes, an event alarm's quiet period, the end of flapping. `lastSeenAt`: the device's last
 * message of any kind (null: never heard from).
 */
export function onTick(
  rule: IotRule,
  state: RuleState | undefined,
  now: number,
  lastSeenAt: number | null,
  options: EngineOptions = {},
): EngineStep {
  return withMachine(rule, options, (machine) => {
    const current = adopt(machine, state);
    return applyStep(current, machine.onTick(current.condition, current.active, now, lastSeenAt), now, null, options);
  });
}

/** Runs `use` with the rule's condition machine, keeping each machine's state type through the call. */
function withMachine(
  rule: IotRule,
  options: EngineOptions,
  use: <S extends ConditionState>(machine: ConditionMachine<S>) => EngineStep,
): EngineStep {
  return use(machineOf(rule, options.fieldLabel ?? defaultFieldLabel));
}

/**
 * A rule's machine is pure given the rule and the field words, so it is built once per rule
 * object and labeller and kept beside them: building it for every reading and rule was a tenth of
 * ingest's CPU (decision 040). Rules and labellers come from the process's rules cache, so the
 * same objects return batch after batch; an edited rule is a new object with a machine of its own.
 */
const machines = new WeakMap<IotRule, WeakMap<FieldLabeller, ConditionMachine<ConditionState>>>();

function machineOf(rule: IotRule, fieldLabel: FieldLabeller): ConditionMachine<ConditionState> {
  let byLabeller = machines.get(rule);
  if (!byLabeller) machines.set(rule, (byLabeller = new WeakMap()));
  let machine = byLabeller.get(fieldLabel);
  if (!machine) byLabeller.set(fieldLabel, (machine = buildMachine(rule, fieldLabel) as ConditionMachine<ConditionState>));
  return machine;
}

function buildMachine(rule: IotRule, fieldLabel: FieldLabeller) {
  switch (rule.kind) {
    case 'threshold':
    case 'battery':
    case 'tamper':
      return levelMachine(rule, fieldLabel);
    case 'repeat':
      return repeatMachine(rule, fieldLabel);
    case 'rate':
      return rateMachine(rule, fieldLabel);
    case 'event':
      return eventMachine(rule, fieldLabel);
    case 'offline':
      return offlineMachine(rule);
  }
}

/**
 * The stored state as the machine's. A state of another kind means the rule's kind was edited:
 * its condition starts afresh, counting quiet periods from the last decision, and an open alarm
 * stays open until the new condition clears it.
 */
function adopt<S extends ConditionState>(machine: ConditionMachine<S>, stored: RuleState | undefined): RuleState & { condition: S } {
  if (!stored) return { active: false, watermark: null, condition: machine.fresh(null), flapping: notFlapping() };
  // The kind tag is what tells one machine's state from another's.
  if (stored.condition.kind === machine.kind) return stored as RuleState & { condition: S };
  return { ...stored, condition: machine.fresh(stored.watermark) };
}

/** The condition's step through flapping control, and the state that results. */
function applyStep(
  state: RuleState,
  step: ConditionStep<ConditionState>,
  at: number,
  readingTs: number | null,
  options: EngineOptions,
): EngineStep {
  const limits = { ...DEFAULT_FLAPPING_LIMITS, ...options.flapping };
  const transitions: Transition[] = [];
  let flapping = state.flapping;
  let active = state.active;
  const pass = (filtered: { state: FlappingState; transitions: Transition[] }) => {
    flapping = filtered.state;
    transitions.push(...filtered.transitions);
  };
  for (const transition of step.transitions) {
    pass(settleFlapping(flapping, transition.at, active, limits));
    pass(filterFlapping(flapping, transition, limits));
    if (transition.kind !== 'repeat') active = transition.kind === 'raise';
  }
  pass(settleFlapping(flapping, at, step.active, limits));
  const times = [state.watermark, readingTs, ...transitions.map((t) => t.at)].filter((t): t is number => t !== null);
  const watermark = times.length ? Math.max(...times) : null;
  return { state: { active: step.active, watermark, condition: step.state, flapping }, transitions };
}
