import type { CaseStatus } from './enums.js';

/**
 * The one reading of a case's clock (红黄绿灯) for the server, the admin and the H5: its colour,
 * the words beside it and the share of the promise used all come from here, so they can never
 * disagree ("即将超时 · 已用185%" beside "已超3天" was three rules answering apart; issue 9).
 * The time arithmetic is the server's calendar (server/domains/cases/clocks.ts): working time,
 * or real time for a calendar_hours category (decision 037); this takes its results and decides. The workbench's red and yellow filters (cases.repository.ts)
 * state the same conditions in SQL over the same columns.
 */

/** Yellow (即将超时) from 80 % of the promise's time: docs/decisions/007-case-clocks.md. */
export const WARN_FRACTION = 0.8;

/**
 * The promise to the reporter (办结时限, counted from 受理) bounds the case until the unit reports
 * it handled; after that the desk's own step limits (核查, 结案) are all that run.
 */
export const PROMISE_STATUSES: readonly CaseStatus[] = ['accepted', 'registered', 'dispatched', 'in_progress'];

/** What the minutes count: office time on the working calendar, or real time (a calendar_hours limit). */
export type ClockBasis = 'working' | 'calendar';

export interface ClockFacts {
  /** Whether any clock runs: false for a case that is over. */
  open: boolean;
  /** 挂账: every clock stopped. */
  paused: boolean;
  /** Minutes past the earliest running deadline (next_deadline_at); ≤ 0 before it, null when none runs. */
  pastDeadline: number | null;
  /** The promise in minutes, while it bounds the case (PROMISE_STATUSES); null otherwise. */
  promise: { allowed: number; used: number } | null;
  /** What every figure here counts. */
  basis: ClockBasis;
  /** Minutes in a day on that basis: a working day of the calendar (7 × 60 by default), or 24 × 60. */
  dayMinutes: number;
}

export type ClockColour = 'red' | 'yellow' | 'green' | 'none';
export type ClockState = 'overdue' | 'nearly_due' | 'on_time' | 'paused' | 'stopped';

export interface ClockReading {
  colour: ClockColour;
  state: ClockState;
  /** Whole percent of the promise used, shown only while it is not broken (0–99); null otherwise. */
  percent: number | null;
  /**
   * How late, for 已超时 N 个工作日 (or N 个工作小时 under a day), or on the calendar basis
   * 已超时 N 天 (N 小时); null unless overdue.
   */
  overdue: { days: number; hours: number; basis: ClockBasis } | null;
}

const STOPPED: ClockReading = { colour: 'none', state: 'stopped', percent: null, overdue: null };

/** Red when any deadline that binds the case has passed; yellow from 80 % of the promise; green otherwise. */
export function readClock(f: ClockFacts): ClockReading {
  if (!f.open) return STOPPED;
  if (f.paused) return { colour: 'none', state: 'paused', percent: null, overdue: null };
  const promiseOver = f.promise ? f.promise.used - f.promise.allowed : null;
  const over = Math.max(f.pastDeadline ?? -Infinity, promiseOver ?? -Infinity);
  if (over >= 0) {
    const minutes = Math.max(over, 1);
    return {
      colour: 'red',
      state: 'overdue',
      percent: null,
      overdue: { days: Math.floor(minutes / f.dayMinutes), hours: Math.ceil(minutes / 60), basis: f.basis },
    };
  }
  if (!f.promise) return f.pastDeadline === null ? STOPPED : { colour: 'green', state: 'on_time', percent: null, overdue: null };
  const share = f.promise.allowed > 0 ? f.promise.used / f.promise.allowed : 1;
  // Floor, so the figure shown never reaches the threshold before the colour does (79.9 % is 79, green).
  const percent = Math.min(99, Math.floor(share * 100));
  return share >= WARN_FRACTION
    ? { colour: 'yellow', state: 'nearly_due', percent, overdue: null }
    : { colour: 'green', state: 'on_time', percent, overdue: null };
}
