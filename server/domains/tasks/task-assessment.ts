import type { AssessmentRow } from '../../../common/contracts/tasks.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { invalid, notFound } from '../../platform/errors.js';
import { datesOf, filed } from './tasks.presenter.js';
import { loadTasks, type TasksDeps } from './tasks.service.js';
import { unitScore } from './task-status.js';

/** 考核: each responsible unit's score on a list (decision 044), and the office's record of a closed period. */
/** Every resolved responsible unit of a list, scored over its tasks up to `until` (task-status.ts unitScore). */
export async function assessList(deps: TasksDeps, listId: number, until: string): Promise<AssessmentRow[]> {
  if (!(await deps.tasks.listById(listId))) throw notFound('任务清单');
  const tasks = await loadTasks(deps, { all: true }, { listId }, until);
  const byUnit = new Map<string, { name: string; records: Parameters<typeof unitScore>[0] }>();
  for (const t of tasks)
    for (const u of t.units) {
      if (u.org_unit_id === null && u.region_id === null) continue;
      const key = u.org_unit_id !== null ? `unit:${u.org_unit_id}` : `region:${u.region_id}`;
      const entry = byUnit.get(key) ?? { name: u.name ?? u.printed_name, records: [] };
      entry.records.push({ task: datesOf(t.row), reports: t.reports.filter((r) => r.task_unit_id === u.id).map(filed) });
      byUnit.set(key, entry);
    }
  return [...byUnit.entries()]
    .map(([unitKey, { name, records }]) => ({ unitKey, unitName: name, tasks: records.length, ...unitScore(records, until) }))
    .sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh-CN'));
}

/** The last day of a period: 2023 → 2023-12-31, 2023-06 → 2023-06-30. */
function periodEnd(period: string): string {
  const [y, m] = period.split('-').map(Number);
  const last = new Date(Date.UTC(y, m ?? 12, 0));
  return last.toISOString().slice(0, 10);
}

export async function recordAssessment(deps: TasksDeps, viewer: Viewer, listId: number, period: string, today: string) {
  const until = periodEnd(period);
  if (until > today) throw invalid('ASSESSMENT_PERIOD_OPEN', `考核期 ${period} 尚未结束，不能记录考核结果`);
  const rows = await assessList(deps, listId, until);
  await deps.transaction(async (tx) => {
    await tx.tasks.recordAssessment(
      listId,
      period,
      rows.map((r) => ({ unit_key: r.unitKey, unit_name: r.unitName, timeliness: r.timeliness, completion: r.completion, score: r.score })),
      viewer.userId,
    );
    await tx.audit({ action: 'task_assessment_record', entity: 'task_list', entityId: listId, detail: { period, units: rows.length } });
  });
  return { period, until, rows: rows.length };
}
