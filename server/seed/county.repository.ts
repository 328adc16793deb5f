import { sql, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';

/**
 * What the county generator reads before it writes (generate-county.ts, county-plan.ts). Its
 * writes are the bulk inserts of platform/db/bulk-insert.ts (docs/decisions/006).
 */
export function countyRepository(db: Kysely<DB>) {
  return {
    async hasResidents() {
      return (await db.selectFrom('residents').select('id').limit(1).executeTakeFirst()) !== undefined;
    },

    /** The region tree as loaded from the region data file, in its display order. */
    regions: () =>
      db
        .selectFrom('regions')
        .select(['id', 'parent_id', 'code', 'name', 'level', 'kind', 'path', 'sort', 'lon', 'lat'])
        .orderBy('sort')
        .orderBy('id')
        .execute(),

    /** Positions the generator gave to regions loaded from the region data file. */
    async placeRegions(positions: readonly { id: number; lon: number; lat: number }[]) {
      for (const p of positions) await db.updateTable('regions').set({ lon: p.lon, lat: p.lat }).where('id', '=', p.id).execute();
    },

    async estateNames() {
      return new Set((await db.selectFrom('estates').select('name').execute()).map((e) => e.name));
    },

    propertyCompaniesNamed: (names: readonly string[]) =>
      db
        .selectFrom('property_companies')
        .select(['id', 'name'])
        .where('name', 'in', [...names])
        .execute(),

    /**
     * PGlite has no autovacuum: without fresh statistics the first queries plan for empty tables,
     * and without VACUUM's visibility map counts cannot be answered from covering indexes alone.
     */
    async vacuumAnalyze(tables?: readonly string[]) {
      if (!tables) await sql`vacuum analyze`.execute(db);
      else for (const table of tables) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
    },
  };
}
