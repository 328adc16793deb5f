import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { pageOf } from '../../platform/paging.js';

/** The grids (网格) of the viewer's scope: regions of the lowest level, with their workers (网格员). */
export function gridsRepository(scoped: ScopedDb) {
  const grids = () => scoped.regionsInScope().where('regions.level', '=', 'grid');
  // prettier-ignore
  const withColumns = () =>
    grids()
      .innerJoin('regions as community', 'community.id', 'regions.parent_id')
      .select((eb) => [
        'regions.id', 'regions.code', 'regions.name', 'regions.path', 'community.name as community_name',
        eb.selectFrom('houses').select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('houses.grid_id', '=', 'regions.id').as('house_count'),
        eb.selectFrom('residents').select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('residents.grid_id', '=', 'regions.id').where('residents.moved_out_on', 'is', null).as('resident_count'),
      ]);
  return {
    list: (page: { offset: number; limit: number }) =>
      pageOf(withColumns().orderBy('regions.path').offset(page.offset).limit(page.limit), grids()),

    byId: (id: number) => withColumns().where('regions.id', '=', id).executeTakeFirst(),

    /** The workers of some grids, full-time first. */
    workersOf: (gridIds: number[]) =>
      gridIds.length === 0
        ? Promise.resolve([])
        : scoped
            .selectFrom('grid_workers')
            .select([
              'grid_workers.id',
              'grid_workers.grid_id',
              'grid_workers.name',
              'grid_workers.phone',
              'grid_workers.employment',
              'grid_workers.user_id',
            ])
            .where('grid_workers.grid_id', 'in', gridIds)
            .orderBy('grid_workers.employment')
            .orderBy('grid_workers.id')
            .execute(),
  };
}

export type GridsRepository = ReturnType<typeof gridsRepository>;
export type GridRow = NonNullable<Awaited<ReturnType<GridsRepository['byId']>>>;
export type GridWorkerRow = Awaited<ReturnType<GridsRepository['workersOf']>>[number];
