/**
 * Resident list latency on the county-sized database: p50/p95 of GET /api/residents over real
 * HTTP (session, validation, scope, two queries, presenter, JSON) beside the same SQL sent raw
 * on the same connection, and the server process's memory after the run.
 *
 *   npx tsx bench/resident-list.bench.ts                          # PGlite, 330 000 residents
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_bench npx tsx bench/resident-list.bench.ts
 *   BENCH_RESIDENTS=20000 npx tsx bench/resident-list.bench.ts    # a quick small run
 */
import { loadConfig } from '../server/platform/config.js';
import { buildApp } from '../server/app.js';
import { residentListQueries } from '../server/domains/people/people.repository.js';
import { BENCH_PASSWORD, ms, openBenchCounty, percentile } from './county.js';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 330_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

const database = await openBenchCounty(RESIDENTS);
const db = database.db;
const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/civicgrid-bench-files' });
const app = await buildApp({ config, database });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

async function session(username: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0];
}

const today = new Date().toISOString().slice(0, 10);
const pathOf = async (name: string) => (await db.selectFrom('regions').select('path').where('name', '=', name).executeTakeFirstOrThrow()).path;
const county = await pathOf('平阴县'), yushan = await pathOf('榆山街道'), jinyuan = await pathOf('锦源社区');

// The cases: who asks, the query string, and the filter the server derives from it.
const cases = [
  { name: 'county, page 1 by id', user: 'county.admin', qs: 'page=1&pageSize=20', filter: { path: county }, page: 1, sort: 'id' as const },
  { name: 'county, 60-79, 户籍, page 5', user: 'county.admin', qs: 'ageBand=60-79&populationType=registered&page=5&pageSize=20', filter: { path: county, ageBand: '60-79' as const, populationType: 'registered' as const }, page: 5, sort: 'id' as const },
  { name: 'street 榆山, tag party_member, by name', user: 'yushan.staff', qs: 'tag=party_member&sort=name&pageSize=20', filter: { path: yushan, tag: 'party_member' as const }, page: 1, sort: 'name' as const },
  { name: 'community 锦源, search 王', user: 'jinyuan.staff', qs: `q=${encodeURIComponent('王')}&pageSize=20`, filter: { path: jinyuan, q: '王' }, page: 1, sort: 'id' as const },
  { name: 'county, ID tail 1234', user: 'county.admin', qs: 'q=1234&pageSize=20', filter: { path: county, q: '1234' }, page: 1, sort: 'id' as const },
];

console.log(`# resident list, ${database.kind}, ${RESIDENTS} residents, ${ROUNDS} rounds per case\n`);
console.log('| case | API p50 | API p95 | raw SQL p50 | raw SQL p95 | API/raw p95 | total rows |');
console.log('|---|---|---|---|---|---|---|');
const sessions = new Map<string, string>();
for (const c of cases) {
  const cookie = sessions.get(c.user) ?? (await session(c.user));
  sessions.set(c.user, cookie);
  const filter = { includeMovedOut: false, today, ...c.filter };
  // The same two statements the repository runs, compiled once and sent raw.
  const queries = residentListQueries(db, filter, { offset: (c.page - 1) * 20, limit: 20, sort: c.sort, order: 'asc' });
  const listSql = queries.rows.compile(), countSql = queries.total.compile();
  const api: number[] = [], raw: number[] = [];
  let total = 0;
  for (let i = 0; i < ROUNDS + 10; i++) {
    let t = performance.now();
    const res = await fetch(`${base}/api/residents?${c.qs}`, { headers: { cookie } });
    const body = await res.json() as { total: number };
    if (!res.ok) throw new Error(`${c.name}: ${res.status} ${JSON.stringify(body)}`);
    const apiMs = performance.now() - t;
    total = body.total;
    t = performance.now();
    await Promise.all([db.executeQuery(listSql), db.executeQuery(countSql)]);
    const rawMs = performance.now() - t;
    if (i >= 10) { api.push(apiMs); raw.push(rawMs); } // the first ten warm caches
  }
  const p95 = percentile(api, 95), r95 = percentile(raw, 95);
  console.log(`| ${c.name} | ${ms(percentile(api, 50))} | ${ms(p95)} | ${ms(percentile(raw, 50))} | ${ms(r95)} | ${(p95 / r95).toFixed(2)} | ${total} |`);
}
const memory = process.memoryUsage();
console.log(`\nserver process RSS after the run: ${(memory.rss / 1048576).toFixed(0)} MB (heap used ${(memory.heapUsed / 1048576).toFixed(0)} MB)`);
await app.close();
await database.close();
