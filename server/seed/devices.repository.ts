import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, IotDeviceTable } from '../platform/db/schema.js';

/** What the demo's device generator (devices.ts) reads of the county, and its one write. */
export interface SeedEstate {
  id: number;
  community_id: number;
  region_path: string;
  name: string;
  lon: number | null;
  lat: number | null;
}
export interface SeedBuilding {
  id: number;
  estate_id: number;
  name: string;
  floors: number;
  grid_id: number | null;
  lon: number | null;
  lat: number | null;
}

export function devicesSeedRepository(db: Kysely<DB>) {
  return {
    estates: (): Promise<SeedEstate[]> =>
      db.selectFrom('estates').select(['id', 'community_id', 'region_path', 'name', 'lon', 'lat']).orderBy('id').execute(),

    buildings: (): Promise<SeedBuilding[]> =>
      db.selectFrom('buildings').select(['id', 'estate_id', 'name', 'floors', 'grid_id', 'lon', 'lat']).orderBy('id').execute(),

    /** Urban communities (社区, not 村): where the manholes, septic tanks and pump rooms are. */
    communities: () =>
      db
        .selectFrom('regions')
        .select(['id', 'path', 'name', 'lon', 'lat'])
        .where('level', '=', 'community')
        .where('name', 'like', '%社区')
        .orderBy('id')
        .execute(),

    gridPaths: async () =>
      new Map(
        (await db.selectFrom('regions').select(['id', 'path']).where('level', '=', 'grid').execute()).map((g) => [g.id, g.path] as const),
      ),

    /** The first `limit` homes, by house id, of residents over 60 tagged 独居, with where they are. */
    elderlyLivingAloneHomes: (limit: number) =>
      db
        .selectFrom('residents as r')
        .innerJoin('houses as h', 'h.id', 'r.house_id')
        // Left joins: an elderly villager's home is a village house, in no estate (docs/decisions/049).
        .leftJoin('building_units as u', 'u.id', 'h.unit_id')
        .leftJoin('buildings as b', 'b.id', 'u.building_id')
        .leftJoin('estates as e', 'e.id', 'h.estate_id')
        .select([
          'h.id as house_id',
          'h.grid_id',
          'h.community_id',
          'h.region_path',
          'h.estate_id',
          'b.id as building_id',
          'h.floor',
          sql<number | null>`coalesce(h.lon, b.lon, e.lon)`.as('lon'),
          sql<number | null>`coalesce(h.lat, b.lat, e.lat)`.as('lat'),
          sql<string>`coalesce(e.name || b.name || u.name || h.room || '室', coalesce(h.village_group, '') || h.door_number)`.as('place'),
        ])
        .where(sql<boolean>`r.tags @> ARRAY['living_alone']::text[]`)
        .where('r.birth_date', '<=', sql<string>`(current_date - interval '60 years')::date`)
        .distinctOn('h.id')
        .orderBy('h.id')
        .limit(limit)
        .execute(),

    async insertDevices(rows: Insertable<IotDeviceTable>[]) {
      for (let i = 0; i < rows.length; i += 500)
        await db
          .insertInto('iot_devices')
          .values(rows.slice(i, i + 500))
          .execute();
    },
  };
}
