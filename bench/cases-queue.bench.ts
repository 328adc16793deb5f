/**
 * Workbench queue and overdue list latency with 1 000 000 cases: p50/p95 of GET /api/cases over
 * real HTTP (session, validation, scope, the page and its total, presenter with clock colours,
 * JSON) beside the same two statements sent raw on the same pool, and EXPLAIN ANALYZE of any
 * statement whose raw p95 passes BENCH_EXPLAIN_MS (default 50 ms). Totals are exact up to
 * EXACT_COUNT_UP_TO and estimated beyond (cases.repository.ts); the raw side runs the same EXPLAIN.
 *
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_cases_bench npx tsx bench/cases-queue.bench.ts
 *   BENCH_ROUNDS=50 BENCH_EXPLAIN_MS=0 …     # fewer rounds, every plan printed
 */
import type { CompiledQuery } from 'kysely';
import {
  caseListQueries,
  caseTotalsQueries,
  EXACT_COUNT_UP_TO,
  SURELY_PAST_THE_CAP,
  type CaseFilter as ListFilter,
} from '../server/domains/cases/cases.repository.js';
import { ScopedDb } from '../server/platform/db/scoped-db.js';
import { ms, percentile } from './county.js';
import { apiBesideRaw, startBenchServer } from './bench-server.js';
import { openBenchCases } from './cases-county.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
/** A list's filter and the region path of the scope it is listed in (the viewer's, or the region asked for). */
type CaseFilter = ListFilter & { path: string };
const EXPLAIN_MS = Number(process.env.BENCH_EXPLAIN_MS ?? 50);

const database = await openBenchCases();
const db = database.db;
const { app, base, session } = await startBenchServer(database);

const pathOf = async (name: string) =>
  (await db.selectFrom('regions').select('path').where('name', '=', name).executeTakeFirstOrThrow()).path;
const county = await pathOf('平阴县'),
  yushan = await pathOf('榆山街道');
const jinyuanGrid = (
  await db
    .selectFrom('users')
    .innerJoin('regions', 'regions.id', 'users.region_id')
    .select('regions.path')
    .where('username', '=', 'jinyuan.grid')
    .executeTakeFirstOrThrow()
).path;
const unit = await db.selectFrom('users').select('org_unit_id').where('username', '=', 'chengguan.handler').executeTakeFirstOrThrow();
const unitId = unit.org_unit_id!;
const [{ total: all }] = await db
  .selectFrom('cases')
  .select((eb) => eb.fn.countAll<string>().as('total'))
  .execute();

// Who asks, the query string, and the filter listCases (cases/read.ts) derives from it.
const cases: { name: string; user: string; qs: string; filter: Omit<CaseFilter, 'now'>; sort: 'deadline' | 'newest' }[] = [
  {
    name: 'unit queue, 待我处理 (dept_handler 县城市管理局)',
    user: 'chengguan.handler',
    qs: 'queue=mine&sort=deadline',
    filter: { path: county, unitId, statuses: ['dispatched', 'in_progress'] },
    sort: 'deadline',
  },
  {
    name: "unit's cases, all (dept_handler)",
    user: 'chengguan.handler',
    qs: 'sort=deadline',
    filter: { path: county, unitId },
    sort: 'deadline',
  },
  {
    name: "unit's cases, open only (dept_handler)",
    user: 'chengguan.handler',
    qs: 'open=true&sort=deadline',
    filter: { path: county, unitId, open: true },
    sort: 'deadline',
  },
  {
    name: 'county admin, orgUnitId=县城市管理局',
    user: 'county.admin',
    qs: `orgUnitId=${unitId}&sort=deadline`,
    filter: { path: county, orgUnitId: unitId },
    sort: 'deadline',
  },
  {
    name: 'county admin, orgUnitId, open only',
    user: 'county.admin',
    qs: `orgUnitId=${unitId}&open=true&sort=deadline`,
    filter: { path: county, orgUnitId: unitId, open: true },
    sort: 'deadline',
  },
  {
    name: 'overdue, county (county.admin)',
    user: 'county.admin',
    qs: 'clock=red&open=true&sort=deadline',
    filter: { path: county, clock: 'red', open: true },
    sort: 'deadline',
  },
  {
    name: 'overdue, street 榆山 (yushan.staff)',
    user: 'yushan.staff',
    qs: 'clock=red&open=true&sort=deadline',
    filter: { path: yushan, clock: 'red', open: true },
    sort: 'deadline',
  },
  { name: 'county admin, all cases, newest first', user: 'county.admin', qs: '', filter: { path: county }, sort: 'newest' },
  // What the admin workbench (web/admin/modules/cases/case-queues.ts) sends besides.
  {
    name: 'workbench 待我处理 (county.admin)',
    user: 'county.admin',
    qs: 'queue=mine&sort=deadline',
    filter: { path: county, statuses: ['reported', 'accepted', 'registered', 'verified'] },
    sort: 'deadline',
  },
  {
    name: 'workbench 处置中 tab (county.admin)',
    user: 'county.admin',
    qs: 'status=dispatched,in_progress&sort=deadline',
    filter: { path: county, statuses: ['dispatched', 'in_progress'] },
    sort: 'deadline',
  },
  {
    name: 'workbench 已受理 tab (county.admin)',
    user: 'county.admin',
    qs: 'status=accepted&sort=deadline',
    filter: { path: county, statuses: ['accepted'] },
    sort: 'deadline',
  },
  {
    name: 'workbench 全部 tab by deadline (county.admin)',
    user: 'county.admin',
    qs: 'sort=deadline',
    filter: { path: county },
    sort: 'deadline',
  },
  {
    name: 'workbench 待我处理 (jinyuan.grid, grid worker)',
    user: 'jinyuan.grid',
    qs: 'queue=mine&sort=deadline',
    filter: { path: jinyuanGrid, gridWorkPath: jinyuanGrid },
    sort: 'deadline',
  },
];

// Opening the workbench: the client asks for the total of each of its nine tabs at once
// (web/admin/modules/cases CaseWorkbenchPage.vue, pageSize=1), then shows the first tab.
const TABS: [string, string[] | undefined][] = [
  ['reported', ['reported']],
  ['accepted', ['accepted']],
  ['registered', ['registered']],
  ['working', ['dispatched', 'in_progress']],
  ['handled', ['handled']],
  ['verified', ['verified']],
  ['suspended', ['suspended']],
  ['all', undefined],
];
const bursts = [
  {
    name: 'county.admin (待我处理 = reported,accepted,registered,verified)',
    user: 'county.admin',
    filter: { path: county },
    mine: ['reported', 'accepted', 'registered', 'verified'],
    mineQs: 'queue=mine',
  },
  {
    name: 'chengguan.handler (待我处理 = dispatched,in_progress of the unit)',
    user: 'chengguan.handler',
    filter: { path: county, unitId },
    mine: ['dispatched', 'in_progress'],
    mineQs: 'queue=mine',
  },
];

console.log(`# case lists, ${database.kind}, ${all} cases, ${ROUNDS} rounds per case\n`);
console.log('| case (who asks) | API p50 | API p95 | raw SQL p50 | raw SQL p95 | API/raw p95 | total |');
console.log('|---|---|---|---|---|---|---|');
const plans: string[] = [];
for (const c of cases) {
  const statements = rawStatements(c.filter, c.sort, 20);
  const {
    api,
    raw,
    total,
    apiP95: p95,
    rawP95: r95,
  } = await apiBesideRaw({
    name: c.name,
    url: `${base}/api/cases?${c.qs}`,
    cookie: await session(c.user),
    rounds: ROUNDS,
    raw: () => runRaw(statements),
  });
  console.log(
    `| ${c.name} | ${ms(percentile(api, 50))} | ${ms(p95)} | ${ms(percentile(raw, 50))} | ${ms(r95)} | ${(p95 / r95).toFixed(2)} | ${total} |`,
  );
  if (r95 >= EXPLAIN_MS) plans.push(`## ${c.name}\n\n${await explain(statements.list)}\n\n${await explain(statements.count)}`);
}

// Before issue 9 the client asked for each tab's total as a list of one (nine requests, nine counts):
// kept as the same-run comparison for the one totals request below.
console.log(`\n## Opening the workbench before issue 9: nine tab totals at once (pageSize=1), ${ROUNDS} rounds\n`);
console.log('| who | API p50 | API p95 | raw SQL p50 | raw SQL p95 | API/raw p95 |');
console.log('|---|---|---|---|---|---|');
for (const b of bursts) {
  const cookie = await session(b.user);
  const tabs = [
    { qs: b.mineQs, statuses: b.mine },
    ...TABS.map(([, statuses]) => ({ qs: statuses ? `status=${statuses.join(',')}` : '', statuses })),
  ];
  const compiled = tabs.map((tab) => rawStatements({ ...b.filter, statuses: tab.statuses }, 'deadline', 1));
  const api: number[] = [],
    raw: number[] = [];
  for (let i = 0; i < ROUNDS + 10; i++) {
    let t = performance.now();
    await Promise.all(
      tabs.map(async (tab) => {
        const res = await fetch(`${base}/api/cases?${tab.qs}&sort=deadline&page=1&pageSize=1`, { headers: { cookie } });
        if (!res.ok) throw new Error(`${b.name} ${tab.qs}: ${res.status}`);
        await res.json();
      }),
    );
    const apiMs = performance.now() - t;
    t = performance.now();
    await Promise.all(compiled.map((c) => runRaw(c)));
    const rawMs = performance.now() - t;
    if (i >= 10) {
      api.push(apiMs);
      raw.push(rawMs);
    }
  }
  const p95 = percentile(api, 95),
    r95 = percentile(raw, 95);
  console.log(
    `| ${b.name} | ${ms(percentile(api, 50))} | ${ms(p95)} | ${ms(percentile(raw, 50))} | ${ms(r95)} | ${(p95 / r95).toFixed(2)} |`,
  );
}

// Opening the workbench since issue 9: one request for every tab's total (GET /api/cases/totals),
// one statement (a row per unit branch) and, when 全部 passes the cap, the planner's estimate.
console.log(`\n## Opening the workbench: one totals request, ${ROUNDS} rounds\n`);
console.log('| who | API p50 | API p95 | raw SQL p50 | raw SQL p95 | API/raw p95 | 全部 |');
console.log('|---|---|---|---|---|---|---|');
for (const b of [
  ...bursts,
  { name: "jinyuan.grid (待我处理 = the grid's desk)", user: 'jinyuan.grid', filter: { path: jinyuanGrid }, gridWorkPath: jinyuanGrid },
]) {
  // As the repository's totals(): the estimates of 全部 first, then the counts, 全部 counted only where it may be under the cap.
  const scope = new ScopedDb(db, { path: b.filter.path, estateIds: null });
  const filter = { ...b.filter, now: new Date() };
  const gridWorkPath = 'gridWorkPath' in b ? b.gridWorkPath : undefined;
  const estimates = caseTotalsQueries(scope, filter).estimate.map((q) => {
    const c = q.compile();
    return { ...c, sql: `EXPLAIN (FORMAT JSON) ${c.sql}` };
  });
  const planned = await Promise.all(estimates.map((e) => db.executeQuery<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(e)));
  const countAll = planned.map((p) => p.rows[0]['QUERY PLAN'][0].Plan['Plan Rows'] <= SURELY_PAST_THE_CAP);
  const counts = caseTotalsQueries(scope, filter, gridWorkPath, countAll).counts.compile();
  let all = 0;
  const { api, raw, apiP95, rawP95 } = await apiBesideRaw({
    name: b.name,
    url: `${base}/api/cases/totals`,
    cookie: await session(b.user),
    rounds: ROUNDS,
    raw: async () => {
      for (const e of estimates) await db.executeQuery(e);
      const rows = (await db.executeQuery<{ all: string | null }>(counts)).rows;
      all = rows.reduce((n, r) => n + (r.all === null ? EXACT_COUNT_UP_TO + 1 : Number(r.all)), 0);
    },
  });
  console.log(
    `| ${b.name} | ${ms(percentile(api, 50))} | ${ms(apiP95)} | ${ms(percentile(raw, 50))} | ${ms(rawP95)} | ${(apiP95 / rawP95).toFixed(2)} | ${all > EXACT_COUNT_UP_TO ? 'est.' : all} |`,
  );
  if (rawP95 >= EXPLAIN_MS) plans.push(`## totals, ${b.name}\n\n${await explain(counts)}`);
}

for (const plan of plans) console.log(`\n${plan}`);
await app.close();
await database.close();

/** The statements listCases runs for a page, compiled once: page, capped counts, and the estimates it may need. */
function rawStatements(filter: Omit<CaseFilter, 'now'>, sort: 'deadline' | 'newest', limit: number) {
  const queries = caseListQueries(
    new ScopedDb(db, { path: filter.path, estateIds: null }),
    { ...filter, now: new Date() },
    { offset: 0, limit, sort },
  );
  const estimates = queries.estimate.map((q) => {
    const c = q.compile();
    return { ...c, sql: `EXPLAIN (FORMAT JSON) ${c.sql}` };
  });
  return { list: queries.rows.compile(), count: queries.total.compile(), estimates };
}

async function runRaw(s: ReturnType<typeof rawStatements>) {
  const [, counted] = await Promise.all([db.executeQuery(s.list), db.executeQuery<Record<string, number>>(s.count)]);
  // As listCases: a branch whose capped count overflowed is estimated by the planner.
  for (const [k, n] of Object.values(counted.rows[0]).entries()) if (Number(n) > EXACT_COUNT_UP_TO) await db.executeQuery(s.estimates[k]);
}

async function explain(query: CompiledQuery) {
  const result = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `explain (analyze, buffers) ${query.sql}` });
  return ['```', query.sql.replace(/\s+/g, ' '), '', ...result.rows.map((r) => r['QUERY PLAN']), '```'].join('\n');
}
