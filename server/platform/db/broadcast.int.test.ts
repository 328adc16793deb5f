import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/use-test-database.js';
import { openDatabase } from './database.js';
import { broadcast } from './broadcast.js';

/**
 * Messages between server processes (what a calendar change or a category change uses to reach
 * every process): delivered on commit, never on rollback, and, on PostgreSQL, to another process
 * and again after the listening connection is dropped.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const t = useTestDatabase();

const channel = () => `cg_test_${randomBytes(4).toString('hex')}`;
const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('broadcast', () => {
  it('reaches a listener on the same database, at commit and not on rollback', async () => {
    const heard: (string | null)[] = [];
    const name = channel();
    const stop = await t.database.listen(name, (p) => heard.push(p));
    await broadcast(t.db, name, 'first');
    await t.db.transaction().execute(async (trx) => broadcast(trx, name, 'committed'));
    await t.db
      .transaction()
      .execute(async (trx) => {
        await broadcast(trx, name, 'rolled back');
        throw new Error('roll back');
      })
      .catch(() => {});
    await until(() => heard.length >= 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual(['first', 'committed']);
    await stop();
    await broadcast(t.db, name, 'after stop');
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual(['first', 'committed']);
  });

  it.skipIf(!onPostgres)('crosses processes on PostgreSQL, and tells listeners to reload after the connection is dropped', async () => {
    const other = await openDatabase({ url: t.database.url!, poolSize: 2 });
    try {
      const heard: (string | null)[] = [];
      const name = channel();
      await t.database.listen(name, (p) => heard.push(p));
      await broadcast(other.db, name, 'from elsewhere');
      await until(() => heard.length >= 1);
      expect(heard).toEqual(['from elsewhere']);
      // The listening connection is killed, as a database restart would.
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE ${`LISTEN "${name}"%`}`.execute(other.db);
      await until(() => heard.includes(null));
      expect(heard).toContain(null);
      await broadcast(other.db, name, 'after reconnect');
      await until(() => heard.includes('after reconnect'));
      expect(heard.at(-1)).toBe('after reconnect');
    } finally {
      await other.close();
    }
  });
});
