import { describe, expect, it } from 'vitest';
import { at, ms, replay, ruleOf, tick } from './test-replay.js';

describe('repeat rules', () => {
  // 井盖: a manhole cover tilted past 30° three times within five minutes.
  const tilted = ruleOf({ kind: 'repeat', field: 'tilt', operator: '>', value: 30, count: 3, windowSeconds: 300 });
  const fieldLabel = (key: string) => (key === 'tilt' ? { label: '倾角', unit: '°' } : { label: key });

  it('raises at the count-th reading meeting the condition within the window', () => {
    const run = replay(tilted, [at(0, { tilt: 40 }), at(10, { tilt: 5 }), at(100, { tilt: 35 }), at(200, { tilt: 50 })], { fieldLabel });
    expect(run.brief).toEqual(['raise@200']);
    expect(run.transitions[0]).toMatchObject({ value: 50, detail: '倾角 50 °，5 分钟内第 3 次' });
  });

  it('counts the window back from each reading, its first moment included', () => {
    expect(replay(tilted, [at(0, { tilt: 40 }), at(100, { tilt: 40 }), at(301, { tilt: 40 })]).brief).toEqual([]);
    expect(replay(tilted, [at(0, { tilt: 40 }), at(100, { tilt: 40 }), at(300, { tilt: 40 })]).brief).toEqual(['raise@300']);
  });

  it('while active, each further hit is a repeat; a whole window without one clears, dated when it ran out', () => {
    const hits = [at(0, { tilt: 40 }), at(1, { tilt: 40 }), at(2, { tilt: 40 }), at(60, { tilt: 40 })];
    expect(replay(tilted, [...hits, at(200, { tilt: 0 })]).brief).toEqual(['raise@2', 'repeat@60']);
    expect(replay(tilted, [...hits, at(400, { tilt: 0 })]).brief).toEqual(['raise@2', 'repeat@60', 'clear@360']);
    expect(replay(tilted, [...hits, tick(359), tick(361)]).brief).toEqual(['raise@2', 'repeat@60', 'clear@360']);
  });

  it('after a clear, a single hit does not raise again: the count starts over', () => {
    const hits = [at(0, { tilt: 40 }), at(1, { tilt: 40 }), at(2, { tilt: 40 })];
    expect(replay(tilted, [...hits, at(400, { tilt: 40 }), at(410, { tilt: 40 })]).brief).toEqual(['raise@2', 'clear@302']);
    expect(replay(tilted, [...hits, at(400, { tilt: 40 }), at(410, { tilt: 40 }), at(420, { tilt: 40 })]).brief).toEqual([
      'raise@2',
      'clear@302',
      'raise@420',
    ]);
  });

  it('keeps no more hits than it needs', () => {
    const run = replay(
      tilted,
      Array.from({ length: 50 }, (_, i) => at(i, { tilt: 40 })),
    );
    expect(run.state?.condition).toMatchObject({ kind: 'repeat', hits: [ms(47), ms(48), ms(49)] });
  });
});

describe('event rules', () => {
  const thrown = ruleOf({ kind: 'event', code: 'high_altitude_throw', eventType: 'high_altitude_throw', severity: 'major' });
  const fieldLabel = (key: string) => ({ label: key === 'high_altitude_throw' ? '高空抛物' : key });
  const event = (seconds: number, type = 'high_altitude_throw') => at(seconds, {}, { type, data: { snapshot: 'a.jpg' } });

  it('raises on a matching event with its words, repeats on the next, ignores other events and plain telemetry', () => {
    const run = replay(thrown, [event(0, 'fire_lane_blocked'), at(5, { battery: 90 }), event(10), event(20)], { fieldLabel });
    expect(run.brief).toEqual(['raise@10', 'repeat@20']);
    expect(run.transitions[0]).toEqual({ kind: 'raise', at: ms(10), severity: 'major', detail: '发生“高空抛物”事件' });
  });

  it('clears itself after 300 s (the default) without another matching event, by tick or by the next event', () => {
    expect(replay(thrown, [event(10), tick(309)]).brief).toEqual(['raise@10']);
    expect(replay(thrown, [event(10), tick(320)]).brief).toEqual(['raise@10', 'clear@310']);
    expect(replay(thrown, [event(10), event(100), tick(320)]).brief).toEqual(['raise@10', 'repeat@100']);
    // No tick came: the late event first ends the old alarm, then raises a new one.
    expect(replay(thrown, [event(10), event(900)]).brief).toEqual(['raise@10', 'clear@310', 'raise@900']);
  });

  it('takes its own quiet period', () => {
    const button = ruleOf({ kind: 'event', eventType: 'emergency_call', clearAfterSeconds: 60 });
    expect(replay(button, [event(0, 'emergency_call'), tick(70)]).brief).toEqual(['raise@0', 'clear@60']);
  });
});
