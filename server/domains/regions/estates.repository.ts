import { sql } from 'kysely';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { containing } from '../../platform/db/text-search.js';
import { pageOf } from '../../platform/paging.js';

/** The estates (小区) of the viewer's scope, with their buildings (楼栋) and units (单元). */
export function estatesRepository(scoped: ScopedDb) {
  // An estate belongs to a community but may span grids: a grid worker sees the estates that
  // have at least one house in their grid. So an estate is in scope by its own path or by a
  // house's; both subqueries are the ScopedDb's, which also keeps property staff to their
  // company's estates.
  const inScope = (q?: string) => {
    const estates = scoped.unscoped
      .selectFrom('estates')
      .where((eb) =>
        eb.or([
          eb('estates.id', 'in', scoped.selectFrom('estates').select('estates.id')),
          eb.exists(scoped.selectFrom('houses').select('houses.id').where('houses.estate_id', '=', eb.ref('estates.id'))),
        ]),
      );
    return q ? estates.where('estates.name', 'like', containing(q)) : estates;
  };
  // prettier-ignore
  const withColumns = (q?: string) =>
    inScope(q)
      .innerJoin('regions as community', 'community.id', 'estates.community_id')
      .leftJoin('property_companies', 'property_companies.id', 'estates.property_company_id')
      .select((eb) => [
        'estates.id', 'estates.name', 'estates.address', 'estates.built_year', 'estates.community_id', 'community.name as community_name',
        'property_companies.id as company_id', 'property_companies.name as company_name',
        eb.selectFrom('buildings').select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('buildings.estate_id', '=', 'estates.id').as('building_count'),
        eb.selectFrom('houses').select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('houses.estate_id', '=', 'estates.id').as('house_count'),
      ]);
  return {
    list: (q: string | undefined, page: { offset: number; limit: number }) =>
      pageOf(withColumns(q).orderBy('estates.region_path').orderBy('estates.id').offset(page.offset).limit(page.limit), inScope(q)),

    byId: (id: number) => withColumns().where('estates.id', '=', id).executeTakeFirst(),

    /** An estate's buildings, one row per unit, in their natural order (2号楼 before 10号楼). */
    // prettier-ignore
    unitsOf: (estateId: number) =>
      scoped.unscoped
        .selectFrom('buildings')
        .innerJoin('building_units', 'building_units.building_id', 'buildings.id')
        .leftJoin('regions as grid', 'grid.id', 'buildings.grid_id')
        .select((eb) => [
          'buildings.id as building_id', 'buildings.name as building_name', 'buildings.floors', 'buildings.grid_id', 'grid.name as grid_name',
          'buildings.lon', 'buildings.lat',
          'building_units.id as unit_id', 'building_units.name as unit_name',
          eb.selectFrom('houses').select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('houses.unit_id', '=', 'building_units.id').as('house_count'),
        ])
        .where('buildings.estate_id', '=', estateId)
        .orderBy(sql`length(buildings.name)`)
        .orderBy('buildings.name')
        .orderBy('building_units.name')
        .execute(),
  };
}

export type EstatesRepository = ReturnType<typeof estatesRepository>;
export type EstateRow = NonNullable<Awaited<ReturnType<EstatesRepository['byId']>>>;
export type EstateUnitRow = Awaited<ReturnType<EstatesRepository['unitsOf']>>[number];
