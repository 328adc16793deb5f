import type { SelectQueryBuilder } from 'kysely';
import type { HouseFilters } from '../../../common/contracts/regions.js';
import type { DB } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { anyOf } from '../../platform/db/any-of.js';
import { containing } from '../../platform/db/text-search.js';
import { pageOf } from '../../platform/paging.js';

/** A house list's filters once the scope (regionId) is in the ScopedDb. */
export type HouseFilter = Omit<HouseFilters, 'regionId'>;

const SORTS = { address: 'houses.standard_address', area: 'houses.area', id: 'houses.id' } as const;
type HouseSort = keyof typeof SORTS;

type HouseQB = SelectQueryBuilder<DB, 'houses', object>;

/** The houses of the viewer's scope (region, and for property staff their company's estates). */
export function housesRepository(scoped: ScopedDb) {
  const filtered = (f: HouseFilter) => {
    let q = scoped.selectFrom('houses');
    if (f.houseUse) q = q.where('houses.house_use', '=', f.houseUse);
    if (f.estateId) q = q.where('houses.estate_id', '=', f.estateId);
    if (f.gridId) q = q.where('houses.grid_id', '=', f.gridId);
    // 标准地址 search: the address holds estate, building, unit and room (or 组 and 门牌号), so one substring test covers them.
    if (f.q) q = q.where('houses.standard_address', 'like', containing(f.q));
    return q;
  };
  return {
    list: (f: HouseFilter, page: { offset: number; limit: number; sort: HouseSort; order: 'asc' | 'desc' }) =>
      pageOf(
        withColumns(filtered(f)).orderBy(SORTS[page.sort], page.order).orderBy('houses.id').offset(page.offset).limit(page.limit),
        filtered(f),
      ),

    /** Houses in id order after `afterId`: an export's keyset pages. */
    after: (f: HouseFilter, afterId: number, limit: number) =>
      withColumns(filtered(f)).where('houses.id', '>', afterId).orderBy('houses.id').limit(limit).execute(),

    byId: (id: number) => withColumns(filtered({})).where('houses.id', '=', id).executeTakeFirst(),

    /**
     * A house's households, read with the house, which is the scope check: a household keeps the
     * path its house had when it was made, and a house an import moves to another grid does not
     * move its households.
     */
    householdsOf: (houseId: number) =>
      scoped.unscoped
        .selectFrom('households')
        .leftJoin('residents', 'residents.id', 'households.householder_id')
        .select(['households.id', 'households.household_no', 'residents.name as householder_name'])
        .where('households.house_id', '=', houseId)
        .orderBy('households.id')
        .execute(),

    /** Where a house is — community, grid and region path — when it is in the scope. */
    placeOf: (id: number) =>
      scoped
        .selectFrom('houses')
        .select(['houses.id', 'houses.community_id', 'houses.grid_id', 'houses.region_path'])
        .where('houses.id', '=', id)
        .executeTakeFirst(),

    /** Houses of the scope by 标准地址, with where each is. */
    byAddress: (addresses: string[]) =>
      scoped
        .selectFrom('houses')
        .select(['houses.id', 'houses.community_id', 'houses.grid_id', 'houses.region_path', 'houses.standard_address'])
        .where('houses.standard_address', '=', anyOf(addresses))
        .execute(),
  };
}

function withColumns(q: HouseQB) {
  // prettier-ignore
  // Left joins: a village house (migration 0036) has no estate, building or unit.
  return q
    .leftJoin('estates', 'estates.id', 'houses.estate_id')
    .leftJoin('building_units', 'building_units.id', 'houses.unit_id')
    .leftJoin('buildings', 'buildings.id', 'building_units.building_id')
    .innerJoin('regions as community', 'community.id', 'houses.community_id')
    .leftJoin('regions as grid', 'grid.id', 'houses.grid_id')
    .select((eb) => [
      'houses.id', 'houses.standard_address', 'houses.room', 'houses.floor', 'houses.village_group', 'houses.door_number',
      'houses.lon', 'houses.lat', 'houses.area', 'houses.house_use', 'houses.rental_mode',
      'houses.rental_channel', 'houses.monthly_rent', 'houses.tenant_count', 'houses.estate_id', 'houses.grid_id', 'houses.community_id',
      'estates.name as estate_name', 'buildings.name as building_name', 'building_units.name as unit_name',
      'community.name as community_name', 'grid.name as grid_name',
      eb.selectFrom('residents').select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('residents.house_id', '=', 'houses.id').where('residents.moved_out_on', 'is', null).as('resident_count'),
    ]);
}

export type HousesRepository = ReturnType<typeof housesRepository>;
export type HouseRow = NonNullable<Awaited<ReturnType<HousesRepository['byId']>>>;
