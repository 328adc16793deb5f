import { formatDuration } from '../../../../common/iot/rules.js';
import type { ConditionTransition, Transition } from './transitions.js';

/**
 * Flapping (抖动): a device whose condition goes raise → clear → raise again and again, a loose
 * wire or a sensor sitting on its threshold. More than `maxRaises` raises within `windowSeconds`
 * and the alarm is held open and marked instead of paging people each time: `flapping on` opens
 * (or marks) it, later raises count as repeats and clears are held back, until the condition has
 * not changed for a whole window; then `flapping off`, and a clear if the condition has gone by
 * then. Nagios calls this flap detection; its thresholds are percentages of state changes, ours a
 * count an operator can read on the rule page.
 */
export interface FlappingLimits {
  maxRaises: number;
  windowSeconds: number;
}
export const DEFAULT_FLAPPING_LIMITS: FlappingLimits = { maxRaises: 5, windowSeconds: 600 };

export interface FlappingState {
  on: boolean;
  /** The latest raises, within the window, newest last: no more than `maxRaises + 1` are needed to tell. */
  raises: number[];
  /** The latest raise or clear of the condition. */
  lastChangeAt: number | null;
}
export const notFlapping = (): FlappingState => ({ on: false, raises: [], lastChangeAt: null });

interface Filtered {
  state: FlappingState;
  transitions: Transition[];
}

/** Ends flapping once the condition has been stable for a whole window, dated when the window ran out. */
export function settleFlapping(state: FlappingState, at: number, conditionActive: boolean, limits: FlappingLimits): Filtered {
  const windowMs = limits.windowSeconds * 1000;
  if (!state.on || state.lastChangeAt === null || at - state.lastChangeAt < windowMs) return { state, transitions: [] };
  const when = state.lastChangeAt + windowMs;
  const off: Transition = { kind: 'flapping', at: when, on: false };
  return { state: { ...state, on: false }, transitions: conditionActive ? [off] : [off, { kind: 'clear', at: when }] };
}

/** What the alarm sees of one transition of the condition. */
export function filterFlapping(state: FlappingState, transition: ConditionTransition, limits: FlappingLimits): Filtered {
  if (transition.kind === 'repeat') return { state, transitions: [transition] };
  if (transition.kind === 'clear') return { state: { ...state, lastChangeAt: transition.at }, transitions: state.on ? [] : [transition] };
  const { at, value, severity, detail } = transition;
  const raises = [...state.raises.filter((t) => t >= at - limits.windowSeconds * 1000), at].slice(-(limits.maxRaises + 1));
  const next = { ...state, raises, lastChangeAt: at };
  if (state.on) return { state: next, transitions: [{ kind: 'repeat', at, value }] };
  if (raises.length <= limits.maxRaises) return { state: next, transitions: [transition] };
  const flappingDetail = `${detail}（${formatDuration(limits.windowSeconds)}内第 ${raises.length} 次告警，判定为频繁抖动）`;
  return { state: { ...next, on: true }, transitions: [{ kind: 'flapping', at, on: true, severity, value, detail: flappingDetail }] };
}
