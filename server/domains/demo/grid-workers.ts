import type { IdSequence } from './bulk-insert.js';
import type { PhoneIssuer } from './identifiers.js';
import { personName } from './names.js';
import type { Random } from './random.js';
import type { GridWorkerRow, RegionRow } from './rows.js';

/** 网格员: one full-time (专职) worker per grid and up to two part-time (兼职) helpers. */
export function gridWorkers(random: Random, grid: RegionRow, ids: IdSequence, phones: PhoneIssuer): GridWorkerRow[] {
  const workers: GridWorkerRow[] = [];
  const partTime = random.int(0, 2);
  for (let i = 0; i <= partTime; i++) {
    const gender = random.chance(i === 0 ? 0.55 : 0.4) ? 'female' : 'male';
    workers.push({
      id: ids.next(), grid_id: grid.id, region_path: grid.path,
      name: personName(random, gender, random.int(1971, 2000)),
      phone: phones.issue(random),
      employment: i === 0 ? 'full_time' : 'part_time',
    });
  }
  return workers;
}
