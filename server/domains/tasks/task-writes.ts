import type { CreateTaskListInput, TaskActionInput, TaskReportInput, UpdateTaskInput } from '../../../common/contracts/tasks.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { conflict, forbidden, invalid, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertSameRequest, fingerprintOf } from '../../platform/idempotency.js';
import { isOwnUnit } from './task-access.js';
import type { TaskRow, TaskUnitRow } from './tasks.repository.js';
import { datesOf } from './tasks.presenter.js';
import { readableTask, type TasksDeps } from './tasks.service.js';
import { fileableMonths } from './task-status.js';

/**
 * What changes a task (docs/decisions/044): lists entered by hand, edits and 办结 by the office,
 * a unit's monthly report and its evidence, 催办 and 督办通知. Each change is one transaction with
 * its audit line; a wrong transition is refused with its own code.
 */
const deadlineColumns = (deadline: string | null | undefined) =>
  deadline === 'ongoing' ? { deadline: null, ongoing: true } : { deadline: deadline ?? null, ongoing: false };

/**
 * A list entered by hand, its tasks and their units, in one transaction; units are checked to
 * exist. Sent again under the same Idempotency-Key (a form submitted twice, a retry after a lost
 * answer) it answers the first list; the same key with another body is 422.
 */
export async function createTaskList(deps: TasksDeps, viewer: Viewer, body: CreateTaskListInput, today: string, idempotencyKey?: string) {
  const key = idempotencyKey ? `user:${viewer.userId}:${idempotencyKey}` : null;
  const fingerprint = fingerprintOf(body);
  const replay = async () => {
    const earlier = key ? await deps.tasks.listByIdempotencyKey(key) : undefined;
    if (!earlier) return undefined;
    assertSameRequest(earlier.idempotency_fingerprint, fingerprint);
    return { id: earlier.id, tasks: body.tasks.length };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  if (body.decisionId !== undefined && (await deps.decisionTitle(body.decisionId)) === undefined) {
    throw invalid('TASK_DECISION_UNKNOWN', '要落实的重大决策事项不存在', { decisionId: body.decisionId });
  }
  const { units, towns } = await deps.assignees();
  const unitIds = new Map(units.map((u) => [u.id, u.name]));
  const townIds = new Map(towns.map((t) => [t.id, t.name]));
  for (const [i, t] of body.tasks.entries())
    for (const ref of t.units) {
      const known = 'orgUnitId' in ref ? unitIds.has(ref.orgUnitId) : townIds.has(ref.regionId);
      if (!known) throw invalid('TASK_UNIT_UNKNOWN', `第 ${i + 1} 项任务的责任单位不存在`, { task: i + 1 });
    }
  const create = deps.transaction(async (tx) => {
    const listId = await tx.tasks.insertList({
      title: body.title,
      kind: 'manual',
      decision_id: body.decisionId ?? null,
      issued_on: today,
      created_by: viewer.userId,
      idempotency_key: key,
      idempotency_fingerprint: key ? fingerprint : null,
    });
    for (const [i, t] of body.tasks.entries()) {
      const taskId = await tx.tasks.insertTask({
        list_id: listId,
        seq: i + 1,
        category: t.category ?? null,
        task: t.task,
        requirement: t.requirement ?? null,
        ...deadlineColumns(t.deadline),
        deadline_text: t.deadlineText ?? null,
      });
      const seen = new Set<string>();
      await tx.tasks.insertUnits(
        t.units
          .filter((ref) => {
            const key = 'orgUnitId' in ref ? `u${ref.orgUnitId}` : `r${ref.regionId}`;
            return !seen.has(key) && !!seen.add(key);
          })
          .map((ref, sort) => ({
            task_id: taskId,
            role: sort === 0 ? ('lead' as const) : ('co' as const),
            printed_name: 'orgUnitId' in ref ? (unitIds.get(ref.orgUnitId) as string) : (townIds.get(ref.regionId) as string),
            org_unit_id: 'orgUnitId' in ref ? ref.orgUnitId : null,
            region_id: 'regionId' in ref ? ref.regionId : null,
            sort,
          })),
      );
    }
    await tx.audit({
      action: 'task_list_create',
      entity: 'task_list',
      entityId: listId,
      detail: { title: body.title, tasks: body.tasks.length },
    });
    return { id: listId, tasks: body.tasks.length };
  });
  try {
    return await create;
  } catch (e) {
    // Two tries at once: the loser meets the winner's key and answers its list.
    const winner = isUniqueViolation(e) ? await replay() : undefined;
    if (winner) return winner;
    throw e;
  }
}

export async function updateTask(deps: TasksDeps, viewer: Viewer, id: number, body: UpdateTaskInput, today: string) {
  const { row } = await readableTask(deps, viewer, id, today);
  const changes = {
    ...(body.category !== undefined && { category: body.category }),
    ...(body.task !== undefined && { task: body.task }),
    ...(body.requirement !== undefined && { requirement: body.requirement }),
    ...(body.deadline !== undefined && deadlineColumns(body.deadline)),
    ...(body.deadlineText !== undefined && { deadline_text: body.deadlineText }),
  };
  await deps.transaction(async (tx) => {
    await tx.tasks.updateTask(id, changes);
    await tx.audit({
      action: 'task_update',
      entity: 'task',
      entityId: id,
      detail: { before: pick(row, Object.keys(changes)), after: changes },
    });
  });
}

const pick = (row: TaskRow, keys: string[]) => Object.fromEntries(keys.map((k) => [k, (row as unknown as Record<string, unknown>)[k]]));

/** 办结: the office confirms a task done on a day (not in the future), or takes that back. */
export async function completeTask(deps: TasksDeps, viewer: Viewer, id: number, completedOn: string | null, today: string) {
  const { row } = await readableTask(deps, viewer, id, today);
  if (completedOn !== null && row.completed_on !== null) throw conflict('TASK_ALREADY_DONE', `该任务已于 ${row.completed_on} 办结`);
  if (completedOn === null && row.completed_on === null) throw conflict('TASK_NOT_DONE', '该任务尚未办结，无需撤销');
  if (completedOn !== null && completedOn > today) throw invalid('TASK_DONE_FUTURE', '办结日期不能晚于今天');
  await deps.transaction(async (tx) => {
    await tx.tasks.updateTask(id, { completed_on: completedOn, completed_by: completedOn === null ? null : viewer.userId });
    await tx.audit({ action: completedOn ? 'task_complete' : 'task_reopen', entity: 'task', entityId: id, detail: { completedOn } });
  });
}

/** The viewer's own responsible unit on a readable task, or 403: a unit reports only for itself. */
async function ownUnitOn(deps: TasksDeps, viewer: Viewer, id: number, today: string) {
  const task = await readableTask(deps, viewer, id, today);
  const unit = task.units.find((u) => isOwnUnit(viewer, u));
  if (!unit) throw forbidden('只能填报本单位负责的任务进展');
  return { ...task, unit };
}

/**
 * A unit's progress for a month, filed or filed again (one report per unit and month, so a retry
 * files the same report rather than a second one). The month is one of fileableMonths; a done
 * task takes no more reports.
 */
export async function fileReport(deps: TasksDeps, viewer: Viewer, id: number, body: TaskReportInput, today: string) {
  const { row, unit } = await ownUnitOn(deps, viewer, id, today);
  if (row.completed_on) throw conflict('TASK_DONE', '该任务已办结，不再填报进展');
  const month = `${body.month}-01`;
  const allowed = fileableMonths(datesOf(row), today);
  if (!allowed.includes(month))
    throw invalid('REPORT_MONTH', `只能填报 ${allowed[0].slice(0, 7)} 至 ${today.slice(0, 7)} 之间的月份`, { month: body.month });
  const targets = await deps.tasks.targetsOf(id);
  const measureIds = new Set((await deps.tasks.measuresOf(targets.map((t) => t.id))).map((m) => m.id));
  const stray = body.figures.find((f) => !measureIds.has(f.measureId));
  if (stray) throw invalid('REPORT_FIGURE', '填报的数据项不属于该任务的量化目标', { measureId: stray.measureId });
  return deps.transaction(async (tx) => {
    const reportId = await tx.tasks.upsertReport({
      task_unit_id: unit.id,
      month,
      text: body.text,
      figures: JSON.stringify(body.figures),
      submitted_by: viewer.userId,
      submitted_at: deps.now(),
    });
    await tx.audit({
      action: 'task_report',
      entity: 'task',
      entityId: id,
      detail: { reportId, unit: unit.name ?? unit.printed_name, role: unit.role, month: body.month },
    });
    return reportId;
  });
}

/** The report an evidence file is added to: the viewer's own unit's, on this task. */
export async function ownReport(deps: TasksDeps, viewer: Viewer, id: number, reportId: number, today: string) {
  const { unit } = await ownUnitOn(deps, viewer, id, today);
  const report = await deps.tasks.reportById(reportId);
  if (!report || report.task_id !== id) throw notFound('进展报告');
  if (report.org_unit_id !== unit.org_unit_id || report.region_id !== unit.region_id) throw forbidden('只能为本单位的进展报告上传佐证材料');
  return report;
}

/** An evidence file of a report on a task the viewer may read. */
export async function evidenceFile(deps: TasksDeps, viewer: Viewer, id: number, reportId: number, fileId: number, today: string) {
  await readableTask(deps, viewer, id, today);
  const report = await deps.tasks.reportById(reportId);
  const file = report && report.task_id === id ? await deps.tasks.fileById(reportId, fileId) : undefined;
  if (!file) throw notFound('佐证材料');
  return file;
}

/** 催办 or 督办通知 to one responsible unit or to all; a 督办通知 names the day to answer by. */
export async function addAction(deps: TasksDeps, viewer: Viewer, id: number, body: TaskActionInput, today: string) {
  const { row, units } = await readableTask(deps, viewer, id, today);
  if (row.completed_on) throw conflict('TASK_DONE', '该任务已办结，无需催办或督办');
  const unit: TaskUnitRow | undefined = body.unitId === null ? undefined : units.find((u) => u.id === body.unitId);
  if (body.unitId !== null && !unit) throw invalid('TASK_UNIT_UNKNOWN', '该单位不是此任务的责任单位', { unitId: body.unitId });
  if (body.kind === 'notice' && !body.respondBy) throw invalid('NOTICE_RESPOND_BY', '督办通知须写明反馈期限');
  if (body.respondBy && body.respondBy < today) throw invalid('NOTICE_RESPOND_BY', '反馈期限不能早于今天');
  return deps.transaction(async (tx) => {
    const actionId = await tx.tasks.insertAction({
      task_id: id,
      task_unit_id: unit?.id ?? null,
      kind: body.kind,
      text: body.text,
      respond_by: body.respondBy,
      created_by: viewer.userId,
    });
    await tx.audit({
      action: body.kind === 'reminder' ? 'task_remind' : 'task_notice',
      entity: 'task',
      entityId: id,
      detail: { actionId, unit: unit ? (unit.name ?? unit.printed_name) : '全部责任单位', respondBy: body.respondBy },
    });
    return actionId;
  });
}
