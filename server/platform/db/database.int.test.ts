import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { useTestDatabase } from '../../test/use-test-database.js';
import { prepared } from './prepared-statements.js';

describe('database', () => {
  const t = useTestDatabase();

  it('is migrated and returns int8 as numbers and dates as strings', async () => {
    const row = await sql<{ n: number; d: string }>`select count(*) as n, date '2023-09-28' as d from schema_migrations`.execute(t.db);
    expect(row.rows[0].n).toBeGreaterThan(0);
    expect(row.rows[0].d).toBe('2023-09-28');
  });

  it('rolls back a failed transaction', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto('property_companies').values({ name: '回滚物业' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const found = await t.db.selectFrom('property_companies').selectAll().where('name', '=', '回滚物业').execute();
    expect(found).toHaveLength(0);
  });

  it('sends a marked statement as a named one, one name per shape, on PostgreSQL (a comment on PGlite)', async () => {
    const names = await t.db.connection().execute(async (c) => {
      for (const n of [1, 2, 3]) {
        const one = await sql<{ n: number }>`${prepared('probe')}select ${n}::int as n`.execute(c);
        expect(one.rows[0].n).toBe(n);
      }
      // The same name on a statement of another shape must not collide with the first.
      const other = await sql<{ n: number }>`${prepared('probe')}select ${4}::int + 1 as n`.execute(c);
      expect(other.rows[0].n).toBe(5);
      const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(c);
      return rows.map((r) => r.name);
    });
    if (t.database.kind === 'postgres') expect(names.filter((n) => n.startsWith('probe_'))).toHaveLength(2);
    expect(() => prepared('Bad-Name')).toThrow();
  });
});
