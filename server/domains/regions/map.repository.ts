import { sql } from 'kysely';
import type { AreaGeometry } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';

/**
 * What the maps read and the areas they draw. Places on a map are public facts — where a town,
 * a community, an estate, a building or a village house's 门牌 stands, and its name — and are the
 * same for everyone, so they are read through `unscoped`; nothing here reads people, cases, or
 * any fact of a house but a village house's door plate and point (docs/decisions/049).
 */
export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface AreaWrite {
  region_id: number;
  geometry: AreaGeometry;
  source: 'official' | 'approximate';
  note: string;
}

export function mapRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  /**
   * Village houses (each has its point, migration 0036) named by their 门牌 within the village —
   * 3组15号 — as the words of a point already begin with the village (小河村 · 3组15号附近约20米).
   */
  const villageHouses = () =>
    db
      .selectFrom('houses')
      .select(sql<string>`coalesce(houses.village_group, '') || houses.door_number`.as('name'))
      .where('houses.door_number', 'is not', null);
  return {
    /** Towns and communities with their positions and areas, the county's own, parents first. */
    areas: () =>
      db
        .selectFrom('regions')
        .leftJoin('region_areas as area', 'area.region_id', 'regions.id')
        .leftJoin('regions as parent', 'parent.id', 'regions.parent_id')
        // prettier-ignore
        .select([
          'regions.id',
          'regions.parent_id',
          'regions.level',
          'regions.name',
          'regions.code',
          'regions.lon',
          'regions.lat',
          'parent.name as parent_name',
          'area.source',
          'area.geometry',
        ])
        .where('regions.level', 'in', ['town', 'community'])
        .orderBy('regions.level', 'desc')
        .orderBy('regions.sort')
        .orderBy('regions.id')
        .execute(),

    /** Estates and buildings (with their estate's name) with a position inside the bounds, at most `limit` of each. */
    async placesIn(b: Bounds, limit: number) {
      const [estates, buildings, houses] = await Promise.all([
        db.selectFrom('estates').select(['id', 'name', 'lon', 'lat']).where(inside('estates', b)).orderBy('id').limit(limit).execute(),
        db
          .selectFrom('buildings')
          .innerJoin('estates', 'estates.id', 'buildings.estate_id')
          .select(['buildings.id', 'buildings.name', 'estates.name as estate_name', 'buildings.lon', 'buildings.lat'])
          .where(inside('buildings', b))
          .orderBy('buildings.id')
          .limit(limit)
          .execute(),
        villageHouses()
          .select(['houses.id', 'houses.lon', 'houses.lat'])
          .where(inside('houses', b))
          .orderBy('houses.id')
          .limit(limit)
          .execute(),
      ]);
      return { estates, buildings, villageHouses: houses };
    },

    /**
     * Every estate and building with a position (the buildings with their estate's name), and
     * every village house by its 门牌: each process keeps them (places.live.ts).
     */
    async positionedPlaces() {
      const [estates, buildings, houses] = await Promise.all([
        db
          .selectFrom('estates')
          .select(['name', 'lon', 'lat'])
          .where('lon', 'is not', null)
          .where('lat', 'is not', null)
          .$narrowType<{ lon: number; lat: number }>()
          .execute(),
        db
          .selectFrom('buildings')
          .innerJoin('estates', 'estates.id', 'buildings.estate_id')
          .select(['buildings.name', 'estates.name as estate_name', 'buildings.lon', 'buildings.lat'])
          .where('buildings.lon', 'is not', null)
          .where('buildings.lat', 'is not', null)
          .$narrowType<{ lon: number; lat: number }>()
          .execute(),
        villageHouses().select(['houses.lon', 'houses.lat']).$narrowType<{ lon: number; lat: number }>().execute(),
      ]);
      return { estates, buildings, villageHouses: houses };
    },

    /**
     * Stores areas in one statement. An approximate area never replaces an official one: a
     * boundary the county imported stays until another official one comes.
     */
    async storeAreas(rows: readonly AreaWrite[]) {
      if (rows.length === 0) return;
      await db
        .insertInto('region_areas')
        .values(rows.map((r) => ({ ...r, geometry: JSON.stringify(r.geometry) })))
        .onConflict((oc) =>
          oc
            .column('region_id')
            .doUpdateSet({
              geometry: (eb) => eb.ref('excluded.geometry'),
              source: (eb) => eb.ref('excluded.source'),
              note: (eb) => eb.ref('excluded.note'),
              updated_at: sql<Date>`now()`,
            })
            .where(sql<boolean>`region_areas.source = 'approximate' OR excluded.source = 'official'`),
        )
        .execute();
    },
  };
}

/** A position inside the bounds: a latitude range (indexed, migrations/0013) and a longitude filter. */
const inside = (table: 'estates' | 'buildings' | 'houses', b: Bounds) =>
  sql<boolean>`${sql.ref(`${table}.lat`)} BETWEEN ${b.south} AND ${b.north} AND ${sql.ref(`${table}.lon`)} BETWEEN ${b.west} AND ${b.east}`;

export type MapRepository = ReturnType<typeof mapRepository>;
export type AreaRow = Awaited<ReturnType<MapRepository['areas']>>[number];
