import type { ReportState, TaskStatus } from '../../../common/contracts/tasks.js';

/**
 * A task's status and its units' monthly reports, computed from the dates whenever they are read
 * (docs/decisions/044): nothing here is stored, so nothing goes stale overnight.
 *
 * The reporting window: each responsible unit reports by the 8th of each month on the month
 * before (平政办字〔2023〕7号 四（四）: 每月8日前汇总整理上月…情况); co-units report to the lead unit,
 * the lead's report is the consolidated one the office reads.
 */
export const REPORT_DAY = 8;
/** A deadline this many days away or less turns a task yellow (临期). */
export const WARN_DAYS = 15;

export interface FiledReport {
  /** The month reported on, its first day: 2023-08-01. */
  month: string;
  /** The local day it was filed. */
  filedOn: string;
}

export interface ReportingUnit {
  name: string;
  reports: FiledReport[];
}

export interface TaskDates {
  deadline: string | null;
  ongoing: boolean;
  completedOn: string | null;
  startsOn: string | null;
  /** The local day the task came in (its list's 成文日期, or the day it was entered). */
  since: string;
}

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
/** The day a month's report is due: the 8th of the month after. */
export const dueOf = (month: string) => `${addMonths(month, 1).slice(0, 8)}${String(REPORT_DAY).padStart(2, '0')}`;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * The months a unit of this task reports on, up to `today`: from the first whole month after the
 * task came in (a list issued on 28 July reports on August, by 8 September) or the month its phase
 * starts, to the month just ended, and no further than the month it was done in.
 */
export function reportMonths(task: TaskDates, today: string): string[] {
  const first = task.startsOn && task.startsOn > task.since ? monthOf(task.startsOn) : addMonths(monthOf(task.since), 1);
  let last = addMonths(monthOf(today), -1);
  if (task.completedOn && monthOf(task.completedOn) < last) last = monthOf(task.completedOn);
  const months: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) months.push(m);
  return months;
}

/**
 * The months a unit may file: those asked for, and also the month the task came in and the
 * running month, so a unit can report work done before its first window or ahead of the next.
 */
export function fileableMonths(task: TaskDates, today: string): string[] {
  const months: string[] = [];
  const from = monthOf(task.startsOn && task.startsOn > task.since ? task.startsOn : task.since);
  for (let m = from; m <= monthOf(today); m = addMonths(m, 1)) months.push(m);
  return months;
}

export function reportState(month: string, filed: FiledReport | undefined, today: string): ReportState {
  const due = dueOf(month);
  if (filed) return filed.filedOn <= due ? 'on_time' : 'late';
  return today > due ? 'missing' : 'open';
}

export interface ComputedStatus {
  status: TaskStatus;
  warning: 'yellow' | 'red' | null;
  reasons: string[];
}

const monthWords = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

/**
 * A task's status for the office, from its dates and its lead units' reports. `unmatchedLeads`
 * are lead units printed but resolved to no unit: nobody can file for them, which the office is
 * told (yellow). A task with no units at all (a plan's phase) is followed by its dates alone.
 */
export function taskStatus(task: TaskDates, leads: ReportingUnit[], today: string, unmatchedLeads: string[] = []): ComputedStatus {
  if (task.completedOn) return { status: 'done', warning: null, reasons: [] };
  const reasons: string[] = [];
  if (unmatchedLeads.length) reasons.push(`牵头单位未匹配到系统中的单位，无法填报：${unmatchedLeads.join('、')}`);
  // The last month whose window has closed: a lead that has not filed it is 缺报.
  const closed = reportMonths(task, today).filter((m) => dueOf(m) < today);
  const lastClosed = closed.at(-1);
  const missing = lastClosed ? leads.filter((u) => !u.reports.some((r) => r.month === lastClosed)).map((u) => u.name) : [];
  if (lastClosed && missing.length) {
    const names = missing.length > 3 ? `${missing.slice(0, 3).join('、')}等 ${missing.length} 个单位` : missing.join('、');
    reasons.push(`${names}未报${monthWords(lastClosed)}进展`);
  }
  if (task.deadline && today > task.deadline) {
    return { status: 'overdue', warning: 'red', reasons: [`已超过完成时限 ${daysBetween(task.deadline, today)} 天`, ...reasons] };
  }
  if (task.ongoing) return { status: 'ongoing', warning: reasons.length ? 'yellow' : null, reasons };
  if (task.deadline && daysBetween(today, task.deadline) <= WARN_DAYS) {
    reasons.unshift(`距完成时限 ${daysBetween(today, task.deadline)} 天`);
  }
  if (reasons.length) return { status: 'at_risk', warning: 'yellow', reasons };
  const started = !task.startsOn || task.startsOn <= today;
  const underway = leads.length === 0 || leads.some((u) => u.reports.length > 0);
  return { status: started && underway ? 'on_track' : 'not_started', warning: null, reasons };
}

// ── 考核 ────────────────────────────────────────────────────────────────────

export interface UnitTaskRecord {
  task: TaskDates;
  reports: FiledReport[];
}

export interface UnitScore {
  reportsDue: number;
  onTime: number;
  late: number;
  missing: number;
  tasksDue: number;
  doneOnTime: number;
  doneLate: number;
  timeliness: number;
  completion: number;
  score: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A unit's score over its tasks up to `until` (decision 044): timeliness = the share of monthly
 * reports due that were filed, a late one counting half; completion = the share of tasks due by
 * then that were done, done after the deadline counting half; score = 40% timeliness + 60%
 * completion, out of 100. Nothing due counts as full marks: a unit is not marked down for a
 * period that asked nothing of it.
 */
export function unitScore(records: UnitTaskRecord[], until: string): UnitScore {
  // A report due on `until` is still in time that day: count windows closed before the next day.
  const dayAfter = new Date(Date.parse(until) + 86_400_000).toISOString().slice(0, 10);
  let reportsDue = 0,
    onTime = 0,
    late = 0,
    tasksDue = 0,
    doneOnTime = 0,
    doneLate = 0;
  for (const { task, reports } of records) {
    for (const month of reportMonths(task, dayAfter).filter((m) => dueOf(m) <= until)) {
      reportsDue++;
      const filed = reports.find((r) => r.month === month && r.filedOn <= until);
      if (filed && filed.filedOn <= dueOf(month)) onTime++;
      else if (filed) late++;
    }
    if (task.deadline && !task.ongoing && task.deadline <= until) {
      tasksDue++;
      const done = task.completedOn && task.completedOn <= until ? task.completedOn : null;
      if (done && done <= task.deadline) doneOnTime++;
      else if (done) doneLate++;
    }
  }
  const timeliness = reportsDue ? (100 * (onTime + late / 2)) / reportsDue : 100;
  const completion = tasksDue ? (100 * (doneOnTime + doneLate / 2)) / tasksDue : 100;
  return {
    reportsDue,
    onTime,
    late,
    missing: reportsDue - onTime - late,
    tasksDue,
    doneOnTime,
    doneLate,
    timeliness: round1(timeliness),
    completion: round1(completion),
    score: round1(0.4 * timeliness + 0.6 * completion),
  };
}
