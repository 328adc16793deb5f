import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { createPostgresDatabase, PG_TEMPLATE_ENV, TEMPLATE_ENV, templateFileFor } from './test-database.js';

/**
 * Opening a new database and migrating it takes a second or more; doing it once and handing
 * every test file a copy keeps the suite fast. On PGlite the copy is the migrated data directory;
 * against PostgreSQL it is a database made with `create database … template` from one migrated
 * here (see test-database.ts).
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = await createPostgresDatabase(url, 'civicgrid_template');
    const database = await openDatabase({ url: template.url, poolSize: 1 });
    await migrate(database.db);
    // A template must have no sessions when it is copied.
    await database.close();
    process.env[PG_TEMPLATE_ENV] = new URL(template.url).pathname.slice(1);
    return template.drop;
  }
  const database = await openDatabase({});
  await migrate(database.db);
  const dump = await database.dumpDataDir!();
  await database.close();
  const file = templateFileFor(process.pid);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env[TEMPLATE_ENV] = file;
  return () => rmSync(file, { force: true });
}
