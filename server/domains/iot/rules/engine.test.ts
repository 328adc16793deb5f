import { describe, expect, it } from 'vitest';
import { onReading, onTick } from './engine.js';
import { at, ms, replay, ruleOf, tick, type Tick } from './test-replay.js';
import type { Reading } from './transitions.js';

const coAbove50 = ruleOf({ kind: 'threshold', field: 'co', operator: '>', value: 50, holdSeconds: 30, clearHysteresis: 5 });

describe('the rule engine', () => {
  it('gives the same transitions when the state goes through JSON between every step, as it does through the database', () => {
    const flapper = ruleOf({ kind: 'tamper' });
    const scripts: [ReturnType<typeof ruleOf>, (Reading | Tick)[]][] = [
      [
        coAbove50,
        [at(0, { co: 63 }), at(10, { co: 64 }), tick(35), at(40, { co: 48 }), at(50, { co: 60 }), at(85, { co: 61 }), at(90, { co: 40 })],
      ],
      [
        ruleOf({ kind: 'repeat', field: 'tilt', operator: '>', value: 30, count: 2, windowSeconds: 60 }),
        [at(0, { tilt: 40 }), at(5, { tilt: 45 }), at(9, { tilt: 50 }), tick(100)],
      ],
      [
        ruleOf({ kind: 'rate', field: 't', change: 5, perSeconds: 60, direction: 'any' }),
        [at(0, { t: 20 }), at(10, { t: 22 }), at(20, { t: 26 }), at(30, { t: 12 }), tick(200)],
      ],
      [
        ruleOf({ kind: 'event', eventType: 'ebike_in_elevator' }),
        [at(0, {}, { type: 'ebike_in_elevator' }), at(10, {}, { type: 'ebike_in_elevator' }), tick(400)],
      ],
      [ruleOf({ kind: 'offline', offlineMinutes: 5 }), [tick(400, 0), tick(500, 450), tick(900, 450)]],
      [flapper, [...Array.from({ length: 14 }, (_, i) => at(i, { tamper: i % 2 === 0 })), tick(700), at(800, { tamper: false })]],
    ];
    for (const [rule, steps] of scripts) {
      const direct = replay(rule, steps);
      const stored = replay(rule, steps, { throughJson: true });
      expect(direct.brief.length, rule.kind).toBeGreaterThan(1);
      expect(stored.transitions, rule.kind).toEqual(direct.transitions);
      expect(stored.state, rule.kind).toEqual(direct.state);
    }
  });

  it('ignores a reading older than the last one it took for the rule: it came too late to change what was decided', () => {
    const plain = ruleOf({ kind: 'threshold', field: 'co', operator: '>', value: 50 });
    // The 5 s reading arrives after the 10 s one (QoS 1 redelivery): it does not clear the alarm.
    expect(replay(plain, [at(10, { co: 60 }), at(5, { co: 20 }), at(15, { co: 20 })]).brief).toEqual(['raise@10', 'clear@15']);
    // A late reading over the threshold does not raise on the strength of an old value either.
    expect(replay(plain, [at(10, { co: 20 }), at(5, { co: 60 })]).brief).toEqual([]);
    // Two readings with the same timestamp are both taken, in the order they came.
    expect(replay(plain, [at(10, { co: 60 }), at(10, { co: 20 })]).brief).toEqual(['raise@10', 'clear@10']);
  });

  it('holds a decision a tick made against readings from before it', () => {
    // The tick raised at 30 s on the last value; a reading from 25 s arriving afterwards does not undo it or start a new run.
    const run = replay(coAbove50, [at(0, { co: 63 }), tick(45), at(25, { co: 20 }), at(50, { co: 64 })]);
    expect(run.brief).toEqual(['raise@30']);
  });

  it('leaves the state as it was for a reading without the rule’s field', () => {
    const first = onReading(coAbove50, undefined, at(0, { co: 63 }));
    const after = onReading(coAbove50, first.state, at(10, { battery: 70 }));
    expect(after).toEqual({ state: first.state, transitions: [] });
  });

  it('one raise and at most one repeat for two readings milliseconds apart, whatever the kind', () => {
    const event = ruleOf({ kind: 'event', eventType: 'emergency_call' });
    const twoCalls = replay(event, [
      { ts: ms(0), values: {}, event: { type: 'emergency_call' } },
      { ts: ms(0) + 2, values: {}, event: { type: 'emergency_call' } },
    ]);
    expect(twoCalls.transitions.map((t) => t.kind)).toEqual(['raise', 'repeat']);
    const plain = ruleOf({ kind: 'threshold', field: 'co', operator: '>', value: 50 });
    const twoReadings = replay(plain, [
      { ts: ms(0), values: { co: 70 } },
      { ts: ms(0) + 2, values: { co: 71 } },
    ]);
    expect(twoReadings.transitions.map((t) => t.kind)).toEqual(['raise']);
  });

  it('starts a rule without state from nothing, on a reading or a tick', () => {
    expect(onTick(coAbove50, undefined, ms(0), null).transitions).toEqual([]);
    expect(onReading(coAbove50, undefined, at(0, { co: 10 })).state).toMatchObject({ active: false, watermark: ms(0) });
  });

  it('when a rule’s kind is edited, starts its condition afresh and lets the new one clear the open alarm', () => {
    const smoke = ruleOf({ kind: 'threshold', code: 'smoke', field: 'smoke', operator: '=', value: true });
    const raised = onReading(smoke, undefined, at(0, { smoke: true }));
    const asEvent = ruleOf({ kind: 'event', code: 'smoke', eventType: 'smoke_alarm', clearAfterSeconds: 60 });
    const ticked = onTick(asEvent, raised.state, ms(100), ms(0));
    expect(ticked.transitions).toEqual([{ kind: 'clear', at: ms(60) }]);
    expect(ticked.state.condition).toEqual({ kind: 'event', lastAt: ms(0) });
  });
});
