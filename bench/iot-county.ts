import type { Database } from '../server/platform/db/database.js';
import { installState, loadDemoCounty } from '../server/cli/demo-county.js';
import { BENCH_PASSWORD, openBenchDatabase } from './county.js';

/**
 * The IoT benchmarks' county: the demo county (6 000 residents, its generated devices with the
 * demo's derived credentials, the device types' default rules), on PostgreSQL in the database
 * named by BENCH_DATABASE_URL (created if missing; never the test database) or on PGlite under
 * bench/.data/iot-county. Made once and reused; each run empties the IoT tables it measures.
 */
export const IOT_BENCH_SEED = 20230919;

export async function openIotBenchCounty(): Promise<Database> {
  const database = await openBenchDatabase('iot-county');
  if ((await installState(database.db)) === 'empty') {
    const t = performance.now();
    console.error('generating the demo county for the IoT benchmarks …');
    await loadDemoCounty(
      database.db,
      { residents: 6000, seed: IOT_BENCH_SEED, password: BENCH_PASSWORD },
      { line: (text) => console.error(text), count: () => {} },
    );
    console.error(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return database;
}
