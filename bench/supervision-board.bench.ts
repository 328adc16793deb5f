/**
 * The supervision board (督办看板) with 1 000 000 cases: p50/p95 of GET /api/supervision/board over
 * real HTTP for the county and for one street, beside the statement the board's totals were
 * before migrations/0037 (counting every case of the scope by status), sent raw on the same
 * pool. The board must say what that count says: checked once per scope before timing.
 *
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_cases_bench npx tsx bench/supervision-board.bench.ts
 *   BENCH_ROUNDS=50 …     # fewer rounds
 */
import { sql } from 'kysely';
import { ms, percentile } from './county.js';
import { apiBesideRaw, startBenchServer } from './bench-server.js';
import { openBenchCases } from './cases-county.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);

const database = await openBenchCases();
const db = database.db;
const { app, base, session } = await startBenchServer(database);

/** The totals as the board counted them before 0037: every case of the path, by status. */
const countedTotals = (path: string) =>
  sql<Record<'total' | 'handled' | 'open' | 'rejected', string>>`
    select count(*) filter (where status <> 'merged') as total,
           count(*) filter (where status in ('handled','verified','closed','evaluated')) as handled,
           count(*) filter (where status in ('reported','accepted','registered','dispatched','in_progress','suspended')) as open,
           count(*) filter (where status = 'rejected') as rejected
    from cases where region_path like ${`${path}%`}`.execute(db);

const pathOf = async (name: string) =>
  (await db.selectFrom('regions').select('path').where('name', '=', name).executeTakeFirstOrThrow()).path;
const scopes = [
  { name: 'county (county.admin)', user: 'county.admin', path: await pathOf('平阴县') },
  { name: 'street 榆山 (yushan.staff)', user: 'yushan.staff', path: await pathOf('榆山街道') },
];

console.log(`supervision board, ${ROUNDS} rounds each after 10 warm-up rounds`);
console.log('| scope | API p50 | API p95 | before 0037: the totals counted, raw p95 | board = count |');
console.log('|---|---|---|---|---|');
for (const s of scopes) {
  const cookie = await session(s.user);
  const board = (await (await fetch(`${base}/api/supervision/board`, { headers: { cookie } })).json()) as {
    totals: Record<string, number>;
  };
  const {
    rows: [counted],
  } = await countedTotals(s.path);
  const same = (['total', 'handled', 'open', 'rejected'] as const).every((k) => board.totals[k] === Number(counted[k]));
  if (!same) throw new Error(`${s.name}: board ${JSON.stringify(board.totals)} ≠ counted ${JSON.stringify(counted)}`);
  const r = await apiBesideRaw({
    name: s.name,
    url: `${base}/api/supervision/board`,
    cookie,
    rounds: ROUNDS,
    raw: () => countedTotals(s.path),
  });
  console.log(`| ${s.name} | ${ms(percentile(r.api, 50))} | ${ms(r.apiP95)} | ${ms(r.rawP95)} | ${board.totals.total} cases |`);
}

/**
 * What keeping the counts costs a report: one case INSERT, each in its own transaction as a
 * report commits, with the count trigger and with triggers off for the session
 * (session_replication_role), in alternating blocks on one connection. The rows are deleted the
 * same way afterwards, so the counts stay true.
 */
const INSERTS = Number(process.env.BENCH_INSERTS ?? 2000);
const BLOCK = 250;
const sample = await db.selectFrom('cases').select('id').where('status', '=', 'reported').limit(1).executeTakeFirstOrThrow();
const copied = (
  await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_name = 'cases' and is_generated = 'NEVER' and column_name not in ('id', 'number', 'idempotency_key')
    order by ordinal_position`.execute(db)
).rows.map((r) => sql.ref(r.column_name));
const timings = { with: [] as number[], without: [] as number[] };
await db.connection().execute(async (conn) => {
  for (let i = 0; i < INSERTS; i++) {
    const withTrigger = Math.floor(i / BLOCK) % 2 === 0;
    if (i % BLOCK === 0) await sql`set session_replication_role = ${sql.lit(withTrigger ? 'origin' : 'replica')}`.execute(conn);
    const t = performance.now();
    await sql`insert into cases (number, ${sql.join(copied)})
      select ${`BENCH-${withTrigger ? 'T' : 'N'}-${i}`}, ${sql.join(copied)} from cases where id = ${sample.id}`.execute(conn);
    (withTrigger ? timings.with : timings.without).push(performance.now() - t);
  }
  await sql`set session_replication_role = origin`.execute(conn);
  await sql`delete from cases where number like 'BENCH-T-%'`.execute(conn);
  await sql`set session_replication_role = replica`.execute(conn);
  await sql`delete from cases where number like 'BENCH-N-%'`.execute(conn);
  await sql`set session_replication_role = origin`.execute(conn);
});
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log();
console.log(`one case INSERT per transaction, ${INSERTS} in blocks of ${BLOCK}`);
console.log('| | mean | p95 |');
console.log('|---|---|---|');
console.log(`| with the count trigger | ${ms(mean(timings.with))} | ${ms(percentile(timings.with, 95))} |`);
console.log(`| triggers off | ${ms(mean(timings.without))} | ${ms(percentile(timings.without, 95))} |`);

await app.close();
await database.close();
