/**
 * One server process of the mixed-load benchmark (bench/mixed-load.bench.ts starts one or more):
 * the bench county on PostgreSQL (BENCH_DATABASE_URL) or PGlite, the real app on a free port.
 * It prints `READY <address>` once it listens and closes cleanly on SIGTERM.
 */
import { startBenchServer } from './bench-server.js';
import { openBenchCases } from './cases-county.js';

const database = await openBenchCases();
const { app, base } = await startBenchServer(database);
process.stdout.write(`READY ${base}\n`);

process.once('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
