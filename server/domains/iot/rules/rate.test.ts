import { describe, expect, it } from 'vitest';
import { withSample } from './rate.js';
import { at, ms, replay, ruleOf, tick } from './test-replay.js';

const heat = { label: '温度', unit: '℃' };
const rateRule = (direction: 'rise' | 'fall' | 'any') => ruleOf({ kind: 'rate', field: 'temp', change: 8, perSeconds: 60, direction });
const temps = (...pairs: [number, number][]) => pairs.map(([s, temp]) => at(s, { temp }));

describe('rate rules', () => {
  it('rise: raises when the value has risen by the change within the window, from its lowest point', () => {
    const run = replay(rateRule('rise'), temps([0, 30], [20, 28], [40, 33], [50, 36.5]), { fieldLabel: () => heat });
    expect(run.brief).toEqual(['raise@50']);
    expect(run.transitions[0]).toMatchObject({ value: 36.5, detail: '温度 30 秒内上升 8.5 ℃（现 36.5 ℃）' });
  });

  it('rise: a rise slower than the window does not raise, nor does a fall', () => {
    expect(replay(rateRule('rise'), temps([0, 20], [50, 25], [100, 30], [150, 35])).brief).toEqual([]);
    expect(replay(rateRule('rise'), temps([0, 40], [10, 20])).brief).toEqual([]);
  });

  it('fall: raises on a drop by the change within the window, not on a rise', () => {
    expect(replay(rateRule('fall'), temps([0, 40], [30, 32.5])).brief).toEqual([]);
    expect(replay(rateRule('fall'), temps([0, 40], [30, 32])).brief).toEqual(['raise@30']);
    expect(replay(rateRule('fall'), temps([0, 20], [30, 40])).brief).toEqual([]);
  });

  it('any: raises on either, and says which', () => {
    const fell = replay(rateRule('any'), temps([0, 40], [30, 30]), { fieldLabel: () => heat });
    expect(fell.transitions[0]).toMatchObject({ kind: 'raise', detail: '温度 30 秒内下降 10 ℃（现 30 ℃）' });
    expect(replay(rateRule('any'), temps([0, 20], [30, 30])).brief).toEqual(['raise@30']);
  });

  it('counts a change once: a further whole change is a repeat; a quiet window clears', () => {
    const run = replay(rateRule('rise'), [...temps([0, 20], [20, 29], [30, 31], [40, 38]), tick(200)]);
    expect(run.brief).toEqual(['raise@20', 'repeat@40', 'clear@100']);
  });

  it('two readings a few ms apart make no rate out of noise', () => {
    const run = replay(rateRule('rise'), [
      { ts: ms(0), values: { temp: 20 } },
      { ts: ms(0) + 5, values: { temp: 20.4 } },
    ]);
    expect(run.brief).toEqual([]);
  });

  it('ignores values that are not numbers', () => {
    expect(replay(rateRule('rise'), [at(0, { temp: 20 }), at(10, { temp: 'n/a' }), at(20, { temp: 29 })]).brief).toEqual(['raise@20']);
  });
});

describe('the rate window', () => {
  it('keeps only the readings that may still be its lowest or highest, within its span', () => {
    let window = { lows: [], highs: [] } as Parameters<typeof withSample>[0];
    for (const [ts, v] of [
      [0, 5],
      [1, 3],
      [2, 4],
      [3, 9],
      [4, 6],
    ])
      window = withSample(window, [ts, v], 10);
    expect(window).toEqual({
      lows: [
        [1, 3],
        [2, 4],
        [4, 6],
      ],
      highs: [
        [3, 9],
        [4, 6],
      ],
    });
    // Past the span, the old extremes go.
    expect(withSample(window, [14, 7], 10)).toEqual({
      lows: [
        [4, 6],
        [14, 7],
      ],
      highs: [[14, 7]],
    });
  });
});
