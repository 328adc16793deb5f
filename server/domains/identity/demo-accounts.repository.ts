import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';

/**
 * What a demo account is attached to in the generated county: its region, unit, property
 * company, resident or 网格员 (grid worker) record. Seed-time reads, before any viewer exists:
 * what lies inside a community is read through a ScopedDb over that community.
 */
export function demoAccountsRepository(db: Kysely<DB>) {
  const inside = (regionPath: string) => new ScopedDb(db, { path: regionPath, estateIds: null });
  return {
    region: (name: string, level: 'county' | 'town' | 'community') =>
      db.selectFrom('regions').select(['id', 'name', 'path']).where('name', '=', name).where('level', '=', level).executeTakeFirst(),

    firstGridOf: (communityName: string) =>
      db
        .selectFrom('regions as grid')
        .innerJoin('regions as community', 'community.id', 'grid.parent_id')
        .select(['grid.id', 'grid.name', 'grid.path'])
        .where('community.name', '=', communityName)
        .where('grid.level', '=', 'grid')
        .orderBy('grid.id')
        .executeTakeFirst(),

    unitNamed: (name: string) => db.selectFrom('org_units').select('id').where('name', '=', name).executeTakeFirst(),

    /** The company managing the first managed estate of the region. */
    firstPropertyCompanyIn: (regionPath: string) =>
      inside(regionPath)
        .selectFrom('estates')
        .select('estates.property_company_id')
        .where('estates.property_company_id', 'is not', null)
        .orderBy('estates.id')
        .executeTakeFirst(),

    /** The first householder still living in the region. */
    firstHouseholderIn: (regionPath: string) =>
      inside(regionPath)
        .selectFrom('residents')
        .select(['residents.id', 'residents.name'])
        .where('residents.relation', '=', 'self')
        .where('residents.moved_out_on', 'is', null)
        .orderBy('residents.id')
        .executeTakeFirst(),

    firstWorkerOfGrid: (gridId: number) =>
      db.selectFrom('grid_workers').select(['id', 'name']).where('grid_id', '=', gridId).orderBy('id').executeTakeFirst(),

    /** The grid worker record signs in with this account. */
    linkWorker: async (workerId: number, userId: number) => {
      await db.updateTable('grid_workers').set({ user_id: userId }).where('id', '=', workerId).execute();
    },
  };
}
