import type { Insertable, Updateable } from 'kysely';
import type { BuildingTable, EstateTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';

/**
 * The writes of 小区 and 楼栋 and the reads they are checked by. An estate is edited only when
 * its own path is in the viewer's scope (a community's staff, a town's, the county's): a grid
 * worker who sees an estate because a house of it lies in their grid does not change it.
 */
export function placeEditsRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  return {
    /** A community of the scope, with its path (a new estate's region). */
    community: (id: number) =>
      scoped
        .regionsInScope()
        .select(['regions.id', 'regions.path'])
        .where('regions.id', '=', id)
        .where('regions.level', '=', 'community')
        .executeTakeFirst(),

    /** A grid of a community, wherever the viewer is: the community has been found in scope first. */
    gridOf: (communityId: number, gridId: number) =>
      db
        .selectFrom('regions')
        .select(['id', 'path'])
        .where('id', '=', gridId)
        .where('parent_id', '=', communityId)
        .where('level', '=', 'grid')
        .executeTakeFirst(),

    // prettier-ignore
    estate: (id: number) =>
      scoped
        .selectFrom('estates')
        .select([
          'estates.id', 'estates.community_id', 'estates.region_path', 'estates.name', 'estates.address', 'estates.built_year',
          'estates.property_company_id', 'estates.lon', 'estates.lat',
        ])
        .where('estates.id', '=', id)
        .executeTakeFirst(),

    /** 小区 names are unique in a community (migrations/0002). */
    estateNamed: (communityId: number, name: string) =>
      db.selectFrom('estates').select('id').where('community_id', '=', communityId).where('name', '=', name).executeTakeFirst(),

    hasHouses: async (estateId: number) =>
      (await db.selectFrom('houses').select('id').where('estate_id', '=', estateId).limit(1).executeTakeFirst()) !== undefined,

    insertEstate: async (values: Insertable<EstateTable>) =>
      (await db.insertInto('estates').values(values).returning('id').executeTakeFirstOrThrow()).id,

    updateEstate: (id: number, values: Updateable<EstateTable>) =>
      scoped.updateTable('estates').set(values).where('estates.id', '=', id).execute(),

    /** A building of an estate the caller has found in scope. */
    building: (estateId: number, buildingId: number) =>
      db.selectFrom('buildings').selectAll().where('estate_id', '=', estateId).where('id', '=', buildingId).executeTakeFirst(),

    /** 楼栋 names are unique in an estate (migrations/0002). */
    buildingNamed: (estateId: number, name: string) =>
      db.selectFrom('buildings').select('id').where('estate_id', '=', estateId).where('name', '=', name).executeTakeFirst(),

    insertBuilding: async (values: Insertable<BuildingTable>, unitNames: string[]) => {
      const { id } = await db.insertInto('buildings').values(values).returning('id').executeTakeFirstOrThrow();
      await db
        .insertInto('building_units')
        .values(unitNames.map((name) => ({ building_id: id, name })))
        .execute();
      return id;
    },

    updateBuilding: (id: number, values: Updateable<BuildingTable>) =>
      db.updateTable('buildings').set(values).where('id', '=', id).execute(),
  };
}

export type PlaceEditsRepository = ReturnType<typeof placeEditsRepository>;
export type EstateEditRow = NonNullable<Awaited<ReturnType<PlaceEditsRepository['estate']>>>;
