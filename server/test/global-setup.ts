import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { TEMPLATE_ENV, templateFileFor } from './test-database.js';

/**
 * Opening a new PGlite and migrating it takes seconds; doing it once and handing every test
 * file a copy of the migrated data directory keeps the suite fast. Against PostgreSQL each
 * test file makes its own database instead (see test-database.ts).
 */
export default async function setup() {
  if (process.env.TEST_DATABASE_URL) return;
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
