import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { supervisorWords } from './supervision.js';

/**
 * The special-group records of a grid's residents that name one grid worker as their supervisor:
 * a worker renamed or removed on the grid's page (docs/decisions/047) takes them along or hands
 * them on. Residents are read through the scope, so only the grid's own records move.
 */
export function supervisionRepository(scoped: ScopedDb) {
  const ofGrid = (gridId: number) => scoped.selectFrom('residents').select('residents.id').where('residents.grid_id', '=', gridId);
  return {
    count: async (gridId: number, workerName: string) =>
      Number(
        (
          await scoped.unscoped
            .selectFrom('special_group_records')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('supervisor', '=', supervisorWords(workerName))
            .where('resident_id', 'in', ofGrid(gridId))
            .executeTakeFirstOrThrow()
        ).n,
      ),

    handOver: async (gridId: number, from: string, to: string) =>
      Number(
        (
          await scoped.unscoped
            .updateTable('special_group_records')
            .set({ supervisor: supervisorWords(to) })
            .where('supervisor', '=', supervisorWords(from))
            .where('resident_id', 'in', ofGrid(gridId))
            .executeTakeFirst()
        ).numUpdatedRows,
      ),
  };
}
