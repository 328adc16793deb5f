import { sql, type Compilable, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { CaseStatus } from '../../../common/enums.js';
import { isOpenStatus } from './case-states.js';
import type { DB } from '../../platform/db/schema.js';
import { under } from '../../platform/scope.js';
import { pageOf } from '../../platform/paging.js';
import { degreesAround, distanceMetres } from '../../../common/geo.js';
import { escapeLike } from '../regions/places.repository.js';

type Db = Kysely<DB>;

/** The rows a list or a page shows: the case with the names of what it points to. */
function withNames(db: Db, base = db.selectFrom('cases')) {
  return base
    .innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
    .innerJoin('regions as region', 'region.id', 'cases.region_id')
    .leftJoin('org_units as unit', 'unit.id', 'cases.handler_unit_id')
    .leftJoin('regions as handler_region', 'handler_region.id', 'cases.handler_region_id')
    .leftJoin('org_units as first_unit', 'first_unit.id', 'cases.first_unit_id')
    .selectAll('cases')
    .select([
      'cat.name as category_name', 'cat.code as category_code', 'cat.case_type', 'cat.form as category_form',
      'cat.sla_amount', 'cat.sla_unit', 'cat.sign_limit_hours',
      'region.name as region_name', 'unit.name as handler_unit_name', 'handler_region.name as handler_region_name',
      'handler_region.path as handler_region_path', 'handler_region.level as handler_region_level', 'first_unit.name as first_unit_name',
    ]);
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof caseById>>>;

export function caseById(db: Db, id: number) {
  return withNames(db).where('cases.id', '=', id).executeTakeFirst();
}

/** Locks the case row for the length of the caller's transaction: transitions are serial per case. */
export async function lockCase(db: Db, id: number) {
  await sql`SELECT 1 FROM cases WHERE id = ${id} FOR UPDATE`.execute(db);
  return caseById(db, id);
}

export interface CaseFilter {
  path: string;
  /** Only cases dispatched to (or first received by) this unit: what a department handler sees. */
  unitId?: number;
  /** A grid worker's desk: what is dispatched to this grid (or below), and what waits for 核查 in the region. */
  gridWorkPath?: string;
  /** Only cases with a point, for maps. */
  located?: boolean;
  statuses?: string[];
  source?: string;
  categoryIds?: number[];
  orgUnitId?: number;
  clock?: 'red' | 'yellow';
  open?: boolean;
  q?: string;
  now: Date;
}

/**
 * A department's cases are those dispatched to it or first signed by it (首接负责). The two are
 * kept as disjoint branches, each in index order, rather than one OR that no index can walk in
 * deadline order: the unit's own (handler_unit_id), and the few it still answers for after a
 * transfer or return (first_unit_id, not the handler now; a small partial index, migrations/0008).
 */
type UnitBranch = 'handler' | 'transfer';

function filtered(db: Db, f: CaseFilter, branch: UnitBranch = 'handler') {
  let q = db.selectFrom('cases').where('cases.region_path', 'like', under(f.path));
  if (f.unitId !== undefined) {
    q = branch === 'handler'
      ? q.where('cases.handler_unit_id', '=', f.unitId)
      : q.where('cases.first_unit_id', '=', f.unitId).where(sql<boolean>`cases.first_unit_id IS DISTINCT FROM cases.handler_unit_id`);
  }
  if (f.gridWorkPath !== undefined) {
    const grids = db.selectFrom('regions').select('id').where('path', 'like', under(f.gridWorkPath));
    q = q.where((eb) => eb.or([
      eb.and([eb('cases.status', 'in', ['dispatched', 'in_progress']), eb('cases.handler_region_id', 'in', grids)]),
      eb('cases.status', '=', 'handled'),
    ]));
  }
  if (f.located) q = q.where('cases.lat', 'is not', null);
  if (f.statuses?.length) {
    q = q.where('cases.status', 'in', f.statuses);
    // Implied by open statuses, but said so the planner may use the open-cases index.
    if (f.statuses.every((s) => isOpenStatus(s as CaseStatus))) q = q.where(sql<boolean>`cases.open`);
  }
  if (f.source) q = q.where('cases.source', '=', f.source);
  if (f.categoryIds?.length) q = q.where('cases.category_id', 'in', f.categoryIds);
  if (f.orgUnitId !== undefined) q = q.where('cases.handler_unit_id', '=', f.orgUnitId);
  // A literal, not a parameter, so partial indexes on open cases apply whatever the plan cache does.
  if (f.open !== undefined || f.clock) q = q.where(f.open ?? true ? sql<boolean>`cases.open` : sql<boolean>`NOT cases.open`);
  if (f.clock === 'red') q = q.where('cases.paused_at', 'is', null).where('cases.next_deadline_at', '<=', f.now);
  if (f.clock === 'yellow') {
    q = q.where('cases.paused_at', 'is', null).where('cases.next_deadline_at', '>', f.now).where('cases.warn_at', '<=', f.now);
  }
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('cases.number', '=', f.q!.toUpperCase()), eb('cases.title', 'like', like)]));
  }
  return q;
}

export interface CasePage { offset: number; limit: number; sort: 'deadline' | 'newest' }

/**
 * Lists count exactly up to this many cases and estimate beyond it. Counting is linear in the
 * rows counted even from an index: 1 000 000 cases took 145 ms where 50 000 take 6 ms (PostgreSQL
 * 15, docs/BENCHMARKS.md), and the workbench asks for the totals of all its tabs at once. A total
 * past the cap comes from the planner's row estimate, always above the cap: a tab badge or a
 * pager of thousands of pages needs the size, not the last digit.
 */
export const EXACT_COUNT_UP_TO = 50_000;

function ordered<Q extends SelectQueryBuilder<DB, 'cases', object>>(q: Q, sort: CasePage['sort']): Q {
  return (sort === 'deadline'
    ? q.orderBy(sql`cases.next_deadline_at asc nulls last`).orderBy('cases.id')
    : q.orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc')) as Q;
}

/**
 * The statements of a workbench list: the page, its capped count, and what to EXPLAIN for an
 * estimate when the cap is reached. The page picks ids first, in index order and from the
 * index alone where it can (migrations/0008), and only then reads those rows and their names.
 * bench/cases-queue.bench.ts sends the same statements raw.
 */
export function caseListQueries(db: Db, f: CaseFilter, page: CasePage) {
  const branches: UnitBranch[] = f.unitId === undefined ? ['handler'] : ['handler', 'transfer'];
  const idPage = branches.length === 1
    ? ordered(filtered(db, f).select('cases.id'), page.sort).offset(page.offset).limit(page.limit)
    // Each embedded query is parenthesised by Kysely: ((…) UNION ALL (…)) AS u. The transfers
    // are read whole behind OFFSET 0 (the planner cannot tell how few they are, and would rather
    // walk every open case in deadline order looking for them), then ordered.
    : db.selectFrom(sql<{ id: number }>`(${ordered(filtered(db, f, 'handler').select('cases.id'), page.sort).limit(page.offset + page.limit)}
        UNION ALL (SELECT id FROM ${filtered(db, f, 'transfer').select(['cases.id', 'cases.next_deadline_at', 'cases.reported_at']).offset(0)} AS cases
          ORDER BY ${page.sort === 'deadline' ? sql`next_deadline_at ASC NULLS LAST, id` : sql`reported_at DESC, id DESC`} LIMIT ${page.offset + page.limit}))`.as('u')).select('u.id');
  let rows = ordered(withNames(db, db.selectFrom('cases').where('cases.id', 'in', idPage)), page.sort);
  if (branches.length > 1) rows = rows.offset(page.offset).limit(page.limit);
  const capped = branches.map((b) => sql<number>`(SELECT count(*) FROM (${filtered(db, f, b).select(sql`1`.as('one')).limit(EXACT_COUNT_UP_TO + 1)}) AS c)`);
  return {
    rows,
    /** One capped count per branch, in one statement. */
    total: db.selectNoFrom(capped.map((count, i) => count.as(`n${i}`))),
    estimate: branches.map((b) => filtered(db, f, b).select(sql`1`.as('one'))),
  };
}

export async function listCases(db: Db, f: CaseFilter, page: CasePage) {
  const q = caseListQueries(db, f, page);
  const [rows, counted] = await Promise.all([q.rows.execute(), q.total.executeTakeFirstOrThrow()]);
  let total = 0;
  for (const [i, n] of Object.values(counted as Record<string, number | string>).entries()) {
    total += Number(n) <= EXACT_COUNT_UP_TO ? Number(n) : Math.max(EXACT_COUNT_UP_TO + 1, await estimatedRows(db, q.estimate[i]));
  }
  return { rows, total };
}

/** The planner's estimate of the rows a query returns. */
export async function estimatedRows(db: Db, query: Compilable) {
  const compiled = query.compile();
  const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>({ ...compiled, sql: `EXPLAIN (FORMAT JSON) ${compiled.sql}` });
  const plan = result.rows[0]['QUERY PLAN'];
  return Math.round(Number((typeof plan === 'string' ? JSON.parse(plan) : plan as { Plan: { 'Plan Rows': number } }[])[0].Plan['Plan Rows']));
}

/** The case's category and its descendants, so a filter on 市容环境 finds 垃圾清运. */
export async function categoryWithChildren(db: Db, id: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    WITH RECURSIVE tree AS (SELECT id FROM case_categories WHERE id = ${id}
      UNION ALL SELECT c.id FROM case_categories c JOIN tree ON c.parent_id = tree.id)
    SELECT id FROM tree`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

export function sourcesOf(db: Db, caseId: number) {
  return db.selectFrom('case_sources').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export function eventsOf(db: Db, caseId: number) {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export function photosOf(db: Db, caseId: number) {
  return db.selectFrom('case_photos').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export function supervisionsOf(db: Db, caseId: number) {
  return db.selectFrom('case_supervisions as s')
    .leftJoin('org_units as u', 'u.id', 's.org_unit_id')
    .leftJoin('regions as r', 'r.id', 's.region_id')
    .leftJoin('leaders as l', 'l.id', 's.leader_id')
    .leftJoin('leaders as b', 'b.id', 's.backup_leader_id')
    .select(['s.id', 's.level', 's.reason', 's.issued_at', 's.issued_by', 's.acknowledged_at', 'u.name as unit_name', 'r.name as region_name', 'l.name as leader_name', 'b.name as backup_name'])
    .where('s.case_id', '=', caseId).orderBy('s.id').execute();
}

export async function reporterIds(db: Db, caseId: number): Promise<number[]> {
  const rows = await db.selectFrom('case_sources').select('reporter_user_id').distinct()
    .where('case_id', '=', caseId).where('reporter_user_id', 'is not', null).execute();
  return rows.map((r) => r.reporter_user_id!);
}

/** Whether the user reported, joined or had a case merged into this one: a case source of their own. */
export async function followsCase(db: Db, caseId: number, userId: number) {
  return Boolean(await db.selectFrom('case_sources').select('id').where('case_id', '=', caseId).where('reporter_user_id', '=', userId).executeTakeFirst());
}

/**
 * Open cases of the category within `metres` of a point, reported since `since`: a box on the
 * (category, lat) index, then the true distance. Nearest first.
 */
export async function nearbyOpenCases(db: Db, p: { categoryId: number; lat: number; lon: number; metres: number; since: Date; excludeId?: number }) {
  const { dLat, dLon } = degreesAround(p.lat, p.metres);
  let q = withNames(db)
    .where('cases.category_id', '=', p.categoryId).where(sql<boolean>`cases.open`)
    .where('cases.lat', '>=', p.lat - dLat).where('cases.lat', '<=', p.lat + dLat)
    .where('cases.lon', '>=', p.lon - dLon).where('cases.lon', '<=', p.lon + dLon)
    .where('cases.reported_at', '>=', p.since);
  if (p.excludeId !== undefined) q = q.where('cases.id', '!=', p.excludeId);
  const rows = await q.limit(50).execute();
  return rows.map((row) => ({ row, metres: Math.round(distanceMetres(p.lat, p.lon, row.lat!, row.lon!)) }))
    .filter((n) => n.metres <= p.metres).sort((a, b) => a.metres - b.metres).slice(0, 10);
}

/** The cases a user reported or joined, newest first: a resident's "我的事件". */
export function casesOfReporter(db: Db, userId: number, page: { offset: number; limit: number }) {
  const base = db.selectFrom('cases').where('cases.id', 'in', (eb) => eb.selectFrom('case_sources').select('case_id').where('reporter_user_id', '=', userId));
  return pageOf(withNames(db, base).orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc').offset(page.offset).limit(page.limit), base);
}

export interface ReportedCase {
  /** 'YYYYMMDD' of the report in Asia/Shanghai: the date part of the case number. */
  numberDate: string;
  case: {
    category_id: number; source: string; title: string; description: string; attributes: Record<string, unknown>;
    is_public: boolean; urgent: boolean; lon: number | null; lat: number | null; address: string | null; house_id: number | null;
    region_id: number; region_path: string; reporter_user_id: number | null; idempotency_key: string | null; idempotency_fingerprint: string | null; reported_at: Date;
    due_at: Date | null; warn_at: Date | null; step: string; step_due_at: Date | null; next_deadline_at: Date | null;
  };
  source: { reference: string | null; reporter_name: string | null; reporter_phone: string | null; anonymous: boolean };
  /** actor_user_id: who filed it, which for a 12345 order is the clerk, not the caller. */
  event: { actor_user_id: number | null; actor_name: string; data: Record<string, unknown> };
  /** Open cases of the category in this box, reported since: the duplicate candidates. */
  nearby?: { lat: number; lon: number; dLat: number; dLon: number; since: Date };
}

/**
 * A new case, its first source and its first timeline line in one statement: the number from
 * case_number_seq (PY + date + at least six digits), and the open cases nearby as they were just
 * before (the statement's snapshot does not see its own insert). A case with the same
 * idempotency key already there is left alone and null is returned; the caller answers with it.
 */
export async function insertReportedCase(db: Db, r: ReportedCase) {
  const c = r.case;
  const ts = (d: Date | null) => sql`${d}::timestamptz`;
  const nearby = r.nearby
    ? sql`(SELECT coalesce(json_agg(json_build_array(n.id, n.number, n.lat, n.lon)), '[]'::json) FROM (
        SELECT id, number, lat, lon FROM cases WHERE category_id = ${c.category_id}::bigint AND open
          AND lat >= ${r.nearby.lat - r.nearby.dLat}::float8 AND lat <= ${r.nearby.lat + r.nearby.dLat}::float8
          AND lon >= ${r.nearby.lon - r.nearby.dLon}::float8 AND lon <= ${r.nearby.lon + r.nearby.dLon}::float8
          AND reported_at >= ${r.nearby.since}::timestamptz LIMIT 50) AS n)`
    : sql`'[]'::json`;
  const { rows } = await sql<{ id: number; number: string; event_id: number; nearby: [number, string, number, number][] }>`
    WITH seq AS (SELECT nextval('case_number_seq')::text AS n),
    ins AS (
      INSERT INTO cases (number, category_id, status, source, title, description, attributes, is_public, urgent, lon, lat, address,
        house_id, region_id, region_path, reporter_user_id, idempotency_key, idempotency_fingerprint, reported_at, last_event_at,
        due_at, warn_at, step, step_due_at, next_deadline_at)
      SELECT 'PY' || ${r.numberDate}::text || lpad(seq.n, greatest(6, length(seq.n)), '0'), ${c.category_id}::bigint, 'reported',
        ${c.source}::text, ${c.title}::text, ${c.description}::text, ${JSON.stringify(c.attributes)}::jsonb, ${c.is_public}::boolean,
        ${c.urgent}::boolean, ${c.lon}::float8, ${c.lat}::float8, ${c.address}::text, ${c.house_id}::bigint, ${c.region_id}::bigint,
        ${c.region_path}::text, ${c.reporter_user_id}::bigint, ${c.idempotency_key}::text, ${c.idempotency_fingerprint}::text, ${ts(c.reported_at)}, ${ts(c.reported_at)},
        ${ts(c.due_at)}, ${ts(c.warn_at)}, ${c.step}::text, ${ts(c.step_due_at)}, ${ts(c.next_deadline_at)}
      FROM seq
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id, number
    ),
    src AS (
      INSERT INTO case_sources (case_id, source, reference, reporter_user_id, reporter_name, reporter_phone, anonymous, description, reported_at)
      SELECT ins.id, ${c.source}::text, ${r.source.reference}::text, ${c.reporter_user_id}::bigint, ${r.source.reporter_name}::text,
        ${r.source.reporter_phone}::text, ${r.source.anonymous}::boolean, ${c.description}::text, ${ts(c.reported_at)} FROM ins
    ),
    ev AS (
      INSERT INTO case_events (case_id, at, actor_user_id, actor_name, actor_unit, action, from_status, to_status, note, audience, data)
      SELECT ins.id, ${ts(c.reported_at)}, ${r.event.actor_user_id}::bigint, ${r.event.actor_name}::text, NULL, 'report', NULL, 'reported',
        ${c.description}::text, 'public', ${JSON.stringify(r.event.data)}::jsonb FROM ins
      RETURNING id
    )
    SELECT ins.id, ins.number, ev.id AS event_id, ${nearby} AS nearby FROM ins, ev`.execute(db);
  return rows[0] ?? null;
}

export function caseByIdempotencyKey(db: Db, key: string) {
  return db.selectFrom('cases').select(['id', 'number', 'idempotency_fingerprint']).where('idempotency_key', '=', key).executeTakeFirst();
}

/**
 * The people who sign a dispatched case: the unit's handlers, or the grid workers and the
 * community desk of the grid or community it went to (the same people case-policy.ts counts
 * as its handling grid).
 */
export async function handlersOfTarget(db: Db, target: { unitId: number | null; regionId: number | null }): Promise<number[]> {
  if (target.unitId !== null) {
    const rows = await db.selectFrom('users').select('id').where('org_unit_id', '=', target.unitId).where('role', '=', 'dept_handler').where('active', '=', true).execute();
    return rows.map((u) => u.id);
  }
  if (target.regionId === null) return [];
  const region = await db.selectFrom('regions').select('path').where('id', '=', target.regionId).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('users').innerJoin('regions', 'regions.id', 'users.region_id').select('users.id')
    .where('users.role', 'in', ['grid_worker', 'community_staff']).where('users.active', '=', true)
    // Workers in the grid (or in the community's grids), and the desk of the community the grid belongs to.
    .where(sql<boolean>`(regions.path LIKE ${under(region.path)} OR (users.role = 'community_staff' AND ${region.path} LIKE regions.path || '%'))`)
    .execute();
  return rows.map((u) => u.id);
}

export interface PlaceNames { estate: string | null; community: string | null; town: string | null }

/** What the public may be told of each case's place (presenter publicPlaceText): its house's estate, its community, its town. */
export async function publicPlaceNames(db: Db, rows: readonly { id: number; region_path: string; house_id: number | null }[]): Promise<Map<number, PlaceNames>> {
  const regionIds = [...new Set(rows.flatMap((r) => r.region_path.split('/').filter(Boolean).map(Number)))];
  const houseIds = [...new Set(rows.flatMap((r) => (r.house_id === null ? [] : [r.house_id])))];
  const [regions, estates] = await Promise.all([
    regionIds.length ? db.selectFrom('regions').select(['id', 'name', 'level']).where('id', 'in', regionIds).execute() : [],
    houseIds.length ? db.selectFrom('houses').innerJoin('estates', 'estates.id', 'houses.estate_id').select(['houses.id', 'estates.name']).where('houses.id', 'in', houseIds).execute() : [],
  ]);
  const region = new Map(regions.map((r) => [r.id, r]));
  const estate = new Map(estates.map((e) => [e.id, e.name]));
  return new Map(rows.map((r) => {
    const along = r.region_path.split('/').filter(Boolean).map((id) => region.get(Number(id)));
    const named = (level: string) => along.find((x) => x?.level === level)?.name ?? null;
    return [r.id, { estate: r.house_id === null ? null : estate.get(r.house_id) ?? null, community: named('community'), town: named('town') }];
  }));
}

export async function regionPathOf(db: Db, regionId: number) {
  return (await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirst())?.path;
}

/** The public map's cases: located, of public categories, open or closed since, not merged or refused. */
export function publicMapCases(db: Db, p: { since: Date; path?: string }) {
  let q = db.selectFrom('cases').innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
    .select(['cases.id', 'cases.number', 'cases.status', 'cases.lon', 'cases.lat', 'cases.reported_at', 'cases.house_id', 'cases.region_path', 'cat.name as category_name'])
    .where('cases.is_public', '=', true).where('cases.lat', 'is not', null).where('cases.status', '!=', 'merged').where('cases.status', '!=', 'rejected')
    .where((eb) => eb.or([eb(sql<boolean>`cases.open`, '=', true), eb('cases.closed_at', '>=', p.since)]));
  if (p.path !== undefined) q = q.where('cases.region_path', 'like', under(p.path));
  return q.orderBy('cases.reported_at', 'desc').limit(2000).execute();
}

export function eventById(db: Db, id: number) {
  return db.selectFrom('case_events').select(['id', 'case_id', 'action', 'audience', 'actor_user_id']).where('id', '=', id).executeTakeFirst();
}
