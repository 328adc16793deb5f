import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdCard } from '../../common/id-card.js';
import { MOBILE_PATTERN } from '../../common/phone.js';
import type { DB } from '../platform/db/schema.js';
import type { Database } from '../platform/db/database.js';
import { createTestDatabase } from '../test/test-database.js';
import { readRegionFile, seedRegions } from '../domains/regions/regions.seed.js';
import { generateCounty, type GenerateSummary } from './generate-county.js';
import { contains, polygonsOf } from '../platform/geo/areas.js';
import { isInsideCounty } from '../platform/geo/county-boundary.js';

const REGION_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/regions/pingyin-370124.json');
const RESIDENTS = 3000;
const SEED = 7;

async function generatedDatabase(): Promise<{ database: Database; summary: GenerateSummary; progress: string[]; written: number[] }> {
  const database = await createTestDatabase();
  await seedRegions(database.db, readRegionFile(REGION_FILE));
  const progress: string[] = [];
  const written: number[] = [];
  const summary = await generateCounty(database.db, {
    residents: RESIDENTS,
    seed: SEED,
    onProgress: (m) => progress.push(m),
    onResidents: (done, planned) => written.push(planned === RESIDENTS ? done : NaN),
  });
  return { database, summary, progress, written };
}

/** A digest of what a user would see of people, houses and vehicles, in id order. */
async function digest(db: Kysely<DB>): Promise<string> {
  const hash = createHash('sha256');
  const tables = [
    sql`select id, id_card, name, phone, birth_date, household_id, house_id, region_path, tags, moved_in_on from residents order by id`,
    sql`select id, unit_id, standard_address, house_use, area, rental_mode, monthly_rent, tenant_count, region_path, lon, lat from houses order by id`,
    sql`select id, plate, vehicle_type, owner_id, parking_space, region_path from vehicles order by id`,
    sql`select id, code, name, path, lon, lat from regions order by id`,
    sql`select id, lon, lat from buildings order by id`,
    sql`select region_id, geometry from region_areas order by region_id`,
  ];
  for (const query of tables) {
    for (const row of (await query.execute(db)).rows) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const count = async (db: Kysely<DB>, query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db)).rows[0].n);
/** No row breaks the rule: the query counts the rows that do. */
const expectNone = async (db: Kysely<DB>, query: ReturnType<typeof sql<{ n: number }>>) => expect(await count(db, query)).toBe(0);

describe('generateCounty', () => {
  let first: Awaited<ReturnType<typeof generatedDatabase>>;
  let db: Kysely<DB>;
  beforeAll(async () => {
    first = await generatedDatabase();
    db = first.database.db;
  });
  afterAll(async () => {
    await first?.database.close();
  });

  it('generates the asked number of residents and reports progress: a count per community, a few lines in Chinese', () => {
    const { summary, progress, written } = first;
    expect(summary.residents).toBe(RESIDENTS);
    expect(summary.villages).toBeGreaterThanOrEqual(8 * 6);
    expect(summary.households).toBeGreaterThan(RESIDENTS / 4);
    expect(summary.houses).toBeGreaterThan(summary.households);
    expect(summary.vehicles).toBeGreaterThan(RESIDENTS * 0.15);
    expect(summary.vehicles).toBeLessThan(RESIDENTS * 0.25);
    expect(summary.gridWorkers).toBeGreaterThanOrEqual(summary.grids);
    // One count after each community, rising to the total; the lines are only the summaries.
    expect(written.length).toBeGreaterThan(40);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(written.at(-1)).toBe(RESIDENTS);
    expect(progress.length).toBeLessThan(5);
    expect(progress.at(-1)).toMatch(/^完成：3000 名居民/);
  });

  it('is deterministic: the same seed gives the same rows, ids included', async () => {
    const second = await generatedDatabase();
    try {
      const { elapsedMs: _a, ...a } = first.summary;
      const { elapsedMs: _b, ...b } = second.summary;
      expect(b).toEqual(a);
      expect(await digest(second.database.db)).toBe(await digest(db));
    } finally {
      await second.database.close();
    }
  });

  it('writes valid, unique ID numbers that agree with birth date and gender', async () => {
    const rows = await db.selectFrom('residents').select(['id_card', 'birth_date', 'gender', 'phone']).execute();
    for (const row of rows) {
      const parsed = parseIdCard(row.id_card);
      expect(parsed, row.id_card).toMatchObject({ ok: true, birthDate: row.birth_date, gender: row.gender });
      if (row.phone !== null) expect(row.phone).toMatch(MOBILE_PATTERN);
    }
    expect(new Set(rows.map((r) => r.id_card)).size).toBe(rows.length);
    const phones = rows.flatMap((r) => (r.phone ? [r.phone] : []));
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('places every resident, house and household in a grid of their own community', async () => {
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from residents r
      join regions c on c.id = r.community_id join regions g on g.id = r.grid_id
      where g.parent_id <> c.id or g.level <> 'grid' or r.region_path <> g.path
        or left(r.region_path, length(c.path)) <> c.path`,
    );
    await expectNone(db, sql<{ n: number }>`select count(*) as n from residents where grid_id is null`);
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from houses h
      join regions g on g.id = h.grid_id join building_units u on u.id = h.unit_id join buildings b on b.id = u.building_id
      where h.region_path <> g.path or g.parent_id <> h.community_id or b.grid_id <> h.grid_id`,
    );
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from residents r join houses h on h.id = r.house_id
      join households hh on hh.id = r.household_id
      where r.grid_id <> h.grid_id or hh.house_id <> h.id or hh.region_path <> h.region_path`,
    );
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from vehicles v join residents r on r.id = v.owner_id
      join houses h on h.id = r.house_id where v.region_path <> h.region_path or v.estate_id <> h.estate_id`,
    );
  });

  it('gives each household one householder who lives in it', async () => {
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from households hh
      left join residents r on r.id = hh.householder_id
      where r.id is null or r.household_id <> hh.id or r.relation <> 'self'`,
    );
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from residents r
      where not exists (select 1 from resident_moves m where m.resident_id = r.id and m.kind = 'move_in'
        and m.moved_on = r.moved_in_on)`,
    );
  });

  it('fills every named pilot community with residents and grids, and gives each grid a full-time worker', async () => {
    const file = readRegionFile(REGION_FILE);
    const named = file.towns.flatMap((t) => t.communities.map((c) => c.code));
    expect(named).toHaveLength(11);
    const rows = await sql<{ code: string; residents: number; grids: number }>`select c.code,
        (select count(*) from residents r where r.community_id = c.id) as residents,
        (select count(*) from regions g where g.parent_id = c.id and g.level = 'grid') as grids
      from regions c where c.code in (${sql.join(named)})`.execute(db);
    expect(rows.rows).toHaveLength(11);
    for (const row of rows.rows) {
      expect(Number(row.residents), row.code).toBeGreaterThan(0);
      expect(Number(row.grids), row.code).toBeGreaterThan(0);
    }
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from regions c where c.level = 'community'
      and not exists (select 1 from regions g where g.parent_id = c.id)`,
    );
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from regions g where g.level = 'grid'
      and (select count(*) from grid_workers w where w.grid_id = g.id and w.employment = 'full_time') <> 1`,
    );
    const xiangsheng = await db
      .selectFrom('estates')
      .innerJoin('regions', 'regions.id', 'estates.community_id')
      .select('regions.path')
      .where('estates.name', '=', '祥生未来城')
      .executeTakeFirst();
    const jinshui = await db.selectFrom('regions').select('path').where('name', '=', '锦水街道').executeTakeFirstOrThrow();
    expect(xiangsheng?.path.startsWith(jinshui.path)).toBe(true);
  });

  it('places every town, community, estate and building, and gives towns and communities approximate areas', async () => {
    await expectNone(db, sql<{ n: number }>`select count(*) as n from regions where level <> 'county' and (lon is null or lat is null)`);
    await expectNone(db, sql<{ n: number }>`select count(*) as n from estates where lon is null or lat is null`);
    await expectNone(db, sql<{ n: number }>`select count(*) as n from buildings where lon is null or lat is null`);
    const areas = await db.selectFrom('region_areas').innerJoin('regions', 'regions.id', 'region_areas.region_id').selectAll().execute();
    const regions = await db
      .selectFrom('regions')
      .select(['id', 'level', 'name', 'parent_id'])
      .where('level', 'in', ['town', 'community'])
      .execute();
    expect(areas.map((a) => a.region_id).sort()).toEqual(regions.map((r) => r.id).sort());
    expect(new Set(areas.map((a) => a.source))).toEqual(new Set(['approximate']));
    // Each estate stands inside its community's area, which lies inside the county outline.
    const areaOf = new Map(areas.map((a) => [a.region_id, polygonsOf(a.geometry)]));
    const estates = await db.selectFrom('estates').select(['community_id', 'lon', 'lat', 'name']).execute();
    for (const e of estates) expect(contains(areaOf.get(e.community_id)!, e.lon!, e.lat!), e.name).toBe(true);
    for (const e of estates) expect(isInsideCounty(e.lon!, e.lat!), e.name).toBe(true);
    // Buildings stand in rows near their estate, not scattered over the county.
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from buildings b join estates e on e.id = b.estate_id
      where abs(b.lat - e.lat) > 0.01 or abs(b.lon - e.lon) > 0.01`,
    );
  });

  it('gives villages village houses by 组 and 门牌号, no estates, each inside its village with people living in them', async () => {
    const villages = await db.selectFrom('regions').select(['id', 'name']).where('kind', '=', '村').execute();
    expect(villages.length).toBeGreaterThan(5);
    const villageIds = villages.map((v) => v.id);
    expect(await db.selectFrom('estates').select('id').where('community_id', 'in', villageIds).execute()).toEqual([]);
    const houses = await db
      .selectFrom('houses')
      .innerJoin('regions as village', 'village.id', 'houses.community_id')
      .select([
        'houses.id',
        'houses.community_id',
        'houses.unit_id',
        'houses.village_group',
        'houses.door_number',
        'houses.lon',
        'houses.lat',
      ])
      .select(['houses.standard_address', 'village.name'])
      .where('houses.community_id', 'in', villageIds)
      .execute();
    expect(houses.length).toBeGreaterThan(100);
    const areaOf = new Map(
      (await db.selectFrom('region_areas').select(['region_id', 'geometry']).execute()).map((a) => [a.region_id, polygonsOf(a.geometry)]),
    );
    for (const h of houses) {
      expect(h.unit_id).toBeNull();
      expect(h.village_group).toMatch(/^\d+组$/);
      expect(h.standard_address).toMatch(new RegExp(`^山东省济南市平阴县.+(镇|街道)${h.name}${h.village_group}${h.door_number}$`));
      expect(contains(areaOf.get(h.community_id)!, h.lon!, h.lat!), h.standard_address).toBe(true);
    }
    // Not all at one point: the houses of a 组 stand in lanes.
    expect(new Set(houses.map((h) => `${h.lon},${h.lat}`)).size).toBeGreaterThan(houses.length * 0.9);
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from regions v where v.kind = '村' and not exists
      (select 1 from residents r join houses h on h.id = r.house_id where h.community_id = v.id)`,
    );
  });

  it('names each grid with its community, so that a county-wide list tells them apart', async () => {
    const grids = await db
      .selectFrom('regions as g')
      .innerJoin('regions as c', 'c.id', 'g.parent_id')
      .select(['g.name', 'c.name as community'])
      .where('g.level', '=', 'grid')
      .execute();
    expect(grids.length).toBeGreaterThan(10);
    for (const g of grids) expect(g.name).toMatch(new RegExp(`^${g.community}第[一二三四五六七八九十]+网格$`));
    expect(new Set(grids.map((g) => g.name)).size).toBe(grids.length);
  });

  it('gives rented houses their terms and tenants, and no other house any', async () => {
    const rented = await sql<{ tenant_count: number; monthly_rent: number; tenants: number; mode: string | null; channel: string | null }>`
      select h.tenant_count, h.monthly_rent, h.rental_mode as mode, h.rental_channel as channel,
        (select count(*) from residents r where r.house_id = h.id) as tenants
      from houses h where h.house_use = 'rented'`.execute(db);
    expect(rented.rows.length).toBeGreaterThan(0);
    for (const house of rented.rows) {
      expect(house.mode).toMatch(/^(whole|shared)$/);
      expect(house.channel).toMatch(/^(agency|owner|platform|employer)$/);
      expect(Number(house.monthly_rent)).toBeGreaterThanOrEqual(600);
      expect(Number(house.monthly_rent)).toBeLessThanOrEqual(2500);
      expect(house.tenant_count).toBe(Number(house.tenants));
    }
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from houses where house_use <> 'rented'
      and (rental_mode is not null or rental_channel is not null or monthly_rent is not null or tenant_count is not null)`,
    );
    await expectNone(
      db,
      sql<{ n: number }>`select count(*) as n from houses h where h.house_use in ('vacant', 'commercial')
      and exists (select 1 from residents r where r.house_id = h.id)`,
    );
  });

  it('moves the id sequences past the generated rows', async () => {
    const grid = await db.selectFrom('regions').select(['id', 'path']).where('level', '=', 'grid').executeTakeFirstOrThrow();
    const { id } = await db
      .insertInto('grid_workers')
      .values({ grid_id: grid.id, region_path: grid.path, name: '新网格员', phone: '13900000000', employment: 'part_time' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(id).toBeGreaterThan(first.summary.gridWorkers);
    await db.deleteFrom('grid_workers').where('id', '=', id).execute();
  });

  it('refuses to generate into a county that already has residents', async () => {
    await expect(generateCounty(db, { residents: 10, seed: SEED })).rejects.toThrow(/already has residents/);
  });
});
