import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { DB, TaskReportFileTable, TaskTable, TaskUnitTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { containing } from '../../platform/db/text-search.js';
import { pageOf } from '../../platform/paging.js';
import type { TaskAudience } from './task-access.js';

/**
 * The supervised tasks. Not region-scoped (a task belongs to its units wherever they sit, decision
 * 044): every read goes through `scoped.unscoped` and, for a unit's staff, the audience's
 * condition — the task has a responsible unit that is theirs.
 */
export interface TaskFilter {
  id?: number;
  listId?: number;
  /** Only tasks with one of these county units responsible (the leader view). */
  orgUnitIds?: number[];
  q?: string;
}

export function tasksRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  const assignedTo = (audience: TaskAudience) => (eb: ExpressionBuilder<DB, 'tasks'>) =>
    audience.all
      ? eb.val(true)
      : eb.exists(
          eb
            .selectFrom('task_units as mine')
            .select('mine.id')
            .whereRef('mine.task_id', '=', 'tasks.id')
            .where((w) => w.or([w('mine.org_unit_id', '=', audience.orgUnitId ?? -1), w('mine.region_id', '=', audience.regionId ?? -1)])),
        );

  // A 催办/督办 line with who sent it and the unit it went to (null: every unit of the task).
  const actionRows = () =>
    db
      .selectFrom('task_actions')
      .innerJoin('users', 'users.id', 'task_actions.created_by')
      .leftJoin('task_units', 'task_units.id', 'task_actions.task_unit_id')
      .leftJoin('org_units', 'org_units.id', 'task_units.org_unit_id')
      .leftJoin('regions', 'regions.id', 'task_units.region_id')
      .select([
        'task_actions.id',
        'task_actions.kind',
        'task_actions.text',
        'task_actions.respond_by',
        'task_actions.created_at',
        'users.display_name as by_name',
        sql<string | null>`coalesce(org_units.name, regions.name, task_units.printed_name)`.as('unit_name'),
      ]);

  return {
    lists: () =>
      db.selectFrom('task_lists').select(['id', 'number', 'document_id', 'decision_id', 'title', 'kind']).orderBy('id').execute(),
    listById: (id: number) =>
      db
        .selectFrom('task_lists')
        .select(['id', 'number', 'document_id', 'title', 'kind', 'issued_on'])
        .where('id', '=', id)
        .executeTakeFirst(),

    /** The audience's tasks, with their list's title and creation (reporting starts with it). */
    tasks: (audience: TaskAudience, f: TaskFilter) => {
      let q = db
        .selectFrom('tasks')
        .innerJoin('task_lists', 'task_lists.id', 'tasks.list_id')
        .selectAll('tasks')
        .select(['task_lists.title as list_title', 'task_lists.number as list_number', 'task_lists.issued_on as list_issued_on'])
        .where(assignedTo(audience));
      if (f.id) q = q.where('tasks.id', '=', f.id);
      if (f.listId) q = q.where('tasks.list_id', '=', f.listId);
      if (f.orgUnitIds)
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('task_units as led')
              .select('led.id')
              .whereRef('led.task_id', '=', 'tasks.id')
              .where('led.org_unit_id', 'in', f.orgUnitIds?.length ? f.orgUnitIds : [-1]),
          ),
        );
      if (f.q) {
        const like = containing(f.q);
        q = q.where((eb) =>
          eb.or([eb('tasks.task', 'like', like), eb('tasks.requirement', 'like', like), eb('tasks.category', 'like', like)]),
        );
      }
      return q.orderBy('tasks.list_id').orderBy('tasks.seq').execute();
    },

    /** The responsible units of these tasks with the county unit's or the town's name. */
    unitsOf: (taskIds: number[]) =>
      db
        .selectFrom('task_units')
        .leftJoin('org_units', 'org_units.id', 'task_units.org_unit_id')
        .leftJoin('regions', 'regions.id', 'task_units.region_id')
        .select([
          'task_units.id',
          'task_units.task_id',
          'task_units.role',
          'task_units.printed_name',
          'task_units.org_unit_id',
          'task_units.region_id',
          'task_units.sort',
          sql<string | null>`coalesce(org_units.name, regions.name)`.as('name'),
        ])
        .where('task_units.task_id', 'in', taskIds.length ? taskIds : [-1])
        .orderBy('task_units.task_id')
        .orderBy('task_units.sort')
        .execute(),

    /** The reports of these units, newest month first, with the filer's name. */
    reportsOf: (unitIds: number[]) =>
      db
        .selectFrom('task_reports')
        .innerJoin('users', 'users.id', 'task_reports.submitted_by')
        .select([
          'task_reports.id',
          'task_reports.task_unit_id',
          'task_reports.month',
          'task_reports.text',
          'task_reports.figures',
          'task_reports.submitted_at',
          'users.display_name as submitted_by_name',
        ])
        .where('task_reports.task_unit_id', 'in', unitIds.length ? unitIds : [-1])
        .orderBy('task_reports.month', 'desc')
        .orderBy('task_reports.id', 'desc')
        .execute(),

    filesOf: (reportIds: number[]) =>
      db
        .selectFrom('task_report_files')
        .select(['id', 'report_id', 'file_name', 'size'])
        .where('report_id', 'in', reportIds.length ? reportIds : [-1])
        .orderBy('id')
        .execute(),

    fileById: (reportId: number, fileId: number) =>
      db.selectFrom('task_report_files').selectAll().where('report_id', '=', reportId).where('id', '=', fileId).executeTakeFirst(),

    targetsOf: (taskId: number) =>
      db.selectFrom('task_targets').select(['id', 'period', 'due', 'text']).where('task_id', '=', taskId).orderBy('sort').execute(),

    measuresOf: (targetIds: number[]) =>
      db
        .selectFrom('task_measures')
        .select(['id', 'target_id', 'label', 'quantity', 'unit'])
        .where('target_id', 'in', targetIds.length ? targetIds : [-1])
        .orderBy('target_id')
        .orderBy('sort')
        .execute(),

    actionsOf: (taskId: number) => actionRows().where('task_actions.task_id', '=', taskId).orderBy('task_actions.id', 'desc').execute(),

    /**
     * The 催办/督办 log across tasks: for a unit's staff, what was sent about their tasks to them
     * or to every unit of the task, not what another unit was told.
     */
    actions: (audience: TaskAudience, f: { kind?: 'reminder' | 'notice' }, page: { offset: number; limit: number }) => {
      const base = () => {
        let q = db
          .selectFrom('task_actions')
          .innerJoin('tasks', 'tasks.id', 'task_actions.task_id')
          .leftJoin('task_units', 'task_units.id', 'task_actions.task_unit_id')
          .where(assignedTo(audience));
        if (!audience.all)
          q = q.where((eb) =>
            eb.or([
              eb('task_actions.task_unit_id', 'is', null),
              eb('task_units.org_unit_id', '=', audience.orgUnitId ?? -1),
              eb('task_units.region_id', '=', audience.regionId ?? -1),
            ]),
          );
        if (f.kind) q = q.where('task_actions.kind', '=', f.kind);
        return q;
      };
      // prettier-ignore
      const rows = actionRows()
        .innerJoin('tasks', 'tasks.id', 'task_actions.task_id')
        .innerJoin('task_lists', 'task_lists.id', 'tasks.list_id')
        .select(['tasks.id as task_id', 'tasks.seq', 'tasks.task', 'task_lists.title as list_title'])
        .where('task_actions.id', 'in', base().select('task_actions.id'))
        .orderBy('task_actions.id', 'desc')
        .offset(page.offset)
        .limit(page.limit);
      return pageOf(rows, base());
    },

    // ── writes ──

    /** A hand-entered list by the key its first request came with. */
    listByIdempotencyKey: (key: string) =>
      db.selectFrom('task_lists').select(['id', 'idempotency_fingerprint']).where('idempotency_key', '=', key).executeTakeFirst(),

    insertList: async (values: {
      title: string;
      kind: 'manual';
      decision_id: number | null;
      issued_on: string;
      created_by: number;
      idempotency_key: string | null;
      idempotency_fingerprint: string | null;
    }) => (await db.insertInto('task_lists').values(values).returning('id').executeTakeFirstOrThrow()).id,

    insertTask: async (values: Insertable<TaskTable>) =>
      (await db.insertInto('tasks').values(values).returning('id').executeTakeFirstOrThrow()).id,

    insertUnits: (rows: Insertable<TaskUnitTable>[]) =>
      rows.length ? db.insertInto('task_units').values(rows).execute() : Promise.resolve([]),

    updateTask: (id: number, values: Updateable<TaskTable>) => db.updateTable('tasks').set(values).where('id', '=', id).execute(),

    /** Files a unit's month, or replaces what it filed for that month (one report per unit and month). */
    upsertReport: async (values: {
      task_unit_id: number;
      month: string;
      text: string;
      figures: string;
      submitted_by: number;
      submitted_at: Date;
    }) =>
      (
        await db
          .insertInto('task_reports')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['task_unit_id', 'month']).doUpdateSet((eb) => ({
              text: eb.ref('excluded.text'),
              figures: eb.ref('excluded.figures'),
              submitted_by: eb.ref('excluded.submitted_by'),
              submitted_at: eb.ref('excluded.submitted_at'),
            })),
          )
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,

    reportById: (id: number) =>
      db
        .selectFrom('task_reports')
        .innerJoin('task_units', 'task_units.id', 'task_reports.task_unit_id')
        .select(['task_reports.id', 'task_units.task_id', 'task_units.org_unit_id', 'task_units.region_id'])
        .where('task_reports.id', '=', id)
        .executeTakeFirst(),

    insertFile: async (values: Insertable<TaskReportFileTable>) =>
      (await db.insertInto('task_report_files').values(values).returning('id').executeTakeFirstOrThrow()).id,

    insertAction: async (values: {
      task_id: number;
      task_unit_id: number | null;
      kind: 'reminder' | 'notice';
      text: string;
      respond_by: string | null;
      created_by: number;
    }) => (await db.insertInto('task_actions').values(values).returning('id').executeTakeFirstOrThrow()).id,

    recordedAssessments: (listId: number) =>
      db
        .selectFrom('task_assessments')
        .select(['period', sql<Date>`max(recorded_at)`.as('recorded_at'), sql<number>`count(*)::int`.as('rows')])
        .where('list_id', '=', listId)
        .groupBy('period')
        .orderBy('period')
        .execute(),

    /** The office records a period's scores; recording the period again replaces them. */
    recordAssessment: async (
      listId: number,
      period: string,
      rows: { unit_key: string; unit_name: string; timeliness: number; completion: number; score: number }[],
      recordedBy: number,
    ) => {
      await db.deleteFrom('task_assessments').where('list_id', '=', listId).where('period', '=', period).execute();
      if (rows.length)
        await db
          .insertInto('task_assessments')
          .values(rows.map((r) => ({ ...r, list_id: listId, period, recorded_by: recordedBy })))
          .execute();
    },
  };
}

export type TasksRepository = ReturnType<typeof tasksRepository>;
export type TaskRow = Awaited<ReturnType<TasksRepository['tasks']>>[number];
export type TaskUnitRow = Awaited<ReturnType<TasksRepository['unitsOf']>>[number];
export type TaskReportRow = Awaited<ReturnType<TasksRepository['reportsOf']>>[number];
export type TaskActionRow = Awaited<ReturnType<TasksRepository['actionsOf']>>[number];
