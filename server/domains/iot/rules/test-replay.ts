import { iotRule, type IotRule, type IotRuleInput, type ReadingValue } from '../../../../common/iot/rules.js';
import { onReading, onTick, type EngineOptions, type RuleState } from './engine.js';
import type { Reading, Transition } from './transitions.js';

/**
 * For the rule engine's tests: rules made through the schema (so defaults apply and a wrong test
 * rule fails loudly), times in seconds from one moment, and a replay that feeds a rule readings
 * and ticks as ingest and the timer sweep will, optionally through JSON between every step as the
 * database keeps the state. Not used by the server.
 */
export const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
export const ms = (seconds: number) => T0 + seconds * 1000;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type RuleFields = DistributiveOmit<IotRuleInput, 'id' | 'code' | 'name' | 'severity' | 'enabled'> &
  Partial<Pick<IotRuleInput, 'code' | 'severity' | 'enabled'>>;

export const ruleOf = (fields: RuleFields): IotRule =>
  iotRule.parse({ id: 1, code: 'test_rule', name: '测试规则', severity: 'major', enabled: true, ...fields });

/** A reading at `seconds`. */
export const at = (seconds: number, values: Record<string, ReadingValue>, event?: Reading['event']): Reading => ({
  ts: ms(seconds),
  values,
  event,
});

export interface Tick {
  tick: number;
  lastSeen?: number | null;
}
export const tick = (seconds: number, lastSeen?: number | null): Tick => ({ tick: seconds, lastSeen });

export interface Replayed {
  state: RuleState | undefined;
  transitions: Transition[];
  /** Each transition as 'raise@30' (seconds), 'flapping+@90', 'flapping-@700': what most tests compare. */
  brief: string[];
}

export function replay(rule: IotRule, steps: (Reading | Tick)[], options: EngineOptions & { throughJson?: boolean } = {}): Replayed {
  let state: RuleState | undefined;
  const transitions: Transition[] = [];
  for (const step of steps) {
    const result =
      'tick' in step
        ? onTick(rule, state, ms(step.tick), step.lastSeen == null ? null : ms(step.lastSeen), options)
        : onReading(rule, state, step, options);
    state = options.throughJson ? (JSON.parse(JSON.stringify(result.state)) as RuleState) : result.state;
    transitions.push(...result.transitions);
  }
  return { state, transitions, brief: transitions.map(brief) };
}

export function brief(t: Transition): string {
  const name = t.kind === 'flapping' ? `flapping${t.on ? '+' : '-'}` : t.kind;
  return `${name}@${(t.at - T0) / 1000}`;
}
