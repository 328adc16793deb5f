import type { Config } from '../platform/config.js';
import { generateCounty } from '../seed/generate-county.js';
import { generateCases } from '../seed/cases.js';
import { installState, loadBaseData, markLoaded } from './demo-county.js';
import { openConfiguredDatabase } from './command-database.js';
import { progressOutput } from './progress-bar.js';

/** `civicgrid generate --residents N --seed S`: a deterministic population and its casework into an empty county. */
export async function generateCommand(config: Config, residents: number, seed: number) {
  if (!Number.isInteger(residents) || residents < 100) throw new Error('--residents 须为不小于 100 的整数');
  if (!Number.isInteger(seed)) throw new Error('--seed 须为整数');
  const database = await openConfiguredDatabase(config, { name: 'generate' });
  try {
    const out = progressOutput();
    if ((await installState(database.db)) === 'empty') await loadBaseData(database.db, out.line);
    const summary = await generateCounty(database.db, {
      residents,
      seed,
      onProgress: out.line,
      onResidents: (written, planned) => out.count('生成居民', written, planned),
    });
    // A case for every five residents over the last 120 days, as the demo county gets.
    await generateCases(database.db, { cases: Math.round(residents / 5), seed, ...config.cases, onProgress: out.line });
    await markLoaded(database.db, 'demo');
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await database.close();
  }
}
