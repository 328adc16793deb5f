import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';

/** Set by global-setup.ts in the runner process; test workers inherit it. */
export const TEMPLATE_ENV = 'CIVICGRID_TEST_TEMPLATE';
/** The migrated PostgreSQL database each test file's database is copied from (global-setup.ts). */
export const PG_TEMPLATE_ENV = 'CIVICGRID_TEST_PG_TEMPLATE';
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
  const template = process.env[PG_TEMPLATE_ENV];
  const created = await createPostgresDatabase(url, 'civicgrid_test', template);
  const database = await openDatabase({ url: created.url, poolSize: 4 });
  if (!template) await migrate(database.db);
  return {
    ...database,
    url: created.url,
    close: async () => {
      await database.close();
      await created.drop();
    },
  };
}

/**
 * A new database on the PostgreSQL server at `serverUrl`, empty or a copy of `template`, and how
 * to drop it.
 */
export async function createPostgresDatabase(
  serverUrl: string,
  prefix: string,
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await runOnServer(serverUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => runOnServer(serverUrl, `drop database if exists ${name} with (force)`) };
}

async function runOnServer(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
