/**
 * Resident list latency on the county-sized database: p50/p95 of GET /api/residents over real
 * HTTP (session, validation, scope, two queries, presenter, JSON) beside the same SQL sent raw
 * on the same connection, and the server process's memory after the run.
 *
 *   npx tsx bench/resident-list.bench.ts                          # PGlite, 330 000 residents
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_bench npx tsx bench/resident-list.bench.ts
 *   BENCH_RESIDENTS=20000 npx tsx bench/resident-list.bench.ts    # a quick small run
 */
import { residentListQueries } from '../server/domains/people/people.repository.js';
import { ScopedDb } from '../server/platform/db/scoped-db.js';
import { localDateOf } from '../server/platform/calendar/working-calendar.js';
import { ms, openBenchCounty, percentile } from './county.js';
import { apiBesideRaw, startBenchServer } from './bench-server.js';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 330_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

const database = await openBenchCounty(RESIDENTS);
const db = database.db;
const { app, base, session } = await startBenchServer(database);

// The day the API counts age bands on: today in Pingyin.
const today = localDateOf(new Date());
const pathOf = async (name: string) =>
  (await db.selectFrom('regions').select('path').where('name', '=', name).executeTakeFirstOrThrow()).path;
const county = await pathOf('平阴县'),
  yushan = await pathOf('榆山街道'),
  jinyuan = await pathOf('锦源社区');

// The cases: who asks, the query string, and the filter the server derives from it.
const cases = [
  { name: 'county, page 1 by id', user: 'county.admin', qs: 'page=1&pageSize=20', filter: { path: county }, page: 1, sort: 'id' as const },
  {
    name: 'county, 60-79, 户籍, page 5',
    user: 'county.admin',
    qs: 'ageBand=60-79&populationType=registered&page=5&pageSize=20',
    filter: { path: county, ageBand: '60-79' as const, populationType: 'registered' as const },
    page: 5,
    sort: 'id' as const,
  },
  {
    name: 'street 榆山, tag party_member, by name',
    user: 'yushan.staff',
    qs: 'tag=party_member&sort=name&pageSize=20',
    filter: { path: yushan, tag: 'party_member' as const },
    page: 1,
    sort: 'name' as const,
  },
  {
    name: 'community 锦源, search 王',
    user: 'jinyuan.staff',
    qs: `q=${encodeURIComponent('王')}&pageSize=20`,
    filter: { path: jinyuan, q: '王' },
    page: 1,
    sort: 'id' as const,
  },
  {
    name: 'county, ID tail 1234',
    user: 'county.admin',
    qs: 'q=1234&pageSize=20',
    filter: { path: county, q: '1234' },
    page: 1,
    sort: 'id' as const,
  },
];

console.log(`# resident list, ${database.kind}, ${RESIDENTS} residents, ${ROUNDS} rounds per case\n`);
console.log('| case | API p50 | API p95 | raw SQL p50 | raw SQL p95 | API/raw p95 | total rows |');
console.log('|---|---|---|---|---|---|---|');
for (const c of cases) {
  const { path, ...filter } = { includeMovedOut: false, today, ...c.filter };
  // The same two statements the repository runs, compiled once and sent raw.
  const queries = residentListQueries(new ScopedDb(db, { path, estateIds: null }), filter, {
    offset: (c.page - 1) * 20,
    limit: 20,
    sort: c.sort,
    order: 'asc',
  });
  const listSql = queries.rows.compile(),
    countSql = queries.total.compile();
  const {
    api,
    raw,
    total,
    apiP95: p95,
    rawP95: r95,
  } = await apiBesideRaw({
    name: c.name,
    url: `${base}/api/residents?${c.qs}`,
    cookie: await session(c.user),
    rounds: ROUNDS,
    raw: () => Promise.all([db.executeQuery(listSql), db.executeQuery(countSql)]),
  });
  console.log(
    `| ${c.name} | ${ms(percentile(api, 50))} | ${ms(p95)} | ${ms(percentile(raw, 50))} | ${ms(r95)} | ${(p95 / r95).toFixed(2)} | ${total} |`,
  );
}
const memory = process.memoryUsage();
console.log(
  `\nserver process RSS after the run: ${(memory.rss / 1048576).toFixed(0)} MB (heap used ${(memory.heapUsed / 1048576).toFixed(0)} MB)`,
);
await app.close();
await database.close();
