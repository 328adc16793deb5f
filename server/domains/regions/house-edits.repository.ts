import type { Insertable, Updateable } from 'kysely';
import type { HouseTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';

/**
 * The writes of 房屋 in the admin and the reads they are checked by. A house is where its grid is
 * (else its community): the service asks whether that region is in the viewer's scope, so a grid
 * worker registers the houses of their grid and a community's staff those of their community.
 */
export function houseEditsRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  return {
    /** Everything a 标准地址 is made of, from a unit up to its town, wherever it is (the scope is checked on the house's region). */
    // prettier-ignore
    unitPlace: (unitId: number) =>
      db
        .selectFrom('building_units')
        .innerJoin('buildings', 'buildings.id', 'building_units.building_id')
        .innerJoin('estates', 'estates.id', 'buildings.estate_id')
        .innerJoin('regions as community', 'community.id', 'estates.community_id')
        .innerJoin('regions as town', 'town.id', 'community.parent_id')
        .select([
          'building_units.id as unit_id', 'building_units.name as unit_name', 'buildings.id as building_id',
          'buildings.name as building_name', 'buildings.grid_id as building_grid_id', 'estates.id as estate_id',
          'estates.name as estate_name', 'community.id as community_id', 'community.name as community_name',
          'community.path as community_path', 'town.name as town_name',
        ])
        .where('building_units.id', '=', unitId)
        .executeTakeFirst(),

    /** A community and its town, for a village house's 标准地址 (the scope is checked on the house's region). */
    communityPlace: (communityId: number) =>
      db
        .selectFrom('regions as community')
        .innerJoin('regions as town', 'town.id', 'community.parent_id')
        .select(['community.id as community_id', 'community.name as community_name', 'town.name as town_name'])
        .where('community.id', '=', communityId)
        .where('community.level', '=', 'community')
        .executeTakeFirst(),

    /** A region (the house's grid or community) when it is in the viewer's scope. */
    regionInScope: (id: number) =>
      scoped.regionsInScope().select(['regions.id', 'regions.path']).where('regions.id', '=', id).executeTakeFirst(),

    // prettier-ignore
    house: (id: number) =>
      scoped
        .selectFrom('houses')
        .select([
          'houses.id', 'houses.unit_id', 'houses.estate_id', 'houses.community_id', 'houses.grid_id', 'houses.region_path', 'houses.room',
          'houses.floor', 'houses.village_group', 'houses.door_number', 'houses.lon', 'houses.lat', 'houses.area', 'houses.house_use', 'houses.rental_mode', 'houses.rental_channel', 'houses.monthly_rent',
          'houses.tenant_count', 'houses.standard_address',
        ])
        .where('houses.id', '=', id)
        .executeTakeFirst(),

    /** 标准地址 is unique in the county (migrations/0002), so this looks beyond the scope. */
    addressTaken: (address: string) => db.selectFrom('houses').select('id').where('standard_address', '=', address).executeTakeFirst(),

    insert: async (values: Insertable<HouseTable>) =>
      (await db.insertInto('houses').values(values).returning('id').executeTakeFirstOrThrow()).id,

    update: (id: number, values: Updateable<HouseTable>) =>
      scoped
        .updateTable('houses')
        .set({ ...values, updated_at: new Date() })
        .where('houses.id', '=', id)
        .execute(),
  };
}

export type HouseEditsRepository = ReturnType<typeof houseEditsRepository>;
export type HouseEditRow = NonNullable<Awaited<ReturnType<HouseEditsRepository['house']>>>;
export type UnitPlace = NonNullable<Awaited<ReturnType<HouseEditsRepository['unitPlace']>>>;
export type CommunityPlace = NonNullable<Awaited<ReturnType<HouseEditsRepository['communityPlace']>>>;
