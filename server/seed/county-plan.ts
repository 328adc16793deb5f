import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { IdSequence } from '../platform/db/bulk-insert.js';
import { communityName, villageName } from './place-names.js';
import { apportion, createRandom, deriveSeed } from './random.js';
import { countyCenter, countyPolygons } from '../platform/geo/county-boundary.js';
import type { MultiPolygon } from '../platform/geo/areas.js';
import { childAreas, placeChildren, type Point } from './positions.js';
import { countyRepository } from './county.repository.js';
import type { RegionRow } from './rows.js';
import { freeCode } from '../domains/regions/index.js';

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
  position: Point;
  area: MultiPolygon;
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
  /** GCJ-02, and the approximate area its estates stand in. */
  position: Point;
  area: MultiPolygon;
}

export interface CountyPlan {
  towns: TownPlan[];
  communities: CommunityPlan[];
  /** Villages and communities to insert before anything else. */
  newRegions: RegionRow[];
  villagesAdded: number;
  communitiesAdded: number;
  /** Positions given to regions that were loaded without one (towns, named communities). */
  positioned: { id: number; lon: number; lat: number }[];
  /** Every region code in use, so generated codes never collide. */
  codes: Set<string>;
}

export async function planCounty(db: Kysely<DB>, seed: number, residents: number, regionIds: IdSequence): Promise<CountyPlan> {
  const regions = await countyRepository(db).regions();
  const county = regions.find((r) => r.level === 'county' && r.code === COUNTY_CODE);
  if (!county) throw new Error(`county ${COUNTY_CODE} (平阴县) is not in regions; seed the region data file first`);

  const codes = new Set(regions.map((r) => r.code));
  const names = new Set(regions.filter((r) => r.level === 'community').map((r) => r.name));
  const townRows = regions.filter((r) => r.level === 'town' && r.parent_id === county.id);
  if (townRows.length === 0) throw new Error(`county ${COUNTY_CODE} has no towns; seed the region data file first`);
  // The county seat's streets stand within 3 km of the outline's centre; towns spread over the rest.
  const countyArea = countyPolygons();
  const townPositions = placeChildren(createRandom(deriveSeed(seed, 'positions')), countyArea, countyCenter(), townRows, (t) =>
    t.kind === '街道' ? 3000 : null,
  );
  const townAreas = childAreas(countyArea, townPositions);
  const towns: TownPlan[] = townRows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind === '街道' ? '街道' : '镇',
    path: r.path,
    position: townPositions.get(r.id)!,
    area: townAreas.get(r.id) ?? countyArea,
  }));
  const positioned = townRows
    .filter((r) => r.lon === null)
    .map((r) => ({ id: r.id, lon: townPositions.get(r.id)![0], lat: townPositions.get(r.id)![1] }));

  const newRegions: RegionRow[] = [];
  const communities: Omit<CommunityPlan, 'quota' | 'position' | 'area'>[] = [];
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
      newRegions.push({
        id,
        parent_id: town.id,
        code,
        code_is_local: true,
        name,
        level: 'community',
        kind,
        path,
        sort: sort++,
        lon: null,
        lat: null,
      });
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
  const placed = placeCommunities(seed, towns, communities, regions);
  for (const row of newRegions) [row.lon, row.lat] = placed.get(row.id)!.position;
  for (const r of regions)
    if (r.level === 'community' && r.lon === null && placed.has(r.id)) {
      const [lon, lat] = placed.get(r.id)!.position;
      positioned.push({ id: r.id, lon, lat });
    }
  return {
    towns,
    communities: communities.map((c, i) => ({ ...c, quota: quotas[i], ...placed.get(c.id)! })),
    newRegions,
    villagesAdded,
    communitiesAdded,
    positioned,
    codes,
  };
}

/**
 * Each community's position inside its town and its approximate area among its neighbours: a
 * street's 社区 within 2.5 km of the street's centre, a town's 社区 around its seat, villages
 * spread over the town.
 */
function placeCommunities(
  seed: number,
  towns: TownPlan[],
  communities: Omit<CommunityPlan, 'quota' | 'position' | 'area'>[],
  loaded: readonly { id: number; lon: number | null; lat: number | null }[],
) {
  const known = new Map(loaded.map((r) => [r.id, r]));
  const out = new Map<number, { position: Point; area: MultiPolygon }>();
  for (const town of towns) {
    const children = communities
      .filter((c) => c.town.id === town.id)
      .map((c) => ({ id: c.id, kind: c.kind as string, lon: known.get(c.id)?.lon ?? null, lat: known.get(c.id)?.lat ?? null }));
    const random = createRandom(deriveSeed(seed, town.code, 'positions'));
    const positions = placeChildren(random, town.area, town.position, children, (c) =>
      c.kind === '社区' ? (town.kind === '街道' ? 2500 : 1200) : null,
    );
    const areas = childAreas(town.area, positions);
    for (const [id, position] of positions) out.set(id, { position, area: areas.get(id) ?? town.area });
  }
  return out;
}
