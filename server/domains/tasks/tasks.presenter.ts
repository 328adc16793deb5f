import type { TaskItem, TaskReportItem, TaskUnitItem } from '../../../common/contracts/tasks.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import type { TaskActionRow, TaskReportRow, TaskRow, TaskUnitRow } from './tasks.repository.js';
import { reportState, taskStatus, type FiledReport, type TaskDates } from './task-status.js';

/** A task's dates as the status rules read them (task-status.ts). */
export const datesOf = (t: TaskRow): TaskDates => ({
  deadline: t.deadline,
  ongoing: t.ongoing,
  completedOn: t.completed_on,
  startsOn: t.starts_on,
  since: t.list_issued_on,
});

export const filed = (r: TaskReportRow): FiledReport => ({ month: r.month, filedOn: localDateOf(r.submitted_at) });

const unitName = (u: TaskUnitRow) => u.name ?? u.printed_name;

export function presentUnit(u: TaskUnitRow): TaskUnitItem {
  return {
    id: u.id,
    role: u.role,
    printedName: u.printed_name,
    name: u.name,
    orgUnitId: u.org_unit_id,
    regionId: u.region_id,
    resolved: u.org_unit_id !== null || u.region_id !== null,
  };
}

/**
 * A task with its computed status. `units` are the task's, `reports` those of its units (newest
 * first). Only resolved lead units are asked to report: an unresolved name has no account to file
 * with, and is named among the reasons instead.
 */
export function presentTask(t: TaskRow, units: TaskUnitRow[], reports: TaskReportRow[], today: string): TaskItem {
  const leads = units.filter((u) => u.role === 'lead');
  const resolved = (u: TaskUnitRow) => u.org_unit_id !== null || u.region_id !== null;
  const reporting = leads
    .filter(resolved)
    .map((u) => ({ name: unitName(u), reports: reports.filter((r) => r.task_unit_id === u.id).map(filed) }));
  const unmatched = leads.filter((u) => !resolved(u)).map((u) => u.printed_name);
  const computed = taskStatus(datesOf(t), reporting, today, unmatched);
  const leadIds = new Set(leads.map((u) => u.id));
  return {
    id: t.id,
    listId: t.list_id,
    listTitle: t.list_title,
    seq: t.seq,
    category: t.category,
    task: t.task,
    requirement: t.requirement,
    deadline: t.deadline,
    ongoing: t.ongoing,
    deadlineText: t.deadline_text,
    startsOn: t.starts_on,
    completedOn: t.completed_on,
    ...computed,
    lead: leads.map(unitName),
    co: units.filter((u) => u.role === 'co').map(unitName),
    latestProgress: reports.find((r) => leadIds.has(r.task_unit_id))?.text ?? null,
  };
}

export function presentReport(
  r: TaskReportRow,
  files: { id: number; report_id: number; file_name: string; size: number }[],
  today: string,
): TaskReportItem {
  return {
    id: r.id,
    unitId: r.task_unit_id,
    month: r.month.slice(0, 7),
    text: r.text,
    figures: r.figures,
    submittedBy: r.submitted_by_name,
    submittedAt: r.submitted_at.toISOString(),
    state: reportState(r.month, filed(r), today),
    files: files.filter((f) => f.report_id === r.id).map((f) => ({ id: f.id, fileName: f.file_name, size: f.size })),
  };
}

/** A 催办/督办 line: what was sent, to which unit (null: all of the task's), by whom and when. */
export function presentAction(a: TaskActionRow) {
  return {
    id: a.id,
    kind: a.kind,
    unitName: a.unit_name,
    text: a.text,
    respondBy: a.respond_by,
    by: a.by_name,
    at: a.created_at.toISOString(),
  };
}
