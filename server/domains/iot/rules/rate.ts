import type { FieldLabeller, RateRule } from '../../../../common/iot/rules.js';
import { formatDuration, formatValue } from '../../../../common/iot/rules.js';
import { occurrenceStep, quietTick, type QuietPeriod } from './occurrences.js';
import type { ConditionMachine } from './transitions.js';

/** A reading kept in a rate window, as [ts, value]: the state is stored as jsonb, a pair a reading. */
type Sample = [ts: number, value: number];

/**
 * The readings of the last `perSeconds` that may still be its lowest (`lows`, values rising from
 * the front) or its highest (`highs`, values falling from the front): the front of each is the
 * window's minimum or maximum. A steady sensor keeps one or two readings in each; a window never
 * keeps more than the readings it spans, which rateRule's limit of an hour bounds.
 */
export interface RateWindow {
  lows: Sample[];
  highs: Sample[];
}

export function withSample(window: RateWindow, sample: Sample, spanMs: number): RateWindow {
  const [ts, value] = sample;
  const recent = ([t]: Sample) => t >= ts - spanMs;
  return {
    lows: [...window.lows.filter((s) => recent(s) && s[1] < value), sample],
    highs: [...window.highs.filter((s) => recent(s) && s[1] > value), sample],
  };
}

export interface RateState extends QuietPeriod {
  kind: 'rate';
  window: RateWindow;
}

/**
 * Raised when the value has risen (or fallen) by at least `change` within `perSeconds` of its
 * lowest (highest) point: a heat detector's 差温 criterion, "8 ℃ within a minute". Comparing with
 * the window's extreme, not with the previous reading, keeps two readings a few ms apart from
 * making a steep rate out of noise.
 */
export function rateMachine(rule: RateRule, fieldLabel: FieldLabeller): ConditionMachine<RateState> {
  const spanMs = rule.perSeconds * 1000;
  const { label, unit } = fieldLabel(rule.field);
  return {
    kind: 'rate',
    fresh: (since) => ({ kind: 'rate', window: { lows: [], highs: [] }, lastAt: since }),
    onReading(state, active, reading) {
      const value = reading.values[rule.field];
      if (typeof value !== 'number') return null;
      const sample: Sample = [reading.ts, value];
      const window = withSample(state.window, sample, spanMs);
      const move = largestMove(window, value, rule.direction);
      return occurrenceStep(state, active, reading.ts, spanMs, rule.severity, () => {
        if (move.amount < rule.change) return { state: { ...state, window }, occurrence: null };
        const took = formatDuration((reading.ts - move.since) / 1000);
        const detail = `${label} ${took}内${move.word} ${formatValue(move.amount, unit)}（现 ${formatValue(value, unit)}）`;
        // A change counts once: the window starts again here, so the next occurrence needs another whole change.
        return { state: { ...state, window: { lows: [sample], highs: [sample] } }, occurrence: { value, detail } };
      });
    },
    onTick: (state, active, now) => quietTick(state, active, now, spanMs, rule.severity),
  };
}

function largestMove({ lows, highs }: RateWindow, value: number, direction: RateRule['direction']) {
  const [[lowAt, low], [highAt, high]] = [lows[0], highs[0]];
  const rise = { amount: value - low, since: lowAt, word: '上升' };
  const fall = { amount: high - value, since: highAt, word: '下降' };
  if (direction === 'rise') return rise;
  if (direction === 'fall') return fall;
  return rise.amount >= fall.amount ? rise : fall;
}
