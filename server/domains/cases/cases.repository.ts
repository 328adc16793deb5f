import { sql, type Compilable, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { CaseStatus } from '../../../common/enums.js';
import { isOpenStatus } from './states.js';
import { PROMISE_STATUSES } from '../../../common/case-clock.js';
import { QUEUE_STATUSES, STATUS_QUEUES, type StatusQueue } from '../../../common/case-queues.js';
import type { DB } from '../../platform/db/schema.js';
import type { CaseTypeCode } from './catalogue.repository.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';
import { notFound } from '../../platform/errors.js';
import { under } from '../../platform/scope.js';
import { pageOf } from '../../platform/paging.js';
import { containing } from '../../platform/db/text-search.js';
import { degreesAround, distanceMetres } from '../../../common/geo.js';

type Db = Kysely<DB>;

/**
 * The cases as casework reads them. The workbench lists, the public map and a case type's
 * reports are region-scoped through the ScopedDb; one case is read through `unscoped` and the
 * case policy (policy.ts) decides who may see it, because a case is not the region's alone
 * (a department reads its unit's cases anywhere, a reporter their own: docs/decisions/012).
 */

/** The rows a list or a page shows: the case with the names of what it points to. */
function withNames(base: SelectQueryBuilder<DB, 'cases', object>) {
  // prettier-ignore
  return base
    .innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
    .innerJoin('regions as region', 'region.id', 'cases.region_id')
    .leftJoin('org_units as unit', 'unit.id', 'cases.handler_unit_id')
    .leftJoin('regions as handler_region', 'handler_region.id', 'cases.handler_region_id')
    .leftJoin('org_units as first_unit', 'first_unit.id', 'cases.first_unit_id')
    .selectAll('cases')
    .select([
      'cat.name as category_name', 'cat.code as category_code', 'cat.case_type', 'cat.form as category_form', 'cat.sla_amount',
      'cat.sla_unit', 'cat.sign_limit_hours', 'region.name as region_name', 'unit.name as handler_unit_name',
      'handler_region.name as handler_region_name', 'handler_region.path as handler_region_path',
      'handler_region.level as handler_region_level', 'first_unit.name as first_unit_name',
    ]);
}

/** One case by id, not limited by region: the case policy decides who sees it. */
const caseById = (db: Db, id: number) => withNames(db.selectFrom('cases')).where('cases.id', '=', id).executeTakeFirst();
export type CaseRow = NonNullable<Awaited<ReturnType<typeof caseById>>>;

export interface CaseFilter {
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

/** A grid worker's desk: dispatched to a grid under `path`, or handled and waiting for 核查. */
function gridDesk(scoped: ScopedDb, path: string) {
  const grids = scoped.unscoped.selectFrom('regions').select('id').where('path', 'like', under(path));
  return sql<boolean>`((cases.status IN ('dispatched', 'in_progress') AND cases.handler_region_id IN (${grids})) OR cases.status = 'handled')`;
}

function filtered(scoped: ScopedDb, f: CaseFilter, branch: UnitBranch = 'handler') {
  let q = scoped.selectFrom('cases');
  if (f.unitId !== undefined) {
    q =
      branch === 'handler'
        ? q.where('cases.handler_unit_id', '=', f.unitId)
        : q.where('cases.first_unit_id', '=', f.unitId).where(sql<boolean>`cases.first_unit_id IS DISTINCT FROM cases.handler_unit_id`);
  }
  if (f.gridWorkPath !== undefined) q = q.where(gridDesk(scoped, f.gridWorkPath));
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
  if (f.open !== undefined || f.clock) q = q.where((f.open ?? true) ? sql<boolean>`cases.open` : sql<boolean>`NOT cases.open`);
  if (f.clock === 'red') q = q.where('cases.paused_at', 'is', null).where(overdueAt(f.now));
  if (f.clock === 'yellow') q = q.where('cases.paused_at', 'is', null).where(nearlyDueAt(f.now));
  if (f.q) q = q.where((eb) => eb.or([eb('cases.number', '=', f.q!.toUpperCase()), eb('cases.title', 'like', containing(f.q!))]));
  return q;
}

/**
 * The clock colours in SQL, for an open case that is not suspended: the conditions of
 * common/case-clock.ts's readClock over the same columns (warn_at is the 80 % point of the
 * promise). Red: the next deadline passed, or the promise broken while it binds the case.
 */
const PROMISE_RUNS = sql<boolean>`cases.status IN (${sql.join(PROMISE_STATUSES)})`;
const overdueAt = (now: Date) => sql<boolean>`(cases.next_deadline_at <= ${now} OR (cases.due_at <= ${now} AND ${PROMISE_RUNS}))`;
/** Yellow: not red, and 80 % of a promise that still binds the case used. */
const nearlyDueAt = (now: Date) =>
  sql<boolean>`(cases.next_deadline_at > ${now} AND cases.due_at > ${now} AND cases.warn_at <= ${now} AND ${PROMISE_RUNS})`;
/** The colour of an open case: 'paused', 'red', 'yellow' or 'green'. */
const clockColourAt = (now: Date) =>
  sql<string>`CASE WHEN cases.paused_at IS NOT NULL THEN 'paused' WHEN ${overdueAt(now)} THEN 'red' WHEN ${nearlyDueAt(now)} THEN 'yellow' ELSE 'green' END`;
/**
 * The same conditions for the supervision board's statements (supervision.repository.ts): SQL
 * fragments rather than queries, so they are reviewed in the statements that use them.
 */
export const clockConditions = { overdueAt, nearlyDueAt, colourAt: clockColourAt };

export interface CasePage {
  offset: number;
  limit: number;
  sort: 'deadline' | 'newest';
}

/**
 * Lists count exactly up to this many cases and estimate beyond it. Counting is linear in the
 * rows counted even from an index: 1 000 000 cases took 145 ms where 50 000 take 6 ms (PostgreSQL
 * 15, docs/BENCHMARKS.md), and the workbench asks for the totals of all its tabs at once. A total
 * past the cap comes from the planner's row estimate, always above the cap: a tab badge or a
 * pager of thousands of pages needs the size, not the last digit.
 */
export const EXACT_COUNT_UP_TO = 50_000;

function ordered<Q extends SelectQueryBuilder<DB, 'cases', object>>(q: Q, sort: CasePage['sort']): Q {
  return (
    sort === 'deadline'
      ? q.orderBy(sql`cases.next_deadline_at asc nulls last`).orderBy('cases.id')
      : q.orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc')
  ) as Q;
}

/**
 * The statements of a workbench list: the page, its capped count, and what to EXPLAIN for an
 * estimate when the cap is reached. The page picks ids first, in index order and from the
 * index alone where it can (migrations/0008), and only then reads those rows and their names.
 * bench/cases-queue.bench.ts sends the same statements raw.
 */
export function caseListQueries(scoped: ScopedDb, f: CaseFilter, page: CasePage) {
  const db = scoped.unscoped;
  const branches: UnitBranch[] = f.unitId === undefined ? ['handler'] : ['handler', 'transfer'];
  const idPage =
    branches.length === 1
      ? ordered(filtered(scoped, f).select('cases.id'), page.sort).offset(page.offset).limit(page.limit)
      : // Each embedded query is parenthesised by Kysely: ((…) UNION ALL (…)) AS u. The transfers
        // are read whole behind OFFSET 0 (the planner cannot tell how few they are, and would rather
        // walk every open case in deadline order looking for them), then ordered.
        db
          .selectFrom(
            sql<{ id: number }>`(${ordered(filtered(scoped, f, 'handler').select('cases.id'), page.sort).limit(page.offset + page.limit)}
        UNION ALL (SELECT id FROM ${filtered(scoped, f, 'transfer').select(['cases.id', 'cases.next_deadline_at', 'cases.reported_at']).offset(0)} AS cases
          ORDER BY ${page.sort === 'deadline' ? sql`next_deadline_at ASC NULLS LAST, id` : sql`reported_at DESC, id DESC`} LIMIT ${page.offset + page.limit}))`.as(
              'u',
            ),
          )
          .select('u.id');
  // The page's rows were chosen inside the scope by id; reading them by id needs no scope again.
  let rows = ordered(withNames(db.selectFrom('cases').where('cases.id', 'in', idPage)), page.sort);
  if (branches.length > 1) rows = rows.offset(page.offset).limit(page.limit);
  const capped = branches.map(
    (b) =>
      sql<number>`(SELECT count(*) FROM (${filtered(scoped, f, b)
        .select(sql`1`.as('one'))
        .limit(EXACT_COUNT_UP_TO + 1)}) AS c)`,
  );
  return {
    rows,
    /** One capped count per branch, in one statement. */
    total: db.selectNoFrom(capped.map((count, i) => count.as(`n${i}`))),
    estimate: branches.map((b) => filtered(scoped, f, b).select(sql`1`.as('one'))),
  };
}

/**
 * The statements of the workbench's tab totals (GET /api/cases/totals): per unit branch, the
 * planner's estimate of 全部, then one statement with a row per branch counting every open case
 * in the filter by tab from the open-cases indexes (migrations/0008, 0014; 70 000 of 1 000 000
 * cases are open), beside the capped count of 全部 for a branch whose estimate is near or under the
 * cap. A grid worker's 待我处理 is counted in the same pass (`gridWorkPath`); other desks' are
 * sums of tabs. `countAll[i]` says whether branch i's 全部 is counted; otherwise its column is null.
 */
export function caseTotalsQueries(scoped: ScopedDb, f: CaseFilter, gridWorkPath?: string, countAll?: boolean[]) {
  const branches: UnitBranch[] = f.unitId === undefined ? ['handler'] : ['handler', 'transfer'];
  const byTab = (statuses: readonly string[]) => sql<number>`count(*) FILTER (WHERE cases.status IN (${sql.join(statuses)}))`;
  const counts = branches.map((b, i) =>
    filtered(scoped, { ...f, open: true }, b).select([
      ...STATUS_QUEUES.map((queue) => byTab(QUEUE_STATUSES[queue]).as(queue)),
      (gridWorkPath === undefined ? sql<number>`0` : sql<number>`count(*) FILTER (WHERE ${gridDesk(scoped, gridWorkPath)})`).as(
        'grid_desk',
      ),
      (countAll?.[i] === false
        ? sql<number | null>`NULL`
        : sql<number | null>`(SELECT count(*) FROM (${filtered(scoped, f, b)
            .select(sql`1`.as('one'))
            .limit(EXACT_COUNT_UP_TO + 1)}) AS c)`
      ).as('all'),
    ]),
  );
  return {
    counts: counts.length === 1 ? counts[0] : counts[0].unionAll(counts[1]),
    estimate: branches.map((b) => filtered(scoped, f, b).select(sql`1`.as('one'))),
  };
}

/**
 * Past this estimate 全部 is not counted at all: the capped count would reach the cap and be
 * replaced by the estimate anyway, after reading 50 000 index entries (6 ms unloaded, the better
 * part of the statement). Four times the cap leaves room for the planner's error.
 */
export const SURELY_PAST_THE_CAP = 4 * EXACT_COUNT_UP_TO;

/**
 * The figures of a desk's queue for 首页 (home.ts), one statement: how many wait, how many are
 * late, due before `endOfToday`, or past 80 % of their promise, by the same colour conditions as
 * the workbench's filters. One row per unit branch, as for the totals.
 */
export function deskFiguresQueries(scoped: ScopedDb, f: CaseFilter, endOfToday: Date) {
  const branches: UnitBranch[] = f.unitId === undefined ? ['handler'] : ['handler', 'transfer'];
  const running = sql<boolean>`cases.paused_at IS NULL`;
  const counts = branches.map((b) =>
    filtered(scoped, { ...f, open: true }, b).select([
      sql<number>`count(*)`.as('waiting'),
      sql<number>`count(*) FILTER (WHERE ${running} AND ${overdueAt(f.now)})`.as('overdue'),
      sql<number>`count(*) FILTER (WHERE ${running} AND NOT ${overdueAt(f.now)} AND cases.next_deadline_at <= ${endOfToday})`.as(
        'due_today',
      ),
      sql<number>`count(*) FILTER (WHERE ${running} AND ${nearlyDueAt(f.now)})`.as('nearly_due'),
    ]),
  );
  return counts.length === 1 ? counts[0] : counts[0].unionAll(counts[1]);
}

/** The planner's estimate of the rows a query returns. */
export async function estimatedRows(db: Db, query: Compilable) {
  const compiled = query.compile();
  const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>({ ...compiled, sql: `EXPLAIN (FORMAT JSON) ${compiled.sql}` });
  const plan = result.rows[0]['QUERY PLAN'];
  return Math.round(
    Number((typeof plan === 'string' ? JSON.parse(plan) : (plan as { Plan: { 'Plan Rows': number } }[]))[0].Plan['Plan Rows']),
  );
}

/**
 * The scope of work done for the whole county rather than for a viewer: the supervision sweep,
 * Open311 applications, the public. Every region path lies under '/'.
 */
export const countyWide = (db: Db) => new ScopedDb(db, { path: '/', estateIds: null });

/**
 * The scope of someone who is not signed in (the public case map): the region they ask about,
 * or the whole county. A region that does not exist answers 404.
 */
export async function regionScope(db: Db, regionId?: number): Promise<ScopedDb> {
  if (regionId === undefined) return countyWide(db);
  const region = await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirst();
  if (!region) throw notFound('区域');
  return new ScopedDb(db, { path: region.path, estateIds: null });
}

export interface NearbyPoint {
  categoryId: number;
  lat: number;
  lon: number;
  metres: number;
  since: Date;
  excludeId?: number;
}
export interface PlaceNames {
  estate: string | null;
  community: string | null;
  town: string | null;
}

export function casesRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  return {
    byId: (id: number) => caseById(db, id),

    /** Locks the case row for the length of the caller's transaction: transitions are serial per case. */
    async lock(id: number) {
      await sql`SELECT 1 FROM cases WHERE id = ${id} FOR UPDATE`.execute(db);
      return caseById(db, id);
    },

    /** A page of the workbench, inside the scope, with its (capped) total. */
    async list(f: CaseFilter, page: CasePage) {
      const q = caseListQueries(scoped, f, page);
      const [rows, counted] = await Promise.all([q.rows.execute(), q.total.executeTakeFirstOrThrow()]);
      let total = 0;
      for (const [i, n] of Object.values(counted as Record<string, number | string>).entries()) {
        total += Number(n) <= EXACT_COUNT_UP_TO ? Number(n) : Math.max(EXACT_COUNT_UP_TO + 1, await estimatedRows(db, q.estimate[i]));
      }
      return { rows, total };
    },

    /** The workbench's tab totals in one statement (caseTotalsQueries); 全部 past the cap is the planner's estimate. */
    async totals(f: CaseFilter, gridWorkPath?: string) {
      const estimates = await Promise.all(caseTotalsQueries(scoped, f).estimate.map((q) => estimatedRows(db, q)));
      const q = caseTotalsQueries(
        scoped,
        f,
        gridWorkPath,
        estimates.map((n) => n <= SURELY_PAST_THE_CAP),
      );
      const rows = await q.counts.execute();
      const sum = (key: StatusQueue | 'grid_desk') => rows.reduce((n, r) => n + Number(r[key]), 0);
      const byQueue = Object.fromEntries(STATUS_QUEUES.map((queue) => [queue, sum(queue)])) as Record<StatusQueue, number>;
      let all = 0;
      let allEstimated = false;
      for (const [i, r] of rows.entries()) {
        const counted = r.all === null ? null : Number(r.all);
        if (counted !== null && counted <= EXACT_COUNT_UP_TO) all += counted;
        else {
          all += Math.max(EXACT_COUNT_UP_TO + 1, estimates[i]);
          allEstimated = true;
        }
      }
      return { byQueue, gridDesk: sum('grid_desk'), all, allEstimated };
    },

    /** A desk's figures (deskFiguresQueries), summed over the unit's branches. */
    async deskFigures(f: CaseFilter, endOfToday: Date) {
      const rows = await deskFiguresQueries(scoped, f, endOfToday).execute();
      const sum = (key: 'waiting' | 'overdue' | 'due_today' | 'nearly_due') => rows.reduce((n, r) => n + Number(r[key]), 0);
      return { waiting: sum('waiting'), overdue: sum('overdue'), dueToday: sum('due_today'), nearlyDue: sum('nearly_due') };
    },

    /**
     * Open and overdue cases of the scope by the regions one level below `depth` (the viewer's
     * region's level: 1 for the county), read from each case's region path, most overdue first.
     */
    async openByArea(depth: number, now: Date) {
      // '/1/4/17/230/' split on '/' is '', '1', '4', …: the region at depth d + 1 is part d + 2.
      const areaId = sql<string>`nullif(split_part(cases.region_path, '/', ${depth + 2}), '')::bigint`;
      return scoped
        .selectFrom('cases')
        .innerJoin('regions as area', (j) => j.on(sql<boolean>`area.id = ${areaId}`))
        .where(sql<boolean>`cases.open`)
        .select([
          'area.id',
          'area.name',
          sql<number>`count(*)`.as('open'),
          sql<number>`count(*) FILTER (WHERE cases.paused_at IS NULL AND ${overdueAt(now)})`.as('overdue'),
        ])
        .groupBy(['area.id', 'area.name'])
        .orderBy('overdue', 'desc')
        .orderBy('open', 'desc')
        .orderBy('area.id')
        .execute();
    },

    /** Cases of the scope reported since a moment (today's, for the overview). */
    async reportedSince(since: Date) {
      const row = await scoped
        .selectFrom('cases')
        .where('cases.reported_at', '>=', since)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The case's category and its descendants, so a filter on 市容环境 finds 垃圾清运. */
    async categoryWithChildren(id: number): Promise<number[]> {
      const rows = await sql<{ id: number }>`
        WITH RECURSIVE tree AS (SELECT id FROM case_categories WHERE id = ${id}
          UNION ALL SELECT c.id FROM case_categories c JOIN tree ON c.parent_id = tree.id)
        SELECT id FROM tree`.execute(db);
      return rows.rows.map((r) => Number(r.id));
    },

    sourcesOf: (caseId: number) => db.selectFrom('case_sources').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
    eventsOf: (caseId: number) => db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
    eventById: (id: number) =>
      db.selectFrom('case_events').select(['id', 'case_id', 'action', 'audience', 'actor_user_id']).where('id', '=', id).executeTakeFirst(),

    // prettier-ignore
    supervisionsOf: (caseId: number) =>
      db
        .selectFrom('case_supervisions as s')
        .leftJoin('org_units as u', 'u.id', 's.org_unit_id')
        .leftJoin('regions as r', 'r.id', 's.region_id')
        .leftJoin('leaders as l', 'l.id', 's.leader_id')
        .leftJoin('leaders as b', 'b.id', 's.backup_leader_id')
        .select([
          's.id', 's.level', 's.reason', 's.issued_at', 's.issued_by', 's.acknowledged_at', 'u.name as unit_name', 'r.name as region_name',
          'l.name as leader_name', 'b.name as backup_name',
        ])
        .where('s.case_id', '=', caseId)
        .orderBy('s.id')
        .execute(),

    /** The users who reported the case, joined it or had a case merged into it. */
    async reporterIds(caseId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('case_sources')
        .select('reporter_user_id')
        .distinct()
        .where('case_id', '=', caseId)
        .where('reporter_user_id', 'is not', null)
        .execute();
      return rows.map((r) => r.reporter_user_id!);
    },

    /** Whether the user reported, joined or had a case merged into this one: a case source of their own. */
    async follows(caseId: number, userId: number) {
      return Boolean(
        await db
          .selectFrom('case_sources')
          .select('id')
          .where('case_id', '=', caseId)
          .where('reporter_user_id', '=', userId)
          .executeTakeFirst(),
      );
    },

    /**
     * Open cases of the category within `metres` of a point, reported since `since`: a box on the
     * (category, lat) index, then the true distance. Nearest first. Any region: the case policy
     * decides for each what the viewer is shown.
     */
    async nearbyOpen(p: NearbyPoint) {
      const { dLat, dLon } = degreesAround(p.lat, p.metres);
      let q = withNames(db.selectFrom('cases'))
        .where('cases.category_id', '=', p.categoryId)
        .where(sql<boolean>`cases.open`)
        .where('cases.lat', '>=', p.lat - dLat)
        .where('cases.lat', '<=', p.lat + dLat)
        .where('cases.lon', '>=', p.lon - dLon)
        .where('cases.lon', '<=', p.lon + dLon)
        .where('cases.reported_at', '>=', p.since);
      if (p.excludeId !== undefined) q = q.where('cases.id', '!=', p.excludeId);
      const rows = await q.limit(50).execute();
      return rows
        .map((row) => ({ row, metres: Math.round(distanceMetres(p.lat, p.lon, row.lat!, row.lon!)) }))
        .filter((n) => n.metres <= p.metres)
        .sort((a, b) => a.metres - b.metres)
        .slice(0, 10);
    },

    /** The cases a user reported or joined, newest first: a resident's "我的事件", wherever they are. */
    ofReporter(userId: number, page: { offset: number; limit: number }) {
      const base = db
        .selectFrom('cases')
        .where('cases.id', 'in', (eb) => eb.selectFrom('case_sources').select('case_id').where('reporter_user_id', '=', userId));
      return pageOf(
        withNames(base).orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc').offset(page.offset).limit(page.limit),
        base,
      );
    },

    /** The public map of the scope: located cases of public categories, open or closed since, not merged or refused. */
    // prettier-ignore
    publicMap: (p: { since: Date }) =>
      scoped
        .selectFrom('cases')
        .innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
        .select([
          'cases.id', 'cases.number', 'cases.status', 'cases.lon', 'cases.lat', 'cases.reported_at', 'cases.house_id', 'cases.region_path',
          'cat.name as category_name',
        ])
        .where('cases.is_public', '=', true)
        .where('cases.lat', 'is not', null)
        .where('cases.status', '!=', 'merged')
        .where('cases.status', '!=', 'rejected')
        .where((eb) => eb.or([eb(sql<boolean>`cases.open`, '=', true), eb('cases.closed_at', '>=', p.since)]))
        .orderBy('cases.reported_at', 'desc')
        .limit(2000)
        .execute(),

    /** What the public may be told of each case's place (presenter publicPlaceText): its house's estate, its community, its town. */
    async publicPlaceNames(
      rows: readonly { id: number; region_path: string; house_id: number | null }[],
    ): Promise<Map<number, PlaceNames>> {
      const regionIds = [...new Set(rows.flatMap((r) => r.region_path.split('/').filter(Boolean).map(Number)))];
      const houseIds = [...new Set(rows.flatMap((r) => (r.house_id === null ? [] : [r.house_id])))];
      const [regions, estates] = await Promise.all([
        regionIds.length ? db.selectFrom('regions').select(['id', 'name', 'level']).where('id', 'in', regionIds).execute() : [],
        houseIds.length
          ? db
              .selectFrom('houses')
              // An inner join on purpose: a village house (no estate) names no estate, only its community and town.
              .innerJoin('estates', 'estates.id', 'houses.estate_id')
              .select(['houses.id', 'estates.name'])
              .where('houses.id', 'in', houseIds)
              .execute()
          : [],
      ]);
      const region = new Map(regions.map((r) => [r.id, r]));
      const estate = new Map(estates.map((e) => [e.id, e.name]));
      return new Map(
        rows.map((r) => {
          const along = r.region_path
            .split('/')
            .filter(Boolean)
            .map((id) => region.get(Number(id)));
          const named = (level: string) => along.find((x) => x?.level === level)?.name ?? null;
          return [
            r.id,
            { estate: r.house_id === null ? null : (estate.get(r.house_id) ?? null), community: named('community'), town: named('town') },
          ];
        }),
      );
    },

    handlersOfTarget: (target: DispatchTarget) => handlersOfTarget(db, target),
  };
}
export type CasesRepository = ReturnType<typeof casesRepository>;

/** Where a case is dispatched: a unit, or (with no unit) a grid or community; neither before dispatch. */
export interface DispatchTarget {
  unitId: number | null;
  regionId: number | null;
}

/**
 * The people who sign a dispatched case: the unit's handlers, or the grid workers and the
 * community desk of the grid or community it went to (the same people policy.ts counts as its
 * handling grid). Told of a dispatch in their inbox, and of every line on its timeline live
 * (timeline.repository.ts).
 */
export async function handlersOfTarget(db: Db, target: DispatchTarget): Promise<number[]> {
  if (target.unitId !== null) {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('org_unit_id', '=', target.unitId)
      .where('role', '=', 'dept_handler')
      .where('active', '=', true)
      .execute();
    return rows.map((u) => u.id);
  }
  if (target.regionId === null) return [];
  const region = await db.selectFrom('regions').select('path').where('id', '=', target.regionId).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('users')
    .innerJoin('regions', 'regions.id', 'users.region_id')
    .select('users.id')
    .where('users.role', 'in', ['grid_worker', 'community_staff'])
    .where('users.active', '=', true)
    // Workers in the grid (or in the community's grids), and the desk of the community the grid belongs to.
    .where(
      sql<boolean>`(regions.path LIKE ${under(region.path)} OR (users.role = 'community_staff' AND ${region.path} LIKE regions.path || '%'))`,
    )
    .execute();
  return rows.map((u) => u.id);
}

/**
 * A case type's cases in the scope (docs/decisions/013): the read model its reports build on, so
 * a case type reads what it needs of its cases without querying the case tables itself. With the
 * town each lies in and the names of its place and handling unit. `countable`: not refused
 * (不予受理) and not merged into another case, whose car or alarm is that case's.
 */
export function casesOfType(scoped: ScopedDb, caseType: string, f: { reportedBefore?: Date; countable?: boolean } = {}) {
  let q = scoped
    .selectFrom('cases')
    .innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
    .innerJoin('regions as region', 'region.id', 'cases.region_id')
    .leftJoin('regions as town', (j) => j.on('town.level', '=', 'town').on(sql<boolean>`cases.region_path LIKE town.path || '%'`))
    .leftJoin('org_units as unit', 'unit.id', 'cases.handler_unit_id')
    .where('cat.case_type', '=', caseType as CaseTypeCode);
  if (f.reportedBefore) q = q.where('cases.reported_at', '<', f.reportedBefore);
  if (f.countable) q = q.where('cases.status', 'not in', ['rejected', 'merged']);
  // prettier-ignore
  return q.select([
    'cases.id', 'cases.number', 'cases.status', 'cases.address', 'cases.attributes', 'cases.region_path', 'cases.reported_at',
    'cases.handler_unit_id', 'cases.handler_region_id', 'region.name as region_name', 'town.id as town_id', 'town.name as town_name',
    'unit.name as handler_unit_name',
  ]);
}
