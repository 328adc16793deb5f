import type { ScopedDb } from '../../platform/db/scoped-db.js';
import type { HouseTable } from '../../platform/db/schema.js';
import { anyOf } from '../../platform/db/any-of.js';

/** What a house import sets on a house, new or known. */
export type HouseValues = Pick<
  HouseTable,
  | 'floor'
  | 'lon'
  | 'lat'
  | 'area'
  | 'house_use'
  | 'rental_mode'
  | 'rental_channel'
  | 'monthly_rent'
  | 'tenant_count'
  | 'grid_id'
  | 'region_path'
>;

/** The id of the row `find` finds, or of the one `make` inserts when there is none (a place made on first sight). */
async function foundOrMade(find: () => Promise<{ id: number } | undefined>, make: () => Promise<{ id: number }>) {
  return ((await find()) ?? (await make())).id;
}

/**
 * The statements of a house import (house-batch.ts decides which). Reads go through the
 * ScopedDb; new rows are written under a community the import found in the scope.
 */
export function houseBatchRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  return {
    byAddress: (addresses: string[]) =>
      scoped.selectFrom('houses').selectAll('houses').where('houses.standard_address', '=', anyOf(addresses)).execute(),

    update: (id: number, values: HouseValues) =>
      scoped
        .updateTable('houses')
        .set({ ...values, updated_at: new Date() })
        .where('houses.id', '=', id)
        .execute(),

    /** The estate of that name in the community, made on first sight. */
    estateId: (community: { id: number; path: string }, name: string, address: string) =>
      foundOrMade(
        () =>
          scoped
            .selectFrom('estates')
            .select('estates.id')
            .where('estates.community_id', '=', community.id)
            .where('estates.name', '=', name)
            .executeTakeFirst(),
        () =>
          db
            .insertInto('estates')
            .values({ community_id: community.id, region_path: community.path, name, address })
            .returning('id')
            .executeTakeFirstOrThrow(),
      ),

    /** The unit of that building in the estate, made with its building on first sight; a building grows to its highest floor. */
    async unitId(estateId: number, building: { name: string; floor: number; gridId: number | null }, unit: string) {
      let found = await db
        .selectFrom('buildings')
        .select(['id', 'floors'])
        .where('estate_id', '=', estateId)
        .where('name', '=', building.name)
        .executeTakeFirst();
      if (!found) {
        found = await db
          .insertInto('buildings')
          .values({ estate_id: estateId, name: building.name, floors: Math.max(building.floor, 1), grid_id: building.gridId })
          .returning(['id', 'floors'])
          .executeTakeFirstOrThrow();
      } else if (building.floor > found.floors) {
        await db.updateTable('buildings').set({ floors: building.floor }).where('id', '=', found.id).execute();
      }
      const buildingId = found.id;
      return foundOrMade(
        () =>
          db.selectFrom('building_units').select('id').where('building_id', '=', buildingId).where('name', '=', unit).executeTakeFirst(),
        () => db.insertInto('building_units').values({ building_id: buildingId, name: unit }).returning('id').executeTakeFirstOrThrow(),
      );
    },

    roomTaken: async (unitId: number, room: string) =>
      (await scoped
        .selectFrom('houses')
        .select('houses.id')
        .where('houses.unit_id', '=', unitId)
        .where('houses.room', '=', room)
        .executeTakeFirst()) !== undefined,

    insert: (
      house: HouseValues &
        Pick<HouseTable, 'community_id' | 'standard_address'> &
        Partial<Pick<HouseTable, 'unit_id' | 'estate_id' | 'room' | 'village_group' | 'door_number'>>,
    ) => db.insertInto('houses').values(house).execute(),
  };
}

export type HouseBatchRepository = ReturnType<typeof houseBatchRepository>;
export type StoredHouse = Awaited<ReturnType<HouseBatchRepository['byAddress']>>[number];
