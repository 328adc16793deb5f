import { sql, type Updateable } from 'kysely';
import type { ResidentTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { anyOf } from '../../platform/db/any-of.js';
import { columnsBut, insertStatement, RESIDENT_COLUMNS, tableSpec } from '../../platform/db/bulk-insert.js';
import { residentsRepository } from './people.repository.js';

// New people go in as one array per column (docs/decisions/006): a 1 000-row batch is 15
// parameters, not 15 000.
export interface NewResident {
  id_card: string;
  name: string;
  gender: string;
  birth_date: string;
  phone: string | null;
  population_type: string;
  house_id: number;
  household_id: number | null;
  relation: string;
  community_id: number;
  grid_id: number | null;
  region_path: string;
  tags: string[];
  ethnicity: string | null;
  employer: string | null;
  moved_in_on: string | null;
}
const NEW_RESIDENTS = tableSpec<NewResident>('residents', columnsBut(RESIDENT_COLUMNS, 'id', 'moved_out_on', 'updated_at'));

/**
 * The statements of a resident import (resident-batch.ts decides which), each over a whole
 * batch where it can: lookups take one array parameter (`= any($1)`, docs/decisions/002).
 */
export function residentBatchRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  return {
    /** The scope's residents with these ID numbers. */
    inScope: (idCards: string[]) =>
      scoped.selectFrom('residents').selectAll('residents').where('residents.id_card', '=', anyOf(idCards)).execute(),

    /** Which of these ID numbers are registered anywhere: an ID number is the county's, not a region's. */
    registered: async (idCards: string[]) =>
      new Set((await db.selectFrom('residents').select('id_card').where('id_card', '=', anyOf(idCards)).execute()).map((r) => r.id_card)),

    householdsInScope: (householdNos: string[]) =>
      scoped
        .selectFrom('households')
        .select(['households.id', 'households.household_no'])
        .where('households.household_no', '=', anyOf(householdNos))
        .execute(),

    /** Which of these household numbers exist anywhere. */
    householdNosTaken: async (householdNos: string[]) =>
      new Set(
        (await db.selectFrom('households').select('household_no').where('household_no', '=', anyOf(householdNos)).execute()).map(
          (h) => h.household_no,
        ),
      ),

    createHousehold: (householdNo: string, house: { id: number; region_path: string }) =>
      db
        .insertInto('households')
        .values({ household_no: householdNo, house_id: house.id, region_path: house.region_path })
        .returning(['id', 'household_no'])
        .executeTakeFirstOrThrow(),

    /** One INSERT for all new people; their moves in; and the first 'self' of a household becomes its householder. */
    async insert(rows: NewResident[]) {
      const { rows: ids } = await sql<{ id: number; moved_in_on: string | null; household_id: number | null; relation: string }>`
        ${insertStatement(NEW_RESIDENTS, rows)} returning id, moved_in_on, household_id, relation`.execute(db);
      const moves = ids
        .filter((r) => r.moved_in_on)
        .map((r) => ({ resident_id: r.id, kind: 'move_in' as const, moved_on: r.moved_in_on!, place: null, note: '导入' }));
      if (moves.length > 0) await db.insertInto('resident_moves').values(moves).execute();
      for (const r of ids.filter((x) => x.relation === 'self' && x.household_id)) {
        await db
          .updateTable('households')
          .set({ householder_id: r.id })
          .where('id', '=', r.household_id!)
          .where('householder_id', 'is', null)
          .execute();
      }
      return ids.length;
    },

    // An imported row changes a resident as the form's edit does (updated_at stamped with it).
    update: (id: number, values: Updateable<ResidentTable>) => residentsRepository(scoped).update(id, values),
  };
}

export type ResidentBatchRepository = ReturnType<typeof residentBatchRepository>;
export type StoredResident = Awaited<ReturnType<ResidentBatchRepository['inScope']>>[number];
