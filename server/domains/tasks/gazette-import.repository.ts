import type { Insertable, Kysely } from 'kysely';
import type { DB, TaskUnitTable } from '../../platform/db/schema.js';

/**
 * What the gazette import writes (gazette-import.ts), inside the importer's transaction. Lists are
 * keyed by document number and tasks by their 序号, targets and measures by their place, units by
 * what they resolve to: a re-import updates rows in place, so reports keep pointing at them.
 */
export function gazetteImportRepository(db: Kysely<DB>) {
  return {
    upsertList: async (values: {
      number: string;
      document_id: number | null;
      title: string;
      kind: 'table' | 'phases';
      issued_on: string;
    }) =>
      (
        await db
          .insertInto('task_lists')
          .values(values)
          .onConflict((oc) =>
            oc.column('number').doUpdateSet((eb) => ({
              document_id: eb.ref('excluded.document_id'),
              title: eb.ref('excluded.title'),
              kind: eb.ref('excluded.kind'),
              issued_on: eb.ref('excluded.issued_on'),
            })),
          )
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,

    upsertTask: async (values: {
      list_id: number;
      seq: number;
      category: string | null;
      task: string;
      requirement: string | null;
      deadline: string | null;
      ongoing: boolean;
      deadline_text: string | null;
      starts_on: string | null;
    }) =>
      (
        await db
          .insertInto('tasks')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['list_id', 'seq']).doUpdateSet((eb) => ({
              category: eb.ref('excluded.category'),
              task: eb.ref('excluded.task'),
              requirement: eb.ref('excluded.requirement'),
              deadline: eb.ref('excluded.deadline'),
              ongoing: eb.ref('excluded.ongoing'),
              deadline_text: eb.ref('excluded.deadline_text'),
              starts_on: eb.ref('excluded.starts_on'),
            })),
          )
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,

    /** Tasks of a list no longer printed that nobody has reported on: the others stay, with their reports. */
    dropTasksExcept: (listId: number, seqs: number[]) =>
      db
        .deleteFrom('tasks')
        .where('list_id', '=', listId)
        .where('seq', 'not in', seqs.length ? seqs : [-1])
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('task_units')
                .innerJoin('task_reports', 'task_reports.task_unit_id', 'task_units.id')
                .select('task_units.id')
                .whereRef('task_units.task_id', '=', 'tasks.id'),
            ),
          ),
        )
        .execute(),

    upsertTarget: async (values: { task_id: number; period: string; due: string | null; text: string; sort: number }) =>
      (
        await db
          .insertInto('task_targets')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['task_id', 'sort']).doUpdateSet((eb) => ({
              period: eb.ref('excluded.period'),
              due: eb.ref('excluded.due'),
              text: eb.ref('excluded.text'),
            })),
          )
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,

    dropTargetsFrom: (taskId: number, sort: number) =>
      db.deleteFrom('task_targets').where('task_id', '=', taskId).where('sort', '>=', sort).execute(),

    upsertMeasure: (values: { target_id: number; label: string; quantity: number; unit: string; sort: number }) =>
      db
        .insertInto('task_measures')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['target_id', 'sort']).doUpdateSet((eb) => ({
            label: eb.ref('excluded.label'),
            quantity: eb.ref('excluded.quantity'),
            unit: eb.ref('excluded.unit'),
          })),
        )
        .execute(),

    dropMeasuresFrom: (targetId: number, sort: number) =>
      db.deleteFrom('task_measures').where('target_id', '=', targetId).where('sort', '>=', sort).execute(),

    unitsOf: (taskId: number) =>
      db.selectFrom('task_units').select(['id', 'printed_name', 'org_unit_id', 'region_id']).where('task_id', '=', taskId).execute(),

    insertUnit: (values: Insertable<TaskUnitTable>) => db.insertInto('task_units').values(values).execute(),

    updateUnit: (id: number, values: { role: 'lead' | 'co'; printed_name: string; sort: number }) =>
      db.updateTable('task_units').set(values).where('id', '=', id).execute(),

    /** Units no longer printed for a task, unless they have reported (their reports stay readable). */
    dropUnits: (ids: number[]) =>
      db
        .deleteFrom('task_units')
        .where('id', 'in', ids.length ? ids : [-1])
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('task_reports').select('id').whereRef('task_reports.task_unit_id', '=', 'task_units.id'))),
        )
        .execute(),
  };
}

export type GazetteImportRepository = ReturnType<typeof gazetteImportRepository>;
