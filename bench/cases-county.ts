import { sql } from 'kysely';
import type { Database } from '../server/platform/db/database.js';
import { generateCases } from '../server/seed/cases.js';
import { openBenchCounty } from './county.js';

/**
 * The benchmark county with its casework: 1 000 000 demo cases (BENCH_CASES) over the last 120
 * days, generated once into the county of bench/county.ts and reused by later runs. The clocks
 * are relative to the moment of generation, so runs days later see more of the open cases red.
 */
export async function openBenchCases(residents = Number(process.env.BENCH_RESIDENTS ?? 330_000)): Promise<Database> {
  const wanted = Number(process.env.BENCH_CASES ?? 1_000_000);
  const database = await openBenchCounty(residents);
  const {
    rows: [{ n }],
  } = await sql<{ n: string }>`select count(*) as n from (select 1 from cases limit 1) c`.execute(database.db);
  if (Number(n) === 0) {
    console.error(`generating ${wanted} cases …`);
    const summary = await generateCases(database.db, { cases: wanted, seed: 7, onProgress: (line) => console.error(line) });
    console.error(JSON.stringify(summary));
  }
  return database;
}
