import { describe, expect, it } from 'vitest';
import { alarmStatus, awaitsAcknowledgement } from '../../../../common/iot/rules.js';
import { applyAlarmAction, applyTransition, type Alarm, type AlarmActionResult, type AlarmUpdate } from './alarm-lifecycle.js';
import { ms } from './test-replay.js';

const duty = { userId: 7, name: '值班员' };
const raise = { kind: 'raise', at: ms(0), severity: 'critical', value: true, detail: '烟雾：是' } as const;

const opened = (): Alarm => alarmOf(applyTransition(null, raise));
function alarmOf(update: AlarmUpdate): Alarm {
  if (update.effect === 'none') throw new Error('no alarm');
  return update.alarm;
}
function accepted(result: AlarmActionResult): Alarm {
  if (!result.ok) throw new Error(result.refusal.message);
  return result.alarm;
}
const refusedWith = (result: AlarmActionResult) => (result.ok ? null : result.refusal.code);

describe('alarm transitions from the engine', () => {
  it('a raise opens an alarm, active and unacknowledged', () => {
    const update = applyTransition(null, raise);
    expect(update.effect).toBe('open');
    const alarm = alarmOf(update);
    expect(alarm).toMatchObject({
      severity: 'critical',
      raisedAt: ms(0),
      lastAt: ms(0),
      count: 1,
      value: true,
      conditionActive: true,
      flapping: false,
    });
    expect(alarmStatus(alarm)).toBe('active_unacknowledged');
  });

  it('a repeat counts on the same alarm and moves its last time', () => {
    const update = applyTransition(opened(), { kind: 'repeat', at: ms(30), value: true });
    expect(update.effect).toBe('update');
    expect(alarmOf(update)).toMatchObject({ count: 2, raisedAt: ms(0), lastAt: ms(30) });
  });

  it('never opens a second alarm while one is open: a raise on an open alarm counts as a repeat', () => {
    const update = applyTransition(opened(), { ...raise, at: ms(5) });
    expect(update.effect).toBe('update');
    expect(alarmOf(update).count).toBe(2);
  });

  it('a clear records when the condition went, and the alarm shows as cleared', () => {
    const cleared = alarmOf(applyTransition(opened(), { kind: 'clear', at: ms(60) }));
    expect(cleared).toMatchObject({ conditionActive: false, clearedAt: ms(60), clearedBy: null });
    expect(alarmStatus(cleared)).toBe('cleared');
    expect(applyTransition(cleared, { kind: 'clear', at: ms(70) })).toEqual({ effect: 'none' });
  });

  it('a raise after a clear opens a new alarm', () => {
    const cleared = alarmOf(applyTransition(opened(), { kind: 'clear', at: ms(60) }));
    const update = applyTransition(cleared, { ...raise, at: ms(90) });
    expect(update.effect).toBe('open');
    expect(alarmOf(update)).toMatchObject({ raisedAt: ms(90), count: 1 });
  });

  it('flapping on opens (or marks) the alarm as flapping; off unmarks it', () => {
    const flapping = { kind: 'flapping', at: ms(100), on: true, severity: 'critical', detail: '烟雾：是（抖动）' } as const;
    expect(alarmOf(applyTransition(null, flapping))).toMatchObject({ flapping: true, count: 1, severity: 'critical' });
    const marked = applyTransition(opened(), flapping);
    expect(marked.effect).toBe('update');
    expect(alarmOf(marked).flapping).toBe(true);
    expect(alarmOf(applyTransition(alarmOf(marked), { kind: 'flapping', at: ms(700), on: false })).flapping).toBe(false);
  });

  it('leaves a closed alarm and a missing one alone', () => {
    const closed = accepted(applyAlarmAction(alarmOf(applyTransition(opened(), { kind: 'clear', at: ms(1) })), 'close', duty, ms(2)));
    for (const t of [
      { kind: 'repeat', at: ms(3) },
      { kind: 'clear', at: ms(3) },
      { kind: 'flapping', at: ms(3), on: false },
    ] as const) {
      expect(applyTransition(closed, t)).toEqual({ effect: 'none' });
      expect(applyTransition(null, t)).toEqual({ effect: 'none' });
    }
  });
});

describe('what people do to an alarm', () => {
  it('acknowledge → clear → close, each recorded with who and when', () => {
    const acked = applyAlarmAction(opened(), 'acknowledge', duty, ms(10), '已通知物业');
    expect(acked).toMatchObject({ ok: true, record: { action: 'acknowledge', by: duty, at: ms(10), note: '已通知物业' } });
    const alarm = accepted(acked);
    expect(alarm).toMatchObject({ acknowledgedAt: ms(10), acknowledgedBy: 7 });
    expect(alarmStatus(alarm)).toBe('acknowledged');
    const cleared = accepted(applyAlarmAction(alarmOf(applyTransition(alarm, { kind: 'clear', at: ms(20) })), 'close', duty, ms(30)));
    expect(alarmStatus(cleared)).toBe('closed');
    expect(cleared).toMatchObject({ closedAt: ms(30), closedBy: 7, acknowledgedAt: ms(10) });
  });

  it('a cleared alarm nobody acknowledged still awaits acknowledgement, until someone does', () => {
    const cleared = alarmOf(applyTransition(opened(), { kind: 'clear', at: ms(20) }));
    expect([alarmStatus(cleared), awaitsAcknowledgement(cleared)]).toEqual(['cleared', true]);
    const seen = accepted(applyAlarmAction(cleared, 'acknowledge', duty, ms(40)));
    expect([alarmStatus(seen), awaitsAcknowledgement(seen)]).toEqual(['cleared', false]);
  });

  it('closing acknowledges an alarm nobody acknowledged', () => {
    const cleared = alarmOf(applyTransition(opened(), { kind: 'clear', at: ms(20) }));
    const closed = accepted(applyAlarmAction(cleared, 'close', duty, ms(50)));
    expect(closed).toMatchObject({ acknowledgedAt: ms(50), acknowledgedBy: 7, clearedAt: ms(20), clearedBy: null });
    expect(awaitsAcknowledgement(closed)).toBe(false);
  });

  it('refuses to acknowledge twice, or to clear what is cleared', () => {
    const acked = accepted(applyAlarmAction(opened(), 'acknowledge', duty, ms(10)));
    expect(refusedWith(applyAlarmAction(acked, 'acknowledge', duty, ms(11)))).toBe('ALREADY_ACKNOWLEDGED');
    const cleared = alarmOf(applyTransition(acked, { kind: 'clear', at: ms(20) }));
    expect(refusedWith(applyAlarmAction(cleared, 'clear', duty, ms(21), '误报'))).toBe('ALREADY_CLEARED');
  });

  it('needs a note to clear or close an alarm whose condition still holds, and records the person who cleared it', () => {
    const alarm = opened();
    for (const action of ['clear', 'close'] as const) {
      const refused = applyAlarmAction(alarm, action, duty, ms(10), '  ');
      expect(refused).toEqual({
        ok: false,
        refusal: { code: 'NOTE_REQUIRED', message: '告警条件仍然存在，解除或关闭须填写说明（例如 现场核实为误报）' },
      });
    }
    const cleared = accepted(applyAlarmAction(alarm, 'clear', duty, ms(10), '探测器故障，已报修'));
    expect(cleared).toMatchObject({ clearedAt: ms(10), clearedBy: 7, conditionActive: true });
    // The engine still sees the condition: its repeats count on the alarm without reopening it; its clear is noted.
    const repeated = alarmOf(applyTransition(cleared, { kind: 'repeat', at: ms(20) }));
    expect([alarmStatus(repeated), repeated.count]).toEqual(['cleared', 2]);
    expect(alarmOf(applyTransition(repeated, { kind: 'clear', at: ms(30) }))).toMatchObject({ conditionActive: false, clearedAt: ms(10) });
    expect(accepted(applyAlarmAction(alarm, 'close', duty, ms(10), '现场核实为误报')).closedAt).toBe(ms(10));
  });

  it('refuses everything but a note on a closed alarm', () => {
    const closed = accepted(applyAlarmAction(opened(), 'close', duty, ms(10), '误报'));
    for (const action of ['acknowledge', 'clear', 'close'] as const)
      expect(refusedWith(applyAlarmAction(closed, action, duty, ms(11), '再试'))).toBe('ALARM_CLOSED');
    const noted = applyAlarmAction(closed, 'note', duty, ms(12), '复盘：线路老化');
    expect(noted).toEqual({ ok: true, alarm: closed, record: { action: 'note', by: duty, at: ms(12), note: '复盘：线路老化' } });
  });

  it('a note needs words', () => {
    expect(refusedWith(applyAlarmAction(opened(), 'note', duty, ms(1)))).toBe('NOTE_REQUIRED');
    expect(refusedWith(applyAlarmAction(opened(), 'note', duty, ms(1), '   '))).toBe('NOTE_REQUIRED');
  });
});
