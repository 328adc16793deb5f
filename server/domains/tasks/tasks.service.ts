import type {
  TaskActionLogItem,
  TaskActionQuery,
  TaskDetail,
  TaskItem,
  TaskListItem,
  TaskQuery,
  TaskStatus,
} from '../../../common/contracts/tasks.js';
import { TASK_STATUSES } from '../../../common/contracts/tasks.js';
import type { Page } from '../../../common/contracts/shared.js';
import type { AuditEntry } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import { isOwnUnit, taskAudience, type TaskAudience } from './task-access.js';
import type { TasksRepository } from './tasks.repository.js';
import { datesOf, filed, presentAction, presentReport, presentTask, presentUnit } from './tasks.presenter.js';
import { dueOf, fileableMonths, reportMonths, reportState } from './task-status.js';

/** What the task services need: the repository, the leaders' units, the assignable units, the audit log and a transaction. */
export interface TasksDeps {
  tasks: TasksRepository;
  leaders(): Promise<{ id: number; name: string; units: { id: number; name: string }[] }[]>;
  assignees(): Promise<{ units: { id: number; name: string }[]; towns: { id: number; name: string }[] }>;
  /** A major decision's title (disclosure domain), or undefined: what a spawned list follows up. */
  decisionTitle(id: number): Promise<string | undefined>;
  audit(entry: AuditEntry): Promise<unknown>;
  /** The app's clock: a report is on time by its filing moment in Asia/Shanghai. */
  now(): Date;
  transaction<T>(work: (deps: TasksDeps) => Promise<T>): Promise<T>;
}

const ownAudience = (viewer: Viewer): TaskAudience => ({
  all: false,
  orgUnitId: viewer.orgUnitId,
  regionId: viewer.regionLevel === 'town' ? viewer.regionId : null,
});

/** The audience's tasks with their units and reports, each task presented with its status. */
export async function loadTasks(deps: TasksDeps, audience: TaskAudience, filter: Parameters<TasksRepository['tasks']>[1], today: string) {
  const rows = await deps.tasks.tasks(audience, filter);
  const units = await deps.tasks.unitsOf(rows.map((t) => t.id));
  const reports = await deps.tasks.reportsOf(units.map((u) => u.id));
  const unitsByTask = groupBy(units, (u) => u.task_id);
  const unitTask = new Map(units.map((u) => [u.id, u.task_id]));
  const reportsByTask = groupBy(reports, (r) => unitTask.get(r.task_unit_id) ?? -1);
  return rows.map((t) => ({
    row: t,
    units: unitsByTask.get(t.id) ?? [],
    reports: reportsByTask.get(t.id) ?? [],
    item: presentTask(t, unitsByTask.get(t.id) ?? [], reportsByTask.get(t.id) ?? [], today),
  }));
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const emptyCounts = () => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;

export async function listTaskLists(
  deps: TasksDeps,
  viewer: Viewer,
  today: string,
  query: { decisionId?: number } = {},
): Promise<{ items: TaskListItem[] }> {
  const audience = taskAudience(viewer);
  const [lists, tasks] = [await deps.tasks.lists(), await loadTasks(deps, audience, {}, today)];
  const items = lists
    .filter((l) => query.decisionId === undefined || l.decision_id === query.decisionId)
    .map((l) => {
      const mine = tasks.filter((t) => t.row.list_id === l.id);
      const byStatus = emptyCounts();
      for (const t of mine) byStatus[t.item.status]++;
      return {
        id: l.id,
        number: l.number,
        documentId: l.document_id,
        decisionId: l.decision_id,
        title: l.title,
        kind: l.kind,
        tasks: mine.length,
        byStatus,
      };
    });
  // A unit sees the lists it has tasks in; the office and the leaders see every list.
  return { items: audience.all ? items : items.filter((l) => l.tasks > 0) };
}

/**
 * Tasks by list, status, the viewer's own unit (我的任务) or a leader's units (分管). Status is
 * computed per task, so the filter and the page are applied after computing: a county's
 * supervised tasks are hundreds, not millions (decision 044).
 */
export async function listTasks(deps: TasksDeps, viewer: Viewer, query: TaskQuery, today: string): Promise<Page<TaskItem>> {
  const audience = query.mine ? ownAudience(viewer) : taskAudience(viewer);
  let orgUnitIds: number[] | undefined;
  if (query.leaderId) {
    const leader = (await deps.leaders()).find((l) => l.id === query.leaderId);
    if (!leader) throw notFound('领导');
    orgUnitIds = leader.units.map((u) => u.id);
  }
  const all = (await loadTasks(deps, audience, { listId: query.listId, orgUnitIds, q: query.q || undefined }, today)).map((t) => t.item);
  const matching = query.status ? all.filter((t) => t.status === query.status) : all;
  const offset = offsetOf(query);
  return { items: matching.slice(offset, offset + query.pageSize), total: matching.length };
}

/** One task the viewer may read, with what it needs: 404 otherwise. */
export async function readableTask(deps: TasksDeps, viewer: Viewer, id: number, today: string) {
  const [task] = await loadTasks(deps, taskAudience(viewer), { id }, today);
  if (!task) throw notFound('任务');
  return task;
}

export async function taskDetail(deps: TasksDeps, viewer: Viewer, id: number, today: string): Promise<TaskDetail> {
  const { row, units, reports, item } = await readableTask(deps, viewer, id, today);
  const targets = await deps.tasks.targetsOf(id);
  const measures = await deps.tasks.measuresOf(targets.map((t) => t.id));
  const files = await deps.tasks.filesOf(reports.map((r) => r.id));
  const leadIds = new Set(units.filter((u) => u.role === 'lead').map((u) => u.id));
  // A measure's progress: the latest figure each lead unit gave for it, summed over the leads.
  const reached = (measureId: number) => {
    let sum: number | null = null;
    for (const unitId of leadIds) {
      const latest = reports.find((r) => r.task_unit_id === unitId && r.figures.some((f) => f.measureId === measureId));
      const value = latest?.figures.find((f) => f.measureId === measureId)?.value;
      if (value !== undefined) sum = (sum ?? 0) + value;
    }
    return sum;
  };
  const months = reportMonths(datesOf(row), today);
  const mine = units.find((u) => isOwnUnit(viewer, u));
  return {
    ...item,
    listNumber: row.list_number,
    units: units.map(presentUnit),
    targets: targets.map((t) => ({
      id: t.id,
      period: t.period,
      due: t.due,
      text: t.text,
      measures: measures
        .filter((m) => m.target_id === t.id)
        .map((m) => ({ id: m.id, label: m.label, quantity: m.quantity, unit: m.unit, reached: reached(m.id) })),
    })),
    reports: reports.map((r) => presentReport(r, files, today)),
    calendar: units
      .filter((u) => u.org_unit_id !== null || u.region_id !== null)
      .map((u) => ({
        unitId: u.id,
        months: months.map((month) => {
          const report = reports.find((r) => r.task_unit_id === u.id && r.month === month);
          return { month: month.slice(0, 7), due: dueOf(month), state: reportState(month, report && filed(report), today) };
        }),
      })),
    actions: (await deps.tasks.actionsOf(id)).map(presentAction),
    myUnitId: mine?.id ?? null,
    fileableMonths: row.completed_on ? [] : fileableMonths(datesOf(row), today).map((m) => m.slice(0, 7)),
  };
}

/** The 催办/督办 log of the viewer's tasks (a unit: what was sent to it or to all units of its tasks). */
export async function listActions(deps: TasksDeps, viewer: Viewer, query: TaskActionQuery): Promise<Page<TaskActionLogItem>> {
  const { rows, total } = await deps.tasks.actions(
    taskAudience(viewer),
    { kind: query.kind },
    { offset: offsetOf(query), limit: query.pageSize },
  );
  return {
    items: rows.map((a) => ({
      ...presentAction(a),
      taskId: a.task_id,
      seq: a.seq,
      task: a.task,
      listTitle: a.list_title,
    })),
    total,
  };
}
