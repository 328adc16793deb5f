/**
 * The clocks of proposal handling, counted in calendar days and months from the day of
 * assignment (交办), as the county's 提案办理 rules state them (decision 045): a misassigned
 * proposal goes back within 10 days; co-units send their opinions to the lead within 1 month;
 * the reply is due within 3 months, extendable with a reason to at most 6; a round of
 * re-handling after an unsatisfied feedback is due within 1 month. The server decides with these
 * and the admin shows each deadline with how it was computed.
 */
import type { Deadline } from './contracts/proposals.js';

export const RETURN_WINDOW_DAYS = 10;
export const OPINION_MONTHS = 1;
export const REPLY_MONTHS = 3;
export const REPLY_MAX_MONTHS = 6;
export const REHANDLING_MONTHS = 1;

const parse = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return { y, m, d };
};
const format = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The same day n months on; the month's last day when it has no such day (11-30 + 3 months → 02-28). */
export function addMonths(day: string, months: number): string {
  const { y, m, d } = parse(day);
  const index = y * 12 + (m - 1) + months;
  const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return format(year, month, Math.min(d, last));
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** What a deadline is counted from: one assignment of one round. */
export interface AssignmentClock {
  assignedOn: string | null;
  /** A later round handles again after 不满意 (its assignment names the one it re-handles). */
  rehandling: boolean;
  extendedUntil: string | null;
  extensionReason: string | null;
}

export function returnDeadline(a: AssignmentClock): Deadline | null {
  if (!a.assignedOn) return null;
  return {
    kind: 'return',
    from: a.assignedOn,
    amount: RETURN_WINDOW_DAYS,
    unit: 'days',
    due: addDays(a.assignedOn, RETURN_WINDOW_DAYS),
    extensionReason: null,
  };
}

export function opinionDeadline(a: AssignmentClock): Deadline | null {
  if (!a.assignedOn) return null;
  return {
    kind: 'opinion',
    from: a.assignedOn,
    amount: OPINION_MONTHS,
    unit: 'months',
    due: addMonths(a.assignedOn, OPINION_MONTHS),
    extensionReason: null,
  };
}

/** The reply's deadline: the extension's day when there is one, else 3 months (1 for a re-handling round). */
export function replyDeadline(a: AssignmentClock): Deadline | null {
  if (!a.assignedOn) return null;
  const amount = a.rehandling ? REHANDLING_MONTHS : REPLY_MONTHS;
  const kind = a.rehandling ? 'rehandling' : 'reply';
  const due = a.extendedUntil ?? addMonths(a.assignedOn, amount);
  return { kind, from: a.assignedOn, amount, unit: 'months', due, extensionReason: a.extensionReason };
}

/** The latest day an extension may reach: 6 months from assignment. */
export const latestReplyDay = (assignedOn: string) => addMonths(assignedOn, REPLY_MAX_MONTHS);
