import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';

/**
 * Whether this database holds an install: the mark in app_meta that a first start (or
 * `civicgrid generate`) finished, and whether anything of one is there at all (the region tree
 * is the first thing an install writes).
 */
const INSTALL_MARK = 'demo_county_loaded';

export function installRepository(db: Kysely<DB>) {
  return {
    async isMarked() {
      return (await db.selectFrom('app_meta').select('value').where('key', '=', INSTALL_MARK).executeTakeFirst()) !== undefined;
    },

    async hasRegions() {
      return (await db.selectFrom('regions').select('id').limit(1).executeTakeFirst()) !== undefined;
    },

    async mark(value: 'demo' | 'production') {
      await db
        .insertInto('app_meta')
        .values({ key: INSTALL_MARK, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
        .execute();
    },
  };
}
