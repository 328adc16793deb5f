import { sql, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { BATCH_ROWS, type PgType } from '../platform/db/bulk-insert.js';
import { under } from '../platform/scope.js';

/**
 * What the demo casework reads and writes (cases.ts, demo-resident.ts). The generated rows go
 * in as the unnest inserts of docs/decisions/006, a day of cases per transaction: writing each
 * step through the engine's repositories would take a county-sized demo from seconds to hours.
 * Every row is still the engine's own: case-walker.ts applies the engine's step plans.
 */
export type Column = PgType | 'jsonb' | 'float8';
export type Row = Record<string, unknown>;

export const CASE_COLUMNS: Record<string, Column> = {
  id: 'bigint',
  number: 'text',
  category_id: 'bigint',
  status: 'text',
  source: 'text',
  title: 'text',
  description: 'text',
  attributes: 'jsonb',
  is_public: 'boolean',
  urgent: 'boolean',
  lon: 'float8',
  lat: 'float8',
  address: 'text',
  location_text: 'text',
  house_id: 'bigint',
  region_id: 'bigint',
  region_path: 'text',
  handler_unit_id: 'bigint',
  handler_region_id: 'bigint',
  first_unit_id: 'bigint',
  reported_at: 'timestamptz',
  accepted_at: 'timestamptz',
  dispatched_at: 'timestamptz',
  signed_at: 'timestamptz',
  handled_at: 'timestamptz',
  verified_at: 'timestamptz',
  closed_at: 'timestamptz',
  evaluated_at: 'timestamptz',
  due_at: 'timestamptz',
  warn_at: 'timestamptz',
  step: 'text',
  step_due_at: 'timestamptz',
  next_deadline_at: 'timestamptz',
  paused_at: 'timestamptz',
  paused_status: 'text',
  pending_request: 'jsonb',
  result: 'text',
  satisfaction: 'text',
  reopen_count: 'int',
  supervision_level: 'int',
  escalate_at: 'timestamptz',
  last_event_at: 'timestamptz',
};
export const SOURCE_COLUMNS: Record<string, Column> = {
  id: 'bigint',
  case_id: 'bigint',
  source: 'text',
  reference: 'text',
  reporter_name: 'text',
  reporter_phone: 'text',
  anonymous: 'boolean',
  description: 'text',
  reported_at: 'timestamptz',
};
export const EVENT_COLUMNS: Record<string, Column> = {
  id: 'bigint',
  case_id: 'bigint',
  at: 'timestamptz',
  actor_name: 'text',
  actor_unit: 'text',
  action: 'text',
  from_status: 'text',
  to_status: 'text',
  note: 'text',
  audience: 'text',
  data: 'jsonb',
};
export const SUPERVISION_COLUMNS: Record<string, Column> = {
  id: 'bigint',
  case_id: 'bigint',
  level: 'int',
  org_unit_id: 'bigint',
  region_id: 'bigint',
  leader_id: 'bigint',
  backup_leader_id: 'bigint',
  reason: 'text',
  issued_at: 'timestamptz',
  acknowledged_at: 'timestamptz',
};

/** A day of generated casework, as rows of the four tables. */
export interface DayRows {
  cases: Row[];
  sources: Row[];
  events: Row[];
  supervisions: Row[];
}

/** The tables the demo casework fills. */
export const CASE_TABLES = ['cases', 'case_sources', 'case_events', 'case_supervisions'] as const;

/**
 * The unnest insert of bulk-insert.ts (docs/decisions/006) with two more column types it lacks:
 * jsonb travels as text and is cast per row, float8 as itself.
 */
async function insertAll(db: Kysely<DB>, table: string, columns: Record<string, Column>, rows: readonly Row[]) {
  const entries = Object.entries(columns);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const params = entries.map(([name, type]) => sql`${batch.map((r) => r[name] ?? null)}::${sql.raw(type === 'jsonb' ? 'text' : type)}[]`);
    const select = entries.map(([, type], i) => sql.raw(type === 'jsonb' ? `c${i}::jsonb` : `c${i}`));
    await sql`insert into ${sql.table(table)} (${sql.join(entries.map(([name]) => sql.ref(name)))})
      select ${sql.join(select)} from unnest(${sql.join(params)}) as t(${sql.join(entries.map((_, i) => sql.raw(`c${i}`)))})`.execute(db);
  }
}

export function caseSeedRepository(db: Kysely<DB>) {
  return {
    // ——— the world the cases happen in ———

    categories: () =>
      db
        .selectFrom('case_categories')
        .select(['id', 'code', 'name', 'parent_id', 'is_public', 'form', 'sla_amount', 'sla_unit', 'sign_limit_hours', 'active'])
        .execute(),

    routingRules: () => db.selectFrom('case_routing_rules').select(['category_id', 'attribute_key', 'region_id']).execute(),

    /** Grids with their community and town, the people living in them and a grid worker, weighted by people. */
    async grids() {
      const { rows } = await sql<{
        id: number;
        name: string;
        path: string;
        community_id: number;
        community_name: string;
        kind: string;
        town_id: number;
        town_name: string;
        people: number;
        worker: string | null;
      }>`
        select g.id, g.name, g.path, c.id as community_id, c.name as community_name, c.kind, t.id as town_id, t.name as town_name,
          coalesce(p.n, 0)::int as people, w.name as worker
        from regions g join regions c on c.id = g.parent_id join regions t on t.id = c.parent_id
        left join (select grid_id, count(*) as n from residents where moved_out_on is null group by grid_id) p on p.grid_id = g.id
        left join lateral (select name from grid_workers where grid_id = g.id order by employment = 'full_time' desc, id limit 1) w on true
        where g.level = 'grid' order by g.id`.execute(db);
      return rows;
    },

    /** Communities with their town: the places of a county without generated grids. */
    async communities() {
      const { rows } = await sql<{ id: number; name: string; path: string; kind: string; town_id: number; town_name: string }>`
        select c.id, c.name, c.path, c.kind, t.id as town_id, t.name as town_name from regions c join regions t on t.id = c.parent_id
        where c.level = 'community' order by c.id`.execute(db);
      return rows;
    },

    estates: () => db.selectFrom('estates').select(['community_id', 'name']).orderBy('id').execute(),

    /** Up to 24 houses per grid, for reports made at home. */
    async housesByGrid() {
      const { rows } = await sql<{ id: number; grid_id: number; standard_address: string }>`
        select id, grid_id, standard_address from (select id, grid_id, standard_address, row_number() over (partition by grid_id order by id) as n
          from houses where grid_id is not null) h where n <= 24 order by id`.execute(db);
      return rows;
    },

    /**
     * Positioned buildings by grid, named as people name them (锦绣花园3号楼), and in a village up
     * to 24 houses a grid by their 门牌 (3组15号, docs/decisions/049): where cases happen.
     */
    async buildingsByGrid() {
      const { rows } = await sql<{ grid_id: number; name: string; lon: number; lat: number }>`
        select b.grid_id, e.name || b.name as name, b.lon, b.lat, 0 as kind, b.id
          from buildings b join estates e on e.id = b.estate_id
          where b.grid_id is not null and b.lat is not null
        union all
        select grid_id, name, lon, lat, 1, id from (
          select h.grid_id, coalesce(h.village_group, '') || h.door_number as name, h.lon, h.lat, h.id,
                 row_number() over (partition by h.grid_id order by h.id) as n
            from houses h
            where h.grid_id is not null and h.door_number is not null) v
          where n <= 24
        order by kind, id`.execute(db);
      return rows;
    },

    county: () => db.selectFrom('regions').select(['id', 'name']).where('level', '=', 'county').orderBy('id').executeTakeFirstOrThrow(),

    /**
     * Case numbers as reportCase makes them (case_number_seq), reserved in one block so that they
     * rise with the report time: the sequence is moved past the block before any is used.
     * Returns the last number before the block.
     */
    async reserveCaseNumbers(count: number) {
      const {
        rows: [reserved],
      } = await sql<{ base: string }>`
        select setval('case_number_seq', coalesce(pg_sequence_last_value('case_number_seq'), 0) + ${count}) - ${count} as base`.execute(db);
      return Number(reserved.base);
    },

    // ——— writing ———

    async insertDay(rows: DayRows) {
      await db.transaction().execute(async (trx) => {
        await insertAll(trx, 'cases', CASE_COLUMNS, rows.cases);
        await insertAll(trx, 'case_sources', SOURCE_COLUMNS, rows.sources);
        await insertAll(trx, 'case_events', EVENT_COLUMNS, rows.events);
        await insertAll(trx, 'case_supervisions', SUPERVISION_COLUMNS, rows.supervisions);
      });
    },

    /** PGlite has no autovacuum: fresh statistics and visibility maps for the queue and count plans. */
    async vacuumAnalyze() {
      for (const table of CASE_TABLES) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
    },

    // ——— the demo resident's own cases (demo-resident.ts) ———

    demoResident: () =>
      db
        .selectFrom('users')
        .leftJoin('residents', 'residents.id', 'users.resident_id')
        .select(['users.id', 'users.display_name', 'residents.phone', 'residents.region_path'])
        .where('users.username', '=', 'resident.demo')
        .executeTakeFirst(),

    /** The newest unclaimed resident report in one of `statuses`, nearest `homePath` (its region and below) first. */
    residentReportIn: (statuses: string[], exceptIds: number[], homePath: string) =>
      db
        .selectFrom('cases')
        .select(['id', 'number'])
        .where('source', '=', 'resident')
        .where('status', 'in', statuses)
        .where('reporter_user_id', 'is', null)
        .where('id', 'not in', [0, ...exceptIds])
        .orderBy(sql`region_path like ${under(homePath)}`, 'desc')
        .orderBy('reported_at', 'desc')
        .limit(1)
        .executeTakeFirst(),

    /** The cases become the user's reports: the case, its sources and the lines they wrote (`ownLines`). */
    async makeReporter(user: { id: number; name: string; phone: string | null }, caseIds: number[], ownLines: readonly string[]) {
      await db.updateTable('cases').set({ reporter_user_id: user.id }).where('id', 'in', caseIds).execute();
      await db
        .updateTable('case_sources')
        .set({ reporter_user_id: user.id, reporter_name: user.name, reporter_phone: user.phone, anonymous: false })
        .where('case_id', 'in', caseIds)
        .execute();
      await db
        .updateTable('case_events')
        .set({ actor_user_id: user.id, actor_name: user.name })
        .where('case_id', 'in', caseIds)
        .where('action', 'in', [...ownLines])
        .execute();
    },

    /** The public lines of the cases, oldest first, with their case's number. */
    // prettier-ignore
    publicLines: (caseIds: number[]) =>
      db
        .selectFrom('case_events')
        .innerJoin('cases', 'cases.id', 'case_events.case_id')
        .select([
          'case_events.case_id', 'case_events.at', 'case_events.action', 'case_events.note', 'case_events.audience', 'case_events.data',
          'cases.number',
        ])
        .where('case_events.case_id', 'in', caseIds)
        .where('case_events.audience', '=', 'public')
        .orderBy('case_events.id')
        .execute(),

    closedOf: (caseIds: number[]) =>
      db.selectFrom('cases').select(['id', 'number', 'closed_at']).where('id', 'in', caseIds).where('closed_at', 'is not', null).execute(),

    async insertNotifications(
      rows: {
        user_id: number;
        kind: string;
        case_id: number;
        title: string;
        body: string;
        audience: 'public';
        created_at: Date;
        read_at?: Date | null;
      }[],
    ) {
      if (rows.length) await db.insertInto('notifications').values(rows).execute();
    },

    async insertQuestionnaire(row: { case_id: number; user_id: number; send_at: Date; sent_at: Date | null }) {
      await db.insertInto('case_questionnaires').values(row).execute();
    },
  };
}
export type CaseSeedRepository = ReturnType<typeof caseSeedRepository>;
