import { describe, expect, it } from 'vitest';
import { at, replay, ruleOf, tick } from './test-replay.js';

const smoke = ruleOf({ kind: 'threshold', code: 'smoke', field: 'smoke', operator: '=', value: true, severity: 'critical' });
/** The smoke value toggling every 10 s from `from`, starting with true: a loose wire. */
const toggling = (from: number, times: number) => Array.from({ length: times }, (_, i) => at(from + i * 10, { smoke: i % 2 === 0 }));

describe('flapping', () => {
  it('passes five raises in ten minutes; the sixth opens a flapping alarm instead of paging again', () => {
    const run = replay(smoke, toggling(0, 11));
    expect(run.brief).toEqual([
      ...['raise@0', 'clear@10', 'raise@20', 'clear@30', 'raise@40', 'clear@50', 'raise@60', 'clear@70', 'raise@80', 'clear@90'],
      'flapping+@100',
    ]);
    expect(run.transitions.at(-1)).toEqual({
      kind: 'flapping',
      at: run.transitions.at(-1)?.at,
      on: true,
      severity: 'critical',
      value: true,
      detail: 'smoke：是（10 分钟内第 6 次告警，判定为频繁抖动）',
    });
  });

  it('while flapping, holds clears back and counts raises as repeats of the one open alarm', () => {
    const run = replay(smoke, [...toggling(0, 11), at(110, { smoke: false }), at(120, { smoke: true }), at(130, { smoke: false })]);
    expect(run.brief.slice(10)).toEqual(['flapping+@100', 'repeat@120']);
  });

  it('ends once stable for the window, dated when it ran out, with the clear the alarm was held from', () => {
    const flapped = [...toggling(0, 11), at(110, { smoke: false })];
    expect(replay(smoke, [...flapped, tick(709)]).brief.slice(10)).toEqual(['flapping+@100']);
    expect(replay(smoke, [...flapped, tick(800)]).brief.slice(10)).toEqual(['flapping+@100', 'flapping-@710', 'clear@710']);
    // A reading after the window ends it as well, before it is itself weighed.
    expect(replay(smoke, [...flapped, at(900, { smoke: true })]).brief.slice(10)).toEqual([
      'flapping+@100',
      'flapping-@710',
      'clear@710',
      'raise@900',
    ]);
  });

  it('ends without a clear when the condition still holds; the alarm goes on as an ordinary one', () => {
    const run = replay(smoke, [...toggling(0, 11), tick(800), at(900, { smoke: false })]);
    expect(run.brief.slice(10)).toEqual(['flapping+@100', 'flapping-@700', 'clear@900']);
  });

  it('does not count raises spread wider than the window', () => {
    const slow = Array.from({ length: 12 }, (_, i) => at(i * 100, { smoke: i % 2 === 0 }));
    expect(replay(smoke, slow).brief.filter((b) => b.startsWith('flapping'))).toEqual([]);
  });

  it('takes its limits as parameters', () => {
    const run = replay(smoke, toggling(0, 5), { flapping: { maxRaises: 2, windowSeconds: 60 } });
    expect(run.brief).toEqual(['raise@0', 'clear@10', 'raise@20', 'clear@30', 'flapping+@40']);
  });

  it('applies to every kind: a device dropping off the network again and again', () => {
    const offline = ruleOf({ kind: 'offline', offlineMinutes: 1 });
    const steps = Array.from({ length: 4 }, (_, i) => [tick(i * 100 + 70, i * 100), tick(i * 100 + 90, i * 100 + 80)]).flat();
    const run = replay(offline, steps, { flapping: { maxRaises: 3, windowSeconds: 600 } });
    expect(run.brief).toEqual(['raise@60', 'clear@80', 'raise@160', 'clear@180', 'raise@260', 'clear@280', 'flapping+@360']);
  });
});
