import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * Tells every server process something changed (Database.listen hears it). Inside a transaction
 * PostgreSQL delivers it at commit, and not at all on rollback: a change nobody made is never
 * announced.
 */
export async function broadcast(db: Kysely<DB>, channel: string, payload = ''): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${payload})`.execute(db);
}
