import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { useTestDatabase } from '../../test/use-test-database.js';

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
});
