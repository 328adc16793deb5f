import type { CaseAction, CaseStatus } from '../../../common/enums.js';
import { PROMISE_STATUSES, readClock, WARN_FRACTION, type ClockColour, type ClockFacts } from '../../../common/case-clock.js';
import { basisOf, type SlaUnit, type TimeBasis, type WorkingCalendar } from '../../platform/calendar/working-calendar.js';

/**
 * The clocks of a case (docs/decisions/007-case-clocks.md). A case has one promise, due_at: the
 * category's limit counted from acceptance on the working-day calendar (or, for a calendar_hours
 * category such as a fire alarm, in real hours round the clock: decision 037), with warn_at where
 * 80% of it is used. Each step also has its own limit (accept, dispatch, sign, handle, verify, close);
 * next_deadline_at is whichever of the two runs out first while the promise still applies, and
 * is what the supervision sweep and the overdue list read, through one index.
 */
export const STEP_LIMITS = {
  acceptHours: 2, // 受理: the desk answers a report within two working hours
  dispatchHours: 2, // 派遣 after acceptance
  verifyDays: 1, // 核查 after the unit reports it handled
  closeDays: 1, // 结案 after verification
} as const;
export { WARN_FRACTION };

export interface CaseClocks {
  due_at: Date | null;
  warn_at: Date | null;
  step: string;
  step_due_at: Date | null;
  next_deadline_at: Date | null;
  paused_at: Date | null;
  supervision_level: number;
  escalate_at: Date | null;
}

export interface ClockCase {
  due_at: Date | null;
  warn_at: Date | null;
  step: string;
  step_due_at: Date | null;
  paused_at: Date | null;
  accepted_at: Date | null;
  dispatched_at: Date | null;
  supervision_level: number;
  escalate_at: Date | null;
}

export interface CategoryLimits {
  sla_amount: number;
  sla_unit: SlaUnit;
  sign_limit_hours: number;
}

/** The clocks of a case just reported in a category of limit `slaUnit` (受理 counted as its promise is). */
export function clocksAtReport(calendar: WorkingCalendar, at: Date, slaUnit: SlaUnit): CaseClocks {
  const stepDue = calendar.addHours(at, STEP_LIMITS.acceptHours, basisOf(slaUnit));
  return {
    due_at: null,
    warn_at: null,
    step: 'accept',
    step_due_at: stepDue,
    next_deadline_at: stepDue,
    paused_at: null,
    supervision_level: 0,
    escalate_at: null,
  };
}

/**
 * The clocks after an action at `now`, or null when the action leaves them as they were.
 * `extensionDays` is the approved extension; `reopened` says a 不满意 verdict sent the case back.
 */
export function clocksAfter(
  calendar: WorkingCalendar,
  c: ClockCase,
  category: CategoryLimits,
  action: CaseAction,
  now: Date,
  opts: { extensionDays?: number; suspension?: boolean; reopened?: boolean } = {},
): Partial<CaseClocks> | null {
  const promise = (from: Date) => calendar.deadline(from, category.sla_amount, category.sla_unit);
  // A calendar_hours promise is counted in real time, and so are its warning point, a pause's
  // shift and the desk's hour limits (派遣, 签收): a fire's case must not wait for Monday to be
  // signed for. The day limits of 核查 and 结案 stay on the working calendar (decision 037).
  const basis = basisOf(category.sla_unit);
  const hours = (from: Date, amount: number) => calendar.addHours(from, amount, basis);
  // The promise bounds a step only while it still stands: once broken (and counted against the
  // unit), the step's own limit is what the unit is held to, or every new step would be born red.
  const step = (name: string, due: Date | null, dueAt = c.due_at): Partial<CaseClocks> => ({
    step: name,
    step_due_at: due,
    next_deadline_at: earliest(due, name === 'verify' || name === 'close' || !dueAt || dueAt <= now ? null : dueAt),
    // A new step starts a new supervision round.
    supervision_level: 0,
    escalate_at: null,
  });
  switch (action) {
    case 'accept': {
      const due = promise(now);
      return {
        due_at: due,
        warn_at: calendar.warnAt(now, due, WARN_FRACTION, basis),
        ...step('dispatch', hours(now, STEP_LIMITS.dispatchHours), due),
      };
    }
    case 'dispatch':
    case 'transfer':
      return step('sign', hours(now, category.sign_limit_hours));
    case 'sign':
      // The unit's own handling time runs from dispatch, so a slow desk does not eat it.
      return step('handle', promise(c.dispatched_at ?? now));
    case 'return':
      return step('dispatch', hours(now, STEP_LIMITS.dispatchHours));
    case 'handle':
      return step('verify', calendar.addWorkingDays(now, STEP_LIMITS.verifyDays));
    case 'verify':
      return step('close', calendar.addWorkingDays(now, STEP_LIMITS.closeDays));
    case 'verify_fail': {
      // Back to the unit: its handling limit stands, but never less than a working day from now.
      const floor = calendar.addWorkingDays(now, 1);
      return step('handle', c.due_at && c.due_at > floor ? c.due_at : floor);
    }
    case 'reject':
    case 'merge':
      // No clock runs on a case that is over, or lives on in another.
      return { step: 'done', step_due_at: null, next_deadline_at: null, supervision_level: 0, escalate_at: null };
    case 'close':
      return { step: 'evaluate', step_due_at: null, next_deadline_at: null, supervision_level: 0, escalate_at: null };
    case 'evaluate': {
      if (!opts.reopened) return { step: 'done', step_due_at: null, next_deadline_at: null };
      const due = promise(now);
      return {
        due_at: due,
        warn_at: calendar.warnAt(now, due, WARN_FRACTION, basis),
        ...step('sign', hours(now, category.sign_limit_hours), due),
      };
    }
    case 'approve_request': {
      if (opts.suspension) return { paused_at: now, next_deadline_at: null, supervision_level: 0, escalate_at: null };
      const days = opts.extensionDays ?? 0;
      const due = c.due_at ? calendar.addWorkingDays(c.due_at, days) : null;
      const stepDue = c.step_due_at ? calendar.addWorkingDays(c.step_due_at, days) : null;
      return {
        due_at: due,
        warn_at: due && c.accepted_at ? calendar.warnAt(c.accepted_at, due, WARN_FRACTION, basis) : c.warn_at,
        step_due_at: stepDue,
        next_deadline_at: earliest(stepDue, due),
        supervision_level: 0,
        escalate_at: null,
      };
    }
    case 'resume': {
      // 挂账 stops every clock: the time spent suspended (working time, or real time for a
      // calendar_hours promise) is added back to each.
      const pausedAt = c.paused_at ?? now;
      const shift = (d: Date | null) => (d ? calendar.extendByPause(d, pausedAt, now, basis) : null);
      const due = shift(c.due_at);
      const stepDue = shift(c.step_due_at);
      return { due_at: due, warn_at: shift(c.warn_at), step_due_at: stepDue, next_deadline_at: earliest(stepDue, due), paused_at: null };
    }
    default:
      return null;
  }
}

/**
 * What common/case-clock.ts needs to read a case's clock at `now`, counted as its category's
 * limit is: office minutes on the working calendar, or real minutes for calendar_hours.
 */
export function clockFacts(
  c: {
    open: boolean;
    status: string;
    paused_at: Date | null;
    next_deadline_at: Date | null;
    warn_at: Date | null;
    due_at: Date | null;
    sla_unit: SlaUnit;
  },
  now: Date,
  calendar: WorkingCalendar,
): ClockFacts {
  const basis = basisOf(c.sla_unit);
  const promiseRuns = c.warn_at !== null && c.due_at !== null && PROMISE_STATUSES.includes(c.status as CaseStatus);
  return {
    open: c.open,
    paused: c.paused_at !== null,
    pastDeadline: c.next_deadline_at ? signedMinutes(calendar, basis, c.next_deadline_at, now) : null,
    promise: promiseRuns ? promiseMinutes(calendar, basis, c.warn_at!, c.due_at!, now) : null,
    basis,
    dayMinutes: basis === 'calendar' ? 24 * 60 : calendar.workingDayMinutes,
  };
}

/**
 * Minutes on `basis` from a deadline to now: ≥ 0 once the instant has passed (a deadline passed
 * after hours is 0 working minutes late, and late), < 0 before it even when no office time lies
 * between, so the reading agrees with the SQL's `deadline <= now` to the instant.
 */
function signedMinutes(calendar: WorkingCalendar, basis: TimeBasis, deadline: Date, now: Date): number {
  if (now >= deadline) return calendar.minutesBetween(deadline, now, basis);
  return -Math.max(calendar.minutesBetween(now, deadline, basis), BEFORE);
}
const BEFORE = 1e-6;

/**
 * The promise's minutes allowed and used (working, or real for calendar_hours), read from the two columns the workbench's SQL
 * filters on: warn_at lies at 80 % of the window and due_at at its end, so the window is five
 * times the time between them. Its start is not accepted_at for a reopened case (不满意 starts a
 * new promise), and the columns know that. Which side of each mark `now` lies on is decided by
 * the instant, as the SQL does, so sub-minute rounding never colours a case apart from its filter.
 */
function promiseMinutes(calendar: WorkingCalendar, basis: TimeBasis, warnAt: Date, dueAt: Date, now: Date) {
  const allowed = calendar.minutesBetween(warnAt, dueAt, basis) / (1 - WARN_FRACTION);
  const used = allowed + signedMinutes(calendar, basis, dueAt, now);
  const mark = WARN_FRACTION * allowed;
  return { allowed, used: now >= warnAt ? Math.max(used, mark) : Math.min(used, mark - BEFORE) };
}

/** The colour of a case's clock, as common/case-clock.ts reads it. */
export const clockColour = (c: Parameters<typeof clockFacts>[0], now: Date, calendar: WorkingCalendar): ClockColour =>
  readClock(clockFacts(c, now, calendar)).colour;

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}
