import { describe, expect, it } from 'vitest';
import { at, ms, replay, ruleOf, tick } from './test-replay.js';

const co = { label: '一氧化碳', unit: 'ppm' };
const fieldLabel = (key: string) => (key === 'co' ? co : { label: key });
const coAbove50 = (extra: { holdSeconds?: number; clearHysteresis?: number; clearHoldSeconds?: number } = {}) =>
  ruleOf({ kind: 'threshold', code: 'co_high', field: 'co', operator: '>', value: 50, severity: 'critical', ...extra });

describe('threshold rules', () => {
  it('raise when the value crosses, clear when it goes back, with the value and a Chinese detail', () => {
    const run = replay(coAbove50(), [at(0, { co: 20 }), at(10, { co: 63 }), at(20, { co: 70 }), at(30, { co: 50 })], { fieldLabel });
    expect(run.brief).toEqual(['raise@10', 'clear@30']);
    expect(run.transitions[0]).toEqual({ kind: 'raise', at: ms(10), severity: 'critical', value: 63, detail: '一氧化碳 63 ppm' });
    expect(run.transitions[1]).toEqual({ kind: 'clear', at: ms(30), value: 50 });
  });

  it('two readings milliseconds apart over the threshold make one raise, never two', () => {
    const rule = coAbove50();
    const run = replay(rule, [
      { ts: ms(0), values: { co: 60 } },
      { ts: ms(0) + 3, values: { co: 61 } },
    ]);
    expect(run.brief).toEqual(['raise@0']);
  });

  it('clears only past the hysteresis margin: > 50 with 5 clears at 45 and below', () => {
    const rule = coAbove50({ clearHysteresis: 5 });
    expect(replay(rule, [at(0, { co: 60 }), at(10, { co: 46 }), at(20, { co: 45.5 })]).brief).toEqual(['raise@0']);
    expect(replay(rule, [at(0, { co: 60 }), at(10, { co: 46 }), at(20, { co: 45 })]).brief).toEqual(['raise@0', 'clear@20']);
  });

  it('counts a new crossing inside the hysteresis band as a repeat of the active alarm, not a new alarm', () => {
    const rule = coAbove50({ clearHysteresis: 5 });
    const run = replay(rule, [at(0, { co: 60 }), at(5, { co: 65 }), at(10, { co: 48 }), at(15, { co: 55 }), at(20, { co: 40 })]);
    expect(run.brief).toEqual(['raise@0', 'repeat@15', 'clear@20']);
    expect(run.transitions[1]).toEqual({ kind: 'repeat', at: ms(15), value: 55 });
  });

  it('with holdSeconds, raises only once the condition has held that long, by readings', () => {
    const rule = coAbove50({ holdSeconds: 30 });
    const run = replay(rule, [at(0, { co: 63 }), at(10, { co: 64 }), at(29, { co: 65 }), at(31, { co: 63 })], { fieldLabel });
    expect(run.brief).toEqual(['raise@31']);
    expect(run.transitions[0]).toMatchObject({ value: 63, detail: '一氧化碳 63 ppm，持续 31 秒' });
  });

  it('a dip below the threshold restarts the hold', () => {
    const rule = coAbove50({ holdSeconds: 30 });
    expect(replay(rule, [at(0, { co: 63 }), at(20, { co: 49 }), at(25, { co: 63 }), at(40, { co: 63 }), at(55, { co: 63 })]).brief).toEqual(
      ['raise@55'],
    );
  });

  it('a tick completes a hold that no new reading proves, dated when the hold ran out', () => {
    const rule = coAbove50({ holdSeconds: 30 });
    expect(replay(rule, [at(0, { co: 63 }), tick(20)]).brief).toEqual([]);
    const run = replay(rule, [at(0, { co: 63 }), tick(45)], { fieldLabel });
    expect(run.brief).toEqual(['raise@30']);
    expect(run.transitions[0]).toMatchObject({ value: 63, detail: '一氧化碳 63 ppm，持续 30 秒' });
    // The next reading still over the threshold is the same run: nothing more.
    expect(replay(rule, [at(0, { co: 63 }), tick(45), at(50, { co: 64 })]).brief).toEqual(['raise@30']);
  });

  it('with clearHoldSeconds, clears only once the clear condition has held that long, by readings or by a tick', () => {
    const rule = coAbove50({ clearHysteresis: 5, clearHoldSeconds: 60 });
    const dipped = [at(0, { co: 60 }), at(10, { co: 40 }), at(40, { co: 42 }), at(50, { co: 47 }), at(60, { co: 30 })];
    // 47 is inside the band: the clear restarts at 60.
    expect(replay(rule, [...dipped, at(100, { co: 30 })]).brief).toEqual(['raise@0']);
    expect(replay(rule, [...dipped, at(120, { co: 30 })]).brief).toEqual(['raise@0', 'clear@120']);
    expect(replay(rule, [...dipped, tick(500)]).brief).toEqual(['raise@0', 'clear@120']);
  });

  it('compares between and outside at their bounds, and widens or narrows the range by the margin to clear', () => {
    const between = ruleOf({ kind: 'threshold', field: 't', operator: 'between', value: 10, value2: 20, clearHysteresis: 2 });
    expect(replay(between, [at(0, { t: 20 }), at(1, { t: 21 }), at(2, { t: 22 })]).brief).toEqual(['raise@0']);
    expect(replay(between, [at(0, { t: 10 }), at(1, { t: 7.9 })]).brief).toEqual(['raise@0', 'clear@1']);
    const outside = ruleOf({ kind: 'threshold', field: 't', operator: 'outside', value: 10, value2: 20, clearHysteresis: 2 });
    expect(replay(outside, [at(0, { t: 15 }), at(1, { t: 9.5 }), at(2, { t: 11 }), at(3, { t: 12 })]).brief).toEqual([
      'raise@1',
      'clear@3',
    ]);
    expect(replay(outside, [at(0, { t: 21 }), at(1, { t: 19 }), at(2, { t: 18 })]).brief).toEqual(['raise@0', 'clear@2']);
  });

  it('reads every operator the way it is written', () => {
    const crosses = (operator: '>=' | '<' | '<=' | '!=', value: number, values: number[]) =>
      replay(
        ruleOf({ kind: 'threshold', field: 'x', operator, value }),
        values.map((x, i) => at(i, { x })),
      ).brief;
    expect(crosses('>=', 5, [4, 5, 4])).toEqual(['raise@1', 'clear@2']);
    expect(crosses('<', 5, [5, 4.9, 5])).toEqual(['raise@1', 'clear@2']);
    expect(crosses('<=', 5, [6, 5, 5.1])).toEqual(['raise@1', 'clear@2']);
    expect(crosses('!=', 0, [0, 3, 0])).toEqual(['raise@1', 'clear@2']);
  });

  it('compares booleans and words by equality; the condition going false clears', () => {
    const smoke = ruleOf({ kind: 'threshold', field: 'smoke', operator: '=', value: true, severity: 'critical' });
    const run = replay(smoke, [at(0, { smoke: false }), at(1, { smoke: true }), at(2, { smoke: false })], {
      fieldLabel: () => ({ label: '烟雾' }),
    });
    expect(run.brief).toEqual(['raise@1', 'clear@2']);
    expect(run.transitions[0]).toMatchObject({ severity: 'critical', value: true, detail: '烟雾：是' });
    const door = ruleOf({ kind: 'threshold', field: 'state', operator: '=', value: 'stuck' });
    expect(replay(door, [at(0, { state: 'running' }), at(1, { state: 'stuck' }), at(2, { state: 'running' })]).brief).toEqual([
      'raise@1',
      'clear@2',
    ]);
  });

  it('takes a reading without the field, or with a value it cannot compare, as no reading at all', () => {
    const rule = coAbove50({ holdSeconds: 30 });
    const run = replay(rule, [at(0, { co: 63 }), at(10, { battery: 80 }), at(20, { co: 'error' }), at(31, { co: 64 })]);
    expect(run.brief).toEqual(['raise@31']);
    expect(replay(rule, [at(0, { co: 63 }), at(10, { battery: 80 })]).state?.watermark).toBe(ms(0));
  });
});

describe('battery and tamper rules', () => {
  it('battery: below the percentage raises, the default margin of 5 clears', () => {
    const low = ruleOf({ kind: 'battery', below: 20, severity: 'warning' });
    const run = replay(low, [at(0, { battery: 35 }), at(1, { battery: 19 }), at(2, { battery: 22 }), at(3, { battery: 25 })]);
    expect(run.brief).toEqual(['raise@1', 'clear@3']);
    expect(run.transitions[0]).toMatchObject({ severity: 'warning', value: 19, detail: '电量 19%' });
    expect(
      replay(ruleOf({ kind: 'battery', below: 20, clearHysteresis: 0 }), [at(1, { battery: 19 }), at(2, { battery: 20 })]).brief,
    ).toEqual(['raise@1', 'clear@2']);
  });

  it('tamper: true raises, false clears, anything else is no reading', () => {
    const tamper = ruleOf({ kind: 'tamper' });
    const run = replay(tamper, [at(0, { tamper: true }), at(1, { tamper: 1 }), at(2, { tamper: false })]);
    expect(run.brief).toEqual(['raise@0', 'clear@2']);
    expect(run.transitions[0]).toMatchObject({ detail: '防拆：是' });
    expect(replay(ruleOf({ kind: 'tamper', field: 'lid_open' }), [at(0, { lid_open: true })]).brief).toEqual(['raise@0']);
  });
});
