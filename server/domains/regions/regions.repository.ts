import { sql, type Kysely } from 'kysely';
import type { DB, RegionTable } from '../../platform/db/schema.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';

/**
 * The region tree (县→镇街→社区村→网格). Its rows carry their own `path`, not a `region_path`:
 * the viewer's part of it is the ScopedDb's `regionsInScope()`.
 */
export function regionsRepository(scoped: ScopedDb) {
  return {
    /** The scope's region and everything under it, siblings in their sort order. */
    tree: () =>
      scoped
        .regionsInScope()
        .select(['id', 'parent_id', 'code', 'code_is_local', 'name', 'level', 'kind', 'smart_tier', 'smart_target_tier'])
        .orderBy('sort')
        .orderBy('id')
        .execute(),

    byId: (id: number) => scoped.regionsInScope().selectAll().where('id', '=', id).executeTakeFirst(),

    /**
     * Names of regions by id, wherever they are: a region's ancestors above the viewer's own
     * region are shown as its path.
     */
    names: (ids: number[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : scoped.unscoped.selectFrom('regions').select(['id', 'name']).where('id', 'in', ids).execute(),

    /** The scope's communities with the name of their town: where an import may put houses. */
    communities: () =>
      scoped
        .regionsInScope()
        .innerJoin('regions as town', 'town.id', 'regions.parent_id')
        .select(['regions.id', 'regions.name', 'regions.path', 'town.name as town'])
        .where('regions.level', '=', 'community')
        .execute(),

    grids: () => scoped.regionsInScope().select(['id', 'name', 'path', 'parent_id']).where('level', '=', 'grid').execute(),

    /** The scope's towns and streets (镇、街道), in the tree's order: what 各镇（街道） in a task table means. */
    towns: () => scoped.regionsInScope().select(['id', 'name', 'path']).where('level', '=', 'town').orderBy('id').execute(),
    /** The county at the root of the tree, whoever asks: the public column names its government after it. */
    county: () =>
      scoped.unscoped.selectFrom('regions').select(['id', 'name']).where('level', '=', 'county').orderBy('id').executeTakeFirst(),

    /** The scope's figures (a region's page and the home page); each is one indexed prefix scan. */
    figures: (today: string) => figuresOf(scoped, today),
  };
}

export type RegionsRepository = ReturnType<typeof regionsRepository>;
export type RegionNodeRow = Awaited<ReturnType<RegionsRepository['tree']>>[number];
export type RegionRow = NonNullable<Awaited<ReturnType<RegionsRepository['byId']>>>;
export type RegionFigures = Awaited<ReturnType<RegionsRepository['figures']>>;

async function figuresOf(scoped: ScopedDb, today: string) {
  // A region's figures are the whole region's, for everyone who reads it: property staff, whose
  // lists stop at their company's estates, see the same counts as the community.
  const region = new ScopedDb(scoped.unscoped, { path: scoped.scope.path, estateIds: null });
  const over60Born = sql<string>`(${today}::date - interval '60 years')::date`;
  const count = region.unscoped.fn.countAll<number>().as('n');
  const [residents, households, houses, vehicles, grids, gridWorkers] = await Promise.all([
    region
      .selectFrom('residents')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>(eb.case().when('residents.birth_date', '<=', over60Born).then(1).end()).as('over60'),
      ])
      .where('residents.moved_out_on', 'is', null)
      .executeTakeFirstOrThrow(),
    region.selectFrom('households').select(count).executeTakeFirstOrThrow(),
    region
      .selectFrom('houses')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>(eb.case().when('houses.house_use', '=', 'rented').then(1).end()).as('rented'),
      ])
      .executeTakeFirstOrThrow(),
    region.selectFrom('vehicles').select(count).executeTakeFirstOrThrow(),
    scoped.regionsInScope().select(count).where('level', '=', 'grid').executeTakeFirstOrThrow(),
    region.selectFrom('grid_workers').select(count).executeTakeFirstOrThrow(),
  ]);
  return {
    residents: Number(residents.total),
    over60: Number(residents.over60),
    households: Number(households.n),
    houses: Number(houses.total),
    rentedHouses: Number(houses.rented),
    vehicles: Number(vehicles.n),
    grids: Number(grids.n),
    gridWorkers: Number(gridWorkers.n),
  };
}

/** What the seed writes of a region; its path follows from its parent's. */
export interface RegionInput {
  code: string;
  name: string;
  level: RegionTable['level'];
  kind: string;
  sort: number;
  code_is_local?: boolean;
  smart_tier?: string | null;
  smart_target_tier?: string | null;
  smart_pilot_year?: number | null;
  smart_source?: string | null;
  smart_note?: string | null;
}

/** Writes to the region tree, which only the seed makes (regions.seed.ts). */
export function regionTreeWrites(db: Kysely<DB>) {
  return {
    byCode: (code: string) => db.selectFrom('regions').select(['id', 'path']).where('code', '=', code).executeTakeFirst(),

    refresh: (id: number, input: RegionInput) =>
      db
        .updateTable('regions')
        .set({ ...input })
        .where('id', '=', id)
        .execute(),

    /** Inserts a region under its parent and gives it its path ('/1/4/' + its id). */
    async insert(parentId: number | null, parentPath: string, input: RegionInput): Promise<{ id: number; path: string }> {
      const { id } = await db
        .insertInto('regions')
        .values({ ...input, parent_id: parentId, path: 'pending' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const path = `${parentPath}${id}/`;
      await db.updateTable('regions').set({ path }).where('id', '=', id).execute();
      return { id, path };
    },
  };
}
