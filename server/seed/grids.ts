import type { IdSequence } from '../platform/db/bulk-insert.js';
import { gridCode } from '../domains/regions/index.js';
import type { CommunityPlan } from './county-plan.js';
import type { PhoneIssuer } from './identifiers.js';
import { personName } from './names.js';
import { chineseOrdinal } from './place-names.js';
import type { Random } from './random.js';
import type { GridWorkerRow, RegionRow } from './rows.js';

/**
 * Splits a community's buildings into grids (网格) of about 320 houses each, keeping every
 * building whole, in building order, and no grid empty.
 */
export function splitIntoGrids(housesPerBuilding: readonly number[]): { gridCount: number; gridOfBuilding: number[] } {
  const total = housesPerBuilding.reduce((a, b) => a + b, 0);
  const wanted = Math.max(1, Math.round(total / 320));
  const perGrid = total / wanted;
  const raw: number[] = [];
  let before = 0;
  for (const n of housesPerBuilding) {
    raw.push(Math.min(wanted - 1, Math.floor((before + n / 2) / perGrid)));
    before += n;
  }
  // Renumber so that grids a big building skipped over do not exist empty.
  const renumber = new Map<number, number>();
  for (const g of raw) if (!renumber.has(g)) renumber.set(g, renumber.size);
  return { gridCount: Math.max(1, renumber.size), gridOfBuilding: raw.map((g) => renumber.get(g)!) };
}

/**
 * The grid regions of a community: 锦源社区第一网格, 锦源社区第二网格 …, named with their community so
 * that a county-wide list tells them apart, with local codes under the community's. Positioned
 * later, at the middle of their buildings.
 */
export function gridRegions(community: CommunityPlan, count: number, ids: IdSequence, codes: Set<string>): RegionRow[] {
  return Array.from({ length: count }, (_, i) => {
    const id = ids.next();
    return {
      id,
      parent_id: community.id,
      code: gridCode(codes, community.code),
      code_is_local: true,
      name: `${community.name}第${chineseOrdinal(i + 1)}网格`,
      level: 'grid',
      kind: '网格',
      path: `${community.path}${id}/`,
      sort: i,
      lon: null,
      lat: null,
    };
  });
}

/** 网格员: one full-time (专职) worker per grid and up to two part-time (兼职) helpers. */
export function gridWorkers(random: Random, grid: RegionRow, ids: IdSequence, phones: PhoneIssuer): GridWorkerRow[] {
  const workers: GridWorkerRow[] = [];
  const partTime = random.int(0, 2);
  for (let i = 0; i <= partTime; i++) {
    const gender = random.chance(i === 0 ? 0.55 : 0.4) ? 'female' : 'male';
    workers.push({
      id: ids.next(),
      grid_id: grid.id,
      region_path: grid.path,
      name: personName(random, gender, random.int(1971, 2000)),
      phone: phones.issue(random),
      employment: i === 0 ? 'full_time' : 'part_time',
    });
  }
  return workers;
}
