import type { RoadGeometry } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import type { Bounds } from './map.repository.js';

/**
 * The county's roads (migrations/0035). Like every place on a map they are public facts, the same
 * for everyone, so they are read and written through `unscoped` (map.repository.ts).
 */
export interface RoadWrite {
  name: string;
  kind: string | null;
  geometry: RoadGeometry;
  west: number;
  south: number;
  east: number;
  north: number;
  source: string;
}

export function roadsRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  const insert = async (rows: readonly RoadWrite[]) => {
    // A county's layer can be tens of thousands of sections: stay under the bind-parameter limit.
    for (let i = 0; i < rows.length; i += 2000)
      await db
        .insertInto('roads')
        .values(rows.slice(i, i + 2000).map((r) => ({ ...r, geometry: JSON.stringify(r.geometry) })))
        .execute();
  };
  return {
    /** Every road's name and lines: each process keeps them (places.live.ts). */
    all: () => db.selectFrom('roads').select(['name', 'geometry']).orderBy('id').execute(),

    /** Roads whose bounding box meets the bounds, at most `limit`. */
    within: (b: Bounds, limit: number) =>
      db
        .selectFrom('roads')
        .select(['id', 'name', 'kind', 'geometry'])
        .where('south', '<=', b.north)
        .where('north', '>=', b.south)
        .where('west', '<=', b.east)
        .where('east', '>=', b.west)
        .orderBy('id')
        .limit(limit)
        .execute(),

    /** How many roads the county has. */
    count: async () =>
      Number(
        (
          await db
            .selectFrom('roads')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),

    /** The road layer replaced by a new one (the county's file is the whole layer); returns how many roads there were. */
    async replaceAll(rows: readonly RoadWrite[]) {
      const removed = await db.deleteFrom('roads').executeTakeFirst();
      await insert(rows);
      return Number(removed.numDeletedRows);
    },

    insert,
  };
}

export type RoadsRepository = ReturnType<typeof roadsRepository>;
