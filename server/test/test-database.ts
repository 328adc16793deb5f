import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';

/** Set by global-setup.ts in the runner process; test workers inherit it. */
export const TEMPLATE_ENV = 'CIVICGRID_TEST_TEMPLATE';
export const templateFileFor = (pid: number) => path.join(os.tmpdir(), 'civicgrid-test', `template-${pid}.tar`);

/**
 * A fresh, migrated, empty database for one test file: a copy of the PGlite template, or, when
 * TEST_DATABASE_URL points at PostgreSQL, a new database on that server dropped on close.
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = new Blob([readFileSync(process.env[TEMPLATE_ENV]!)]);
    return openDatabase({ loadDataDir: template });
  }
  const name = `civicgrid_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ url: testUrl.toString(), poolSize: 4 });
  await migrate(database.db);
  return {
    ...database,
    url: testUrl.toString(),
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
