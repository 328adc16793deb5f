import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { IdSequence } from '../platform/db/bulk-insert.js';
import { communityName, villageName } from './place-names.js';
import { apportion, createRandom, deriveSeed } from './random.js';
import { countyRepository } from './county.repository.js';
import type { RegionRow } from './rows.js';

/**
 * The part of the region tree the generator fills in: villages (村) for every town, a few more
 * 社区 in the two streets, and how many residents each community gets. The county, its towns
 * and the communities the seed documents name come from the region data file and stay as loaded.
 */
export const COUNTY_CODE = '370124';

export interface TownPlan {
  id: number;
  code: string;
  name: string;
  kind: '街道' | '镇';
  path: string;
}

export interface CommunityPlan {
  id: number;
  code: string;
  name: string;
  kind: '社区' | '村';
  path: string;
  town: TownPlan;
  /** Residents to generate here. */
  quota: number;
}

export interface CountyPlan {
  towns: TownPlan[];
  communities: CommunityPlan[];
  /** Villages and communities to insert before anything else. */
  newRegions: RegionRow[];
  villagesAdded: number;
  communitiesAdded: number;
  /** Every region code in use, so generated codes never collide. */
  codes: Set<string>;
}

export async function planCounty(db: Kysely<DB>, seed: number, residents: number, regionIds: IdSequence): Promise<CountyPlan> {
  const regions = await countyRepository(db).regions();
  const county = regions.find((r) => r.level === 'county' && r.code === COUNTY_CODE);
  if (!county) throw new Error(`county ${COUNTY_CODE} (平阴县) is not in regions; seed the region data file first`);

  const codes = new Set(regions.map((r) => r.code));
  const names = new Set(regions.filter((r) => r.level === 'community').map((r) => r.name));
  const towns: TownPlan[] = regions
    .filter((r) => r.level === 'town' && r.parent_id === county.id)
    .map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind === '街道' ? '街道' : '镇', path: r.path }));
  if (towns.length === 0) throw new Error(`county ${COUNTY_CODE} has no towns; seed the region data file first`);

  const newRegions: RegionRow[] = [];
  const communities: Omit<CommunityPlan, 'quota'>[] = [];
  const weights: number[] = [];
  let villagesAdded = 0,
    communitiesAdded = 0;

  for (const town of towns) {
    const random = createRandom(deriveSeed(seed, town.code, 'regions'));
    const existing = regions.filter((r) => r.level === 'community' && r.parent_id === town.id);
    let sort = existing.reduce((max, r) => Math.max(max, r.sort + 1), 0);
    const add = (name: string, kind: '社区' | '村', code: string) => {
      const id = regionIds.next();
      const path = `${town.path}${id}/`;
      newRegions.push({ id, parent_id: town.id, code, code_is_local: true, name, level: 'community', kind, path, sort: sort++ });
      codes.add(code);
      return { id, code, name, kind, path, town };
    };
    const townDigits = town.code.slice(0, 9);

    for (const r of existing)
      communities.push({ id: r.id, code: r.code, name: r.name, kind: r.kind === '村' ? '村' : '社区', path: r.path, town });
    if (town.kind === '街道') {
      const extra = random.int(1, 3);
      for (let i = 0; i < extra; i++) {
        // 居委会 codes run 001…; the named communities already use the first few.
        communities.push(add(communityName(random, names), '社区', freeCode(codes, `L${townDigits}`, 1)));
        communitiesAdded++;
      }
    }
    const villages = random.int(6, 12);
    for (let i = 0; i < villages; i++) {
      // 村委会 codes run 201…, as in 统计用区划代码.
      communities.push(add(villageName(random, names), '村', freeCode(codes, `L${townDigits}`, 201)));
      villagesAdded++;
    }
  }

  // Residents follow rough weights: a street's 社区 holds ~10 000 people, a village 1 000–3 500.
  for (const c of communities) {
    const random = createRandom(deriveSeed(seed, c.code, 'weight'));
    if (c.kind === '社区') weights.push(c.town.kind === '街道' ? random.float(8, 13) : random.float(3, 5));
    else weights.push(c.town.kind === '街道' ? random.float(1.2, 2.6) : random.float(1.5, 3.5));
  }
  const quotas = apportion(residents, weights);
  return {
    towns,
    communities: communities.map((c, i) => ({ ...c, quota: quotas[i] })),
    newRegions,
    villagesAdded,
    communitiesAdded,
    codes,
  };
}

function freeCode(codes: Set<string>, prefix: string, from: number): string {
  for (let n = from; ; n++) {
    const code = `${prefix}${String(n).padStart(3, '0')}`;
    if (!codes.has(code)) return code;
  }
}

/** Grid codes extend their community's: L370124001001 → L370124001001001, …002. */
export function gridCode(codes: Set<string>, communityCode: string): string {
  const code = freeCode(codes, `L${communityCode.replace(/^L/, '')}`, 1);
  codes.add(code);
  return code;
}
