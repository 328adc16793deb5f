import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { regionTreeWrites } from './regions.repository.js';

/**
 * The writes of 网格 in the admin and the reads they are checked by: a grid is a region of the
 * lowest level under its community, found in the viewer's part of the region tree.
 */
export function gridEditsRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  const inScope = (level: 'community' | 'grid') => scoped.regionsInScope().where('regions.level', '=', level);
  return {
    /** A community of the scope with its code and name (a new grid's code and name start with them). */
    community: (id: number) =>
      inScope('community')
        .select(['regions.id', 'regions.path', 'regions.code', 'regions.name'])
        .where('regions.id', '=', id)
        .executeTakeFirst(),

    // prettier-ignore
    grid: (id: number) =>
      inScope('grid')
        .innerJoin('regions as community', 'community.id', 'regions.parent_id')
        .select(['regions.id', 'regions.code', 'regions.name', 'regions.parent_id as community_id', 'community.name as community_name'])
        .where('regions.id', '=', id)
        .executeTakeFirst(),

    /** A grid's full name is unique in its community. */
    gridNamed: (communityId: number, name: string) =>
      db
        .selectFrom('regions')
        .select('id')
        .where('parent_id', '=', communityId)
        .where('level', '=', 'grid')
        .where('name', '=', name)
        .executeTakeFirst(),

    /** Region codes taken that start so (codes are unique county-wide; starts_with, as a code is no path). */
    codesStarting: async (prefix: string) =>
      (
        await db
          .selectFrom('regions')
          .select('code')
          .where((eb) => eb.fn<boolean>('starts_with', ['code', eb.val(prefix)]))
          .execute()
      ).map((r) => r.code),

    /** After the grids already there, in the community's order. */
    nextSort: async (communityId: number) =>
      Number(
        (
          await db
            .selectFrom('regions')
            .select((eb) => eb.fn.coalesce(eb.fn.max('sort'), eb.lit(-1)).as('n'))
            .where('parent_id', '=', communityId)
            .executeTakeFirstOrThrow()
        ).n,
      ) + 1,

    insert: regionTreeWrites(db).insert,

    rename: (id: number, name: string) =>
      db.updateTable('regions').set({ name }).where('id', '=', id).where('level', '=', 'grid').execute(),
  };
}

export type GridEditsRepository = ReturnType<typeof gridEditsRepository>;
