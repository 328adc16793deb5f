import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../server/platform/db/database.js';
import { migrate } from '../server/platform/db/migrate.js';
import { installState, loadBaseData, markLoaded } from '../server/cli/demo-county.js';
import { generateCounty } from '../server/seed/generate-county.js';
import { createDemoAccounts } from '../server/domains/identity/demo-accounts.js';
import { REPO_ROOT } from '../server/cli/paths.js';

export const BENCH_PASSWORD = 'Bench@2023pw';

/**
 * The benchmark county: on PostgreSQL (BENCH_DATABASE_URL, a database of its own that is
 * created if missing) or on PGlite under bench/.data/. Generated once with the given size and
 * seed and reused by later runs, since generating 330 000 residents takes minutes.
 */
export async function openBenchCounty(residents: number, seed = 7): Promise<Database> {
  const database = await openBenchDatabase(`county-${residents}-${seed}`);
  if ((await installState(database.db)) === 'empty') {
    const t = performance.now();
    console.error(`generating a county of ${residents} residents (seed ${seed}) …`);
    await loadBaseData(database.db, () => {});
    await generateCounty(database.db, { residents, seed });
    await createDemoAccounts(database.db, BENCH_PASSWORD);
    await markLoaded(database.db, 'demo');
    console.error(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return database;
}

/**
 * A benchmark's database, migrated: its own PostgreSQL database from BENCH_DATABASE_URL (never
 * the test database), created if missing, or PGlite under bench/.data/<pgliteDir>.
 */
export async function openBenchDatabase(pgliteDir: string): Promise<Database> {
  const url = process.env.BENCH_DATABASE_URL;
  const database = url
    ? await openBenchPostgres(url)
    : await openDatabase({ dataDir: path.join(REPO_ROOT, 'bench/.data', pgliteDir), sharedBuffers: process.env.PGLITE_SHARED_BUFFERS });
  await migrate(database.db);
  return database;
}

async function openBenchPostgres(url: string): Promise<Database> {
  const name = new URL(url).pathname.slice(1) || 'civicgrid_bench';
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  return openDatabase({ url, poolSize: 10 });
}

export function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
