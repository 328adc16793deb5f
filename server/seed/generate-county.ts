import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { insertRows, openIdSequence, syncSequences, type IdSequence } from '../platform/db/bulk-insert.js';
import { generateCommunity, writeCommunity, type CommunityRows, type GeneratorContext } from './community.js';
import { planCounty } from './county-plan.js';
import { IdCardIssuer, PhoneIssuer, PlateIssuer, creditCode } from './identifiers.js';
import { personName } from './names.js';
import { PROPERTY_COMPANIES } from './place-names.js';
import type { Company } from './places.js';
import { createRandom, deriveSeed } from './random.js';
import { WriteQueue } from './write-queue.js';
import { countyRepository } from './county.repository.js';
import { deriveAreas, layDemoRoads } from '../domains/regions/index.js';
import { demoRoads } from './roads.js';
import { PROPERTY_COMPANIES as PROPERTY_COMPANY_ROWS, REGIONS, type PropertyCompanyRow } from './rows.js';

/**
 * A deterministic, plausible population for 平阴县: villages and grids, estates and houses,
 * households and residents, vehicles, grid workers and special groups. The same seed and size
 * give the same rows, ids included, on PGlite and on PostgreSQL alike.
 */
export interface GenerateOptions {
  residents: number;
  seed: number;
  /** The few lines worth keeping: what was added, and the summary at the end. */
  onProgress?: (message: string) => void;
  /** Residents written so far, after each community (some 90 of them): for a progress bar, not a line each. */
  onResidents?: (written: number, planned: number) => void;
}

export interface GenerateSummary {
  villages: number;
  communities: number;
  grids: number;
  propertyCompanies: number;
  estates: number;
  buildings: number;
  units: number;
  houses: number;
  households: number;
  residents: number;
  residentMoves: number;
  vehicles: number;
  gridWorkers: number;
  specialGroupRecords: number;
  elapsedMs: number;
}

export async function generateCounty(db: Kysely<DB>, options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  if (!Number.isInteger(options.residents) || options.residents < 0) throw new Error('residents must be a non-negative integer');
  const county = countyRepository(db);
  if (await county.hasResidents()) throw new Error('the database already has residents; generateCounty only fills an empty county');

  const ids: GeneratorContext['ids'] = {
    regions: await openIdSequence(db, 'regions'),
    estates: await openIdSequence(db, 'estates'),
    buildings: await openIdSequence(db, 'buildings'),
    units: await openIdSequence(db, 'building_units'),
    houses: await openIdSequence(db, 'houses'),
    households: await openIdSequence(db, 'households'),
    residents: await openIdSequence(db, 'residents'),
    moves: await openIdSequence(db, 'resident_moves'),
    specialGroups: await openIdSequence(db, 'special_group_records'),
    vehicles: await openIdSequence(db, 'vehicles'),
    gridWorkers: await openIdSequence(db, 'grid_workers'),
  };
  const companyIds = await openIdSequence(db, 'property_companies');
  const sequences: IdSequence[] = [...Object.values(ids), companyIds];

  const plan = await planCounty(db, options.seed, options.residents, ids.regions);
  const companies = await db.transaction().execute(async (trx) => {
    await insertRows(trx, REGIONS, plan.newRegions);
    await countyRepository(trx).placeRegions(plan.positioned);
    const added = await ensurePropertyCompanies(trx, options.seed, companyIds);
    await syncSequences(trx, sequences);
    return added;
  });
  // Every map draws the towns' and communities' areas: derived from the positions just given, and
  // labelled approximate, until the county imports official boundaries.
  const areas = await deriveAreas(db);
  const roads = await layDemoRoads(db, demoRoads(plan, options.seed));
  progress(
    `新增村 ${plan.villagesAdded} 个、社区 ${plan.communitiesAdded} 个，物业企业 ${companies.added} 家，推算近似范围 ${areas} 个，道路 ${roads} 条`,
  );

  const ctx: GeneratorContext = {
    seed: options.seed,
    ids,
    idCards: new IdCardIssuer(),
    phones: new PhoneIssuer(),
    plates: new PlateIssuer(),
    companies: companies.all,
    regionCodes: plan.codes,
    // 小区 names stay unique county-wide, including any entered before the demo was generated.
    estateNames: await county.estateNames(),
    townNames: plan.towns.map((t) => t.name),
  };
  const summary: GenerateSummary = {
    villages: plan.villagesAdded,
    communities: plan.communitiesAdded,
    grids: 0,
    propertyCompanies: companies.added,
    estates: 0,
    buildings: 0,
    units: 0,
    houses: 0,
    households: 0,
    residents: 0,
    residentMoves: 0,
    vehicles: 0,
    gridWorkers: 0,
    specialGroupRecords: 0,
    elapsedMs: 0,
  };
  // Two communities are written at once while the next is generated (write-queue.ts). Ids are
  // handed out while generating, in community order, so the rows do not depend on who wins.
  const writes = new WriteQueue(CONCURRENT_WRITES);
  for (const community of plan.communities) {
    const rows = generateCommunity(ctx, community);
    if (!(await writes.ready())) break;
    writes.add(
      writeCommunity(db, rows)
        // Kept in step after every community, so an interrupted run leaves usable sequences.
        .then(() => syncSequences(db, sequences))
        .then(() => {
          addCounts(summary, rows);
          options.onResidents?.(summary.residents, options.residents);
        }),
    );
  }
  await writes.finish();

  progress('更新统计信息');
  await county.vacuumAnalyze();
  summary.elapsedMs = Math.round(performance.now() - started);
  progress(
    `完成：${summary.residents} 名居民、${summary.houses} 套房屋、${summary.vehicles} 辆车，用时 ${(summary.elapsedMs / 1000).toFixed(1)} 秒`,
  );
  return summary;
}

const CONCURRENT_WRITES = 2;

function addCounts(summary: GenerateSummary, rows: CommunityRows) {
  summary.grids += rows.grids.length;
  summary.estates += rows.estates.length;
  summary.buildings += rows.buildings.length;
  summary.units += rows.units.length;
  summary.houses += rows.houses.length;
  summary.households += rows.households.length;
  summary.residents += rows.residents.length;
  summary.residentMoves += rows.moves.length;
  summary.vehicles += rows.vehicles.length;
  summary.gridWorkers += rows.gridWorkers.length;
  summary.specialGroupRecords += rows.specialGroups.length;
}

/** The county's property companies, added when missing; returns all of them with their ids. */
async function ensurePropertyCompanies(db: Kysely<DB>, seed: number, ids: IdSequence): Promise<{ all: Company[]; added: number }> {
  const present = await countyRepository(db).propertyCompaniesNamed(PROPERTY_COMPANIES);
  const random = createRandom(deriveSeed(seed, 'property_companies'));
  const rows: PropertyCompanyRow[] = [];
  for (const name of PROPERTY_COMPANIES) {
    const row: PropertyCompanyRow = {
      id: 0,
      name,
      credit_code: creditCode(random),
      contact: personName(random, random.chance(0.5) ? 'male' : 'female', random.int(1965, 1990)),
      phone: `0531-${random.int(8780, 8789)}${String(random.int(0, 9999)).padStart(4, '0')}`,
    };
    if (!present.some((p) => p.name === name)) rows.push({ ...row, id: ids.next() });
  }
  await insertRows(db, PROPERTY_COMPANY_ROWS, rows);
  const all = PROPERTY_COMPANIES.map((name) => present.find((p) => p.name === name) ?? rows.find((r) => r.name === name)!);
  return { all: all.map(({ id, name }) => ({ id, name })), added: rows.length };
}
