import type { Insertable, Updateable } from 'kysely';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import type { GridWorkerTable } from '../../platform/db/schema.js';

type WorkerFields = Pick<Insertable<GridWorkerTable>, 'name' | 'phone' | 'employment' | 'user_id'>;

/**
 * The writes of 网格员 on their grid's page and the reads they are checked by (docs/decisions/047):
 * a worker is found through the scope (grid_workers is a scoped table), so another community's
 * worker is as absent as its grid.
 */
export function gridWorkersRepository(scoped: ScopedDb) {
  const workers = () =>
    scoped
      .selectFrom('grid_workers')
      .select(['grid_workers.id', 'grid_workers.grid_id', 'grid_workers.name', 'grid_workers.phone', 'grid_workers.employment'])
      .select(['grid_workers.user_id', 'grid_workers.idempotency_fingerprint']);
  return {
    /** A grid of the scope (a region of the lowest level), or undefined: another community's is none. */
    grid: (id: number) =>
      scoped
        .regionsInScope()
        .select(['regions.id', 'regions.name', 'regions.path'])
        .where('regions.level', '=', 'grid')
        .where('regions.id', '=', id)
        .executeTakeFirst(),

    worker: (gridId: number, id: number) =>
      workers().where('grid_workers.grid_id', '=', gridId).where('grid_workers.id', '=', id).executeTakeFirst(),

    /** The worker a retried form made (keys are 'user:<id>:<client key>', so one account's only). */
    byIdempotencyKey: (key: string) => workers().where('grid_workers.idempotency_key', '=', key).executeTakeFirst(),

    /** Who signs in with an account, anywhere in the county: an account is one worker's. */
    linkedTo: (userId: number) =>
      scoped.unscoped.selectFrom('grid_workers').select(['id', 'name']).where('user_id', '=', userId).executeTakeFirst(),

    /** Workers linked to some accounts (the account picker marks those taken). */
    linkedToAny: (userIds: number[]) =>
      userIds.length === 0
        ? Promise.resolve([])
        : scoped.unscoped.selectFrom('grid_workers').select(['id', 'user_id']).where('user_id', 'in', userIds).execute(),

    /** Who takes over a removed worker's duties: the grid's full-time worker first, then the earliest added. */
    successor: (gridId: number, leaving: number) =>
      workers()
        .where('grid_workers.grid_id', '=', gridId)
        .where('grid_workers.id', '<>', leaving)
        .orderBy('grid_workers.employment')
        .orderBy('grid_workers.id')
        .executeTakeFirst(),

    insert: async (
      grid: { id: number; path: string },
      fields: WorkerFields,
      idempotency: { key: string | null; fingerprint: string | null },
    ) =>
      (
        await scoped.unscoped
          .insertInto('grid_workers')
          .values({
            ...fields,
            grid_id: grid.id,
            region_path: grid.path,
            idempotency_key: idempotency.key,
            idempotency_fingerprint: idempotency.fingerprint,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,

    update: (id: number, fields: Updateable<GridWorkerTable> & WorkerFields) =>
      scoped.updateTable('grid_workers').set(fields).where('grid_workers.id', '=', id).execute(),

    remove: (id: number) => scoped.deleteFrom('grid_workers').where('grid_workers.id', '=', id).execute(),
  };
}

export type GridWorkersRepository = ReturnType<typeof gridWorkersRepository>;
export type GridWorkerRecord = NonNullable<Awaited<ReturnType<GridWorkersRepository['worker']>>>;
