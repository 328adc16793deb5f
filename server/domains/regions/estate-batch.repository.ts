import type { Insertable, Updateable } from 'kysely';
import type { EstateTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { anyOf } from '../../platform/db/any-of.js';

/** The reads and writes of an estates import, and the estates a vehicles import parks cars in. */
export function estateBatchRepository(scoped: ScopedDb) {
  return {
    /** Estates of the scope (by their own path) with these names, with their community and town's names. */
    // prettier-ignore
    named: (names: string[]) =>
      scoped
        .selectFrom('estates')
        .innerJoin('regions as community', 'community.id', 'estates.community_id')
        .innerJoin('regions as town', 'town.id', 'community.parent_id')
        .select([
          'estates.id', 'estates.community_id', 'estates.region_path', 'estates.name', 'estates.address', 'estates.built_year',
          'estates.property_company_id', 'estates.lon', 'estates.lat', 'community.name as community_name', 'town.name as town_name',
        ])
        .where('estates.name', '=', anyOf(names))
        .execute(),

    insert: (values: Insertable<EstateTable>) => scoped.unscoped.insertInto('estates').values(values).execute(),

    update: (id: number, values: Updateable<EstateTable>) =>
      scoped.updateTable('estates').set(values).where('estates.id', '=', id).execute(),
  };
}

export type EstateBatchRepository = ReturnType<typeof estateBatchRepository>;
export type NamedEstate = Awaited<ReturnType<EstateBatchRepository['named']>>[number];
