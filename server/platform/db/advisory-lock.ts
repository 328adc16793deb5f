import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * Runs `work` in one process at a time across every process on this database (timers and
 * sweeps, ../shared/ARCHITECTURE.md "Several processes"): a session-level advisory lock on one
 * pooled connection, which `work` is given and should use. With `wait`, it waits its turn
 * (start-up work every process needs done); otherwise, when another process holds the lock,
 * it skips the round and answers null. PGlite has one connection, so work on another would
 * wait for this one forever.
 */
export async function withAdvisoryLock<T>(
  db: Kysely<DB>,
  key: number,
  work: (conn: Kysely<DB>) => Promise<T>,
  options: { wait: boolean },
): Promise<T | null> {
  return db.connection().execute(async (conn) => {
    if (options.wait) await sql`select pg_advisory_lock(${key})`.execute(conn);
    else {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(conn);
      if (!rows[0].locked) return null;
    }
    try {
      return await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}
