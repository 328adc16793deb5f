/**
 * Importing the seed gazette (issue 11: under 2 s): the whole import as `civicgrid import gazette`
 * and 导入公报 run it — the reader, then one transaction in which every domain writes its part —
 * on a fresh database that holds the county's regions (as a new install has them), then again
 * on the same database (a second import updates, never doubles). The reader alone is timed too,
 * so the figure shows what the database part costs. Several runs, median and spread.
 *
 *   npx tsx bench/gazette-import.bench.ts                     # PGlite
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/postgres npx tsx bench/gazette-import.bench.ts
 *   BENCH_RUNS=5 …
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../server/platform/db/database.js';
import { migrate } from '../server/platform/db/migrate.js';
import { readRegionFile, seedRegions } from '../server/domains/regions/index.js';
import { importGazette, readGazette } from '../server/domains/gazette/index.js';
import { GAZETTE_FILE, REGION_FILE } from '../server/cli/paths.js';
import { createPostgresDatabase } from '../server/test/test-database.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const text = readFileSync(GAZETTE_FILE, 'utf8');

/** A fresh, migrated database with the county's regions: PostgreSQL (a new database) or PGlite. */
async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  let database: Database;
  let drop: () => Promise<void>;
  if (url) {
    const created = await createPostgresDatabase(url, 'civicgrid_gazette_bench');
    database = await openDatabase({ url: created.url, poolSize: 4 });
    drop = async () => {
      await database.close();
      await created.drop();
    };
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-gazette-bench-'));
    database = await openDatabase({ dataDir: dir });
    drop = async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  await migrate(database.db);
  await seedRegions(database.db, readRegionFile(REGION_FILE));
  return { database, drop };
}

const time = async (work: () => Promise<unknown>) => {
  const t = performance.now();
  await work();
  return performance.now() - t;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} ms`;

const first: number[] = [];
const again: number[] = [];
const reading: number[] = [];
let documents = 0;
for (let run = 0; run < RUNS; run++) {
  reading.push(await time(async () => readGazette(text)));
  const { database, drop } = await freshDatabase();
  try {
    first.push(
      await time(async () => {
        documents = (await importGazette(database.db, text, { source: 'bench', actor: null })).documents.length;
      }),
    );
    again.push(await time(() => importGazette(database.db, text, { source: 'bench', actor: null })));
  } finally {
    await drop();
  }
}

console.log(`gazette import, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${RUNS} runs, ${documents} documents`);
console.log(`  reader alone      median ${median(reading).toFixed(1)} ms (${spread(reading)})`);
console.log(`  first import      median ${median(first).toFixed(0)} ms (${spread(first)})   goal < 2 000 ms`);
console.log(`  import again      median ${median(again).toFixed(0)} ms (${spread(again)})`);
