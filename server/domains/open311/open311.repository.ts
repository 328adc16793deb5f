import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * Open311's own table: the client applications allowed to file requests, by the SHA-256 of their
 * key. What Open311 reads of cases is the case engine's public read model (cases/index.ts).
 */
const CLIENT_COLUMNS = ['id', 'name', 'active', 'created_at'] as const;

export function open311ClientsRepository(db: Kysely<DB>) {
  return {
    activeByKeyHash: (sha256: string) =>
      db
        .selectFrom('open311_clients')
        .select(['id', 'name'])
        .where('api_key_sha256', '=', sha256)
        .where('active', '=', true)
        .executeTakeFirst(),

    /** Registers a client under a name, or gives the one of that name a new key and makes it active. */
    async upsert(name: string, sha256: string) {
      await db
        .insertInto('open311_clients')
        .values({ name, api_key_sha256: sha256, active: true })
        .onConflict((oc) => oc.column('name').doUpdateSet({ api_key_sha256: sha256, active: true }))
        .execute();
    },

    async deactivateByName(name: string) {
      await db.updateTable('open311_clients').set({ active: false }).where('name', '=', name).execute();
    },

    /** A new client, or undefined when the name is taken. */
    insert: (name: string, sha256: string) =>
      db
        .insertInto('open311_clients')
        .values({ name, api_key_sha256: sha256 })
        .onConflict((oc) => oc.column('name').doNothing())
        .returning(['id', 'name'])
        .executeTakeFirst(),

    all: () => db.selectFrom('open311_clients').select(CLIENT_COLUMNS).orderBy('id').execute(),

    byId: (id: number) => db.selectFrom('open311_clients').select(CLIENT_COLUMNS).where('id', '=', id).executeTakeFirst(),

    /** Deactivates an active client; undefined when there is none with that id, or it was inactive. */
    deactivateById: (id: number) =>
      db
        .updateTable('open311_clients')
        .set({ active: false })
        .where('id', '=', id)
        .where('active', '=', true)
        .returning(CLIENT_COLUMNS)
        .executeTakeFirst(),
  };
}
export type Open311ClientsRepository = ReturnType<typeof open311ClientsRepository>;
