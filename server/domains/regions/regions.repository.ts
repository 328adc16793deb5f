import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { under } from '../../platform/scope.js';

export function regionsUnder(db: Kysely<DB>, path: string) {
  return db.selectFrom('regions')
    .select(['id', 'parent_id', 'code', 'code_is_local', 'name', 'level', 'kind', 'path', 'smart_tier', 'smart_target_tier', 'sort'])
    .where('path', 'like', under(path))
    .orderBy('sort').orderBy('id')
    .execute();
}

export function regionById(db: Kysely<DB>, id: number) {
  return db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function regionsByIds(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('regions').select(['id', 'name', 'level']).where('id', 'in', ids).execute();
}

/** Counts for a region's page and dashboards; each is one indexed prefix scan. */
export async function regionStats(db: Kysely<DB>, path: string, today: string) {
  const p = under(path);
  const over60Born = sql<string>`(${today}::date - interval '60 years')::date`;
  const [residents, households, houses, vehicles, grids, gridWorkers] = await Promise.all([
    db.selectFrom('residents')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>(eb.case().when('birth_date', '<=', over60Born).then(1).end()).as('over60'),
      ])
      .where('region_path', 'like', p).where('moved_out_on', 'is', null).executeTakeFirstOrThrow(),
    db.selectFrom('households').select((eb) => eb.fn.countAll<number>().as('n')).where('region_path', 'like', p).executeTakeFirstOrThrow(),
    db.selectFrom('houses')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>(eb.case().when('house_use', '=', 'rented').then(1).end()).as('rented'),
      ])
      .where('region_path', 'like', p).executeTakeFirstOrThrow(),
    db.selectFrom('vehicles').select((eb) => eb.fn.countAll<number>().as('n')).where('region_path', 'like', p).executeTakeFirstOrThrow(),
    db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('path', 'like', p).where('level', '=', 'grid').executeTakeFirstOrThrow(),
    db.selectFrom('grid_workers').select((eb) => eb.fn.countAll<number>().as('n')).where('region_path', 'like', p).executeTakeFirstOrThrow(),
  ]);
  return {
    residents: Number(residents.total), over60: Number(residents.over60),
    households: Number(households.n), houses: Number(houses.total), rentedHouses: Number(houses.rented),
    vehicles: Number(vehicles.n), grids: Number(grids.n), gridWorkers: Number(gridWorkers.n),
  };
}
