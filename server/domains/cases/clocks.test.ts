import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import { clockColour, clockFacts, clocksAfter, clocksAtReport, type ClockCase } from './clocks.js';
import { readClock } from '../../../common/case-clock.js';

/** Clocks across the calendar: 2025 国庆 (Oct 1–8 off, Sat Oct 11 worked) is the hard case. */
const calendar = new WorkingCalendar();
const at = (s: string) => new Date(s);
const threeDays = { sla_amount: 3, sla_unit: 'working_days' as const, sign_limit_hours: 1 };
const base: ClockCase = {
  due_at: null,
  warn_at: null,
  step: 'accept',
  step_due_at: null,
  paused_at: null,
  accepted_at: null,
  dispatched_at: null,
  supervision_level: 0,
  escalate_at: null,
};
/** A case at the 处置 step, accepted at `acceptedAt`, its promise and its step both due at `due`. */
const handling = (due: string, acceptedAt: string, extra: Partial<ClockCase> = {}): ClockCase => ({
  ...base,
  step: 'handle',
  due_at: at(due),
  step_due_at: at(due),
  accepted_at: at(acceptedAt),
  ...extra,
});

describe('case clocks', () => {
  it('gives a report two working hours to be accepted, across lunch', () => {
    const c = clocksAtReport(calendar, at('2025-09-26T11:30:00+08:00'), 'working_days');
    expect(c.step_due_at).toEqual(at('2025-09-26T14:30:00+08:00'));
    expect(c.next_deadline_at).toEqual(c.step_due_at);
  });

  it('sets the promise from acceptance across 国庆 and counts the make-up Saturday', () => {
    const now = at('2025-09-30T10:00:00+08:00');
    const c = clocksAfter(calendar, base, threeDays, 'accept', now)!;
    // Not counted: Sep 30 itself. Working days after it: Sep 28 is before; Oct 9, 10, 11 (Saturday, 调休).
    expect(c.due_at).toEqual(at('2025-10-11T17:00:00+08:00'));
    expect(c.warn_at!.getTime()).toBeLessThan(c.due_at!.getTime());
    expect(c.step).toBe('dispatch');
  });

  it('stops every clock while suspended and adds back only working time on resume', () => {
    const c = handling('2025-09-30T17:00:00+08:00', '2025-09-26T09:00:00+08:00', { warn_at: at('2025-09-30T10:00:00+08:00') });
    const paused = clocksAfter(calendar, c, threeDays, 'approve_request', at('2025-09-30T16:00:00+08:00'), { suspension: true })!;
    expect(paused).toMatchObject({ next_deadline_at: null });
    // Paused Tue 16:00 → resumed Thu Oct 9 10:00: one hour of Sep 30 plus one of Oct 9 lost.
    const resumed = clocksAfter(calendar, { ...c, paused_at: paused.paused_at! }, threeDays, 'resume', at('2025-10-09T10:00:00+08:00'))!;
    expect(resumed.due_at).toEqual(at('2025-10-09T11:00:00+08:00'));
  });

  it('extends by approved working days', () => {
    const c = handling('2025-09-26T17:00:00+08:00', '2025-09-23T09:00:00+08:00');
    const extended = clocksAfter(calendar, c, threeDays, 'approve_request', at('2025-09-25T09:00:00+08:00'), { extensionDays: 2 })!;
    // Fri Sep 26 + 2 working days: Sun Sep 28 (调休) and Mon Sep 29.
    expect(extended.due_at).toEqual(at('2025-09-29T17:00:00+08:00'));
  });

  it('stops the clocks of a rejected or merged case', () => {
    for (const action of ['reject', 'merge'] as const) {
      expect(
        clocksAfter(
          calendar,
          { ...base, step_due_at: at('2025-09-26T11:00:00+08:00') },
          threeDays,
          action,
          at('2025-09-26T10:00:00+08:00'),
        ),
      ).toMatchObject({ step: 'done', next_deadline_at: null });
    }
  });

  it('holds a unit to its own step once the promise is already broken, not born red', () => {
    const broken: ClockCase = {
      ...base,
      step: 'sign',
      due_at: at('2025-09-24T17:00:00+08:00'),
      accepted_at: at('2025-09-19T09:00:00+08:00'),
      dispatched_at: at('2025-09-25T09:00:00+08:00'),
    };
    const now = at('2025-09-25T10:00:00+08:00');
    const signed = clocksAfter(calendar, broken, threeDays, 'sign', now)!;
    expect(signed.next_deadline_at!.getTime()).toBeGreaterThan(now.getTime());
    const failed = clocksAfter(calendar, { ...broken, step: 'verify' }, threeDays, 'verify_fail', now)!;
    expect(failed.next_deadline_at).toEqual(at('2025-09-26T17:00:00+08:00')); // at least a working day
    // While the promise stands it still bounds the step.
    const standing = clocksAfter(calendar, { ...broken, due_at: at('2025-09-25T15:00:00+08:00') }, threeDays, 'sign', now)!;
    expect(standing.next_deadline_at).toEqual(at('2025-09-25T15:00:00+08:00'));
  });

  it('reads yellow exactly from warn_at, the column the workbench filters on, and red from the deadline', () => {
    const acceptedAt = at('2025-09-22T09:00:00+08:00');
    const due = calendar.deadline(acceptedAt, 3, 'working_days');
    const warn = calendar.warnAt(acceptedAt, due, 0.8, 'working');
    const c = {
      open: true,
      status: 'in_progress',
      paused_at: null,
      next_deadline_at: due,
      warn_at: warn,
      due_at: due,
      sla_unit: 'working_days' as const,
    };
    const just = (d: Date, ms: number) => new Date(d.getTime() + ms);
    expect(clockColour(c, just(warn, -60_000), calendar)).toBe('green');
    expect(clockColour(c, warn, calendar)).toBe('yellow');
    expect(clockColour(c, just(due, -60_000), calendar)).toBe('yellow');
    expect(clockColour(c, due, calendar)).toBe('red');
    // Past the deadline after hours: red, 0 working minutes late counted as late.
    expect(clockColour(c, just(due, 3_600_000), calendar)).toBe('red');
    expect(clockColour({ ...c, paused_at: warn }, due, calendar)).toBe('none');
    expect(clockColour({ ...c, open: false }, due, calendar)).toBe('none');
  });

  it('is red when the promise is broken though the step has time, and not about the promise once handled', () => {
    const acceptedAt = at('2025-09-22T09:00:00+08:00');
    const due = calendar.deadline(acceptedAt, 1, 'working_days');
    const later = at('2025-09-26T10:00:00+08:00');
    const c = {
      open: true,
      status: 'dispatched',
      paused_at: null,
      next_deadline_at: at('2025-09-26T11:00:00+08:00'),
      warn_at: calendar.warnAt(acceptedAt, due, 0.8, 'working'),
      due_at: due,
      sla_unit: 'working_days' as const,
    };
    const facts = clockFacts(c, later, calendar);
    expect(clockColour(c, later, calendar)).toBe('red');
    expect(facts.promise!.used - facts.promise!.allowed).toBe(2 * 420 + 60); // 23rd 17:00 → 26th 10:00: the 24th, the 25th and an hour
    expect(clockColour({ ...c, status: 'handled' }, later, calendar)).toBe('green');
  });
});

describe('case clocks of a calendar_hours category: real hours, any day (decision 037)', () => {
  // A fire alarm's case, opened by the platform on a Saturday evening of 国庆 2026 (Oct 1–7 off):
  // accepted and dispatched at the same instant, as openDispatchedCase does.
  const fire = { sla_amount: 1, sla_unit: 'calendar_hours' as const, sign_limit_hours: 1 };
  const dispatchedAt = at('2026-10-03T19:59:00+08:00');
  const beijing = (d: Date | null | undefined) => d && new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

  it('is due an hour after dispatch, warns at 48 minutes, and the desk steps run in real hours too', () => {
    const accepted = clocksAfter(calendar, base, fire, 'accept', dispatchedAt)!;
    expect(beijing(accepted.due_at)).toBe('2026-10-03T20:59');
    expect(beijing(accepted.warn_at)).toBe('2026-10-03T20:47');
    expect(beijing(accepted.step_due_at)).toBe('2026-10-03T21:59'); // 派遣 within two real hours
    expect(accepted.next_deadline_at).toEqual(accepted.due_at);
    const c: ClockCase = { ...base, ...accepted, accepted_at: dispatchedAt, dispatched_at: dispatchedAt };
    const dispatched = clocksAfter(calendar, c, fire, 'dispatch', dispatchedAt)!;
    expect(beijing(dispatched.step_due_at)).toBe('2026-10-03T20:59'); // 签收 within one real hour
    const signed = clocksAfter(calendar, { ...c, step: 'sign' }, fire, 'sign', at('2026-10-03T20:05:00+08:00'))!;
    expect(beijing(signed.step_due_at)).toBe('2026-10-03T20:59'); // 处置 from dispatch, not from signing
    expect(beijing(clocksAtReport(calendar, dispatchedAt, 'calendar_hours').step_due_at)).toBe('2026-10-03T21:59');
  });

  it('reads green, yellow and red on real minutes, and says how late in hours, not 工作小时', () => {
    const c = {
      open: true,
      status: 'in_progress',
      paused_at: null,
      next_deadline_at: at('2026-10-03T20:59:00+08:00'),
      warn_at: at('2026-10-03T20:47:00+08:00'),
      due_at: at('2026-10-03T20:59:00+08:00'),
      sla_unit: 'calendar_hours' as const,
    };
    const read = (when: string) => readClock(clockFacts(c, at(`2026-10-03T${when}:00+08:00`), calendar));
    expect(read('20:29')).toEqual({ colour: 'green', state: 'on_time', percent: 50, overdue: null });
    expect(read('20:47')).toEqual({ colour: 'yellow', state: 'nearly_due', percent: 80, overdue: null });
    expect(read('22:59')).toEqual({ colour: 'red', state: 'overdue', percent: null, overdue: { days: 0, hours: 2, basis: 'calendar' } });
  });

  it('adds the real time of a suspension back on resume, holiday or not', () => {
    const c: ClockCase = {
      ...base,
      step: 'handle',
      due_at: at('2026-10-03T20:59:00+08:00'),
      warn_at: at('2026-10-03T20:47:00+08:00'),
      step_due_at: at('2026-10-03T20:59:00+08:00'),
      accepted_at: dispatchedAt,
      dispatched_at: dispatchedAt,
      paused_at: at('2026-10-03T20:00:00+08:00'),
    };
    const resumed = clocksAfter(calendar, c, fire, 'resume', at('2026-10-03T20:30:00+08:00'))!;
    expect(beijing(resumed.due_at)).toBe('2026-10-03T21:29');
    expect(beijing(resumed.warn_at)).toBe('2026-10-03T21:17');
  });
});
