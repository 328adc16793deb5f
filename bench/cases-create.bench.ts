/**
 * Case creation throughput: POST /api/cases over real HTTP against the real server on
 * PostgreSQL (session, validation, category and form checks, place, number, routing-ready row
 * with clocks on the working calendar, first source and timeline line, duplicate check), with
 * BENCH_CONCURRENCY requests in flight for BENCH_SECONDS after a short warm-up, from a client in
 * a worker thread so its work does not run on the server's event loop. Beside it, in the same
 * run: the same rows written raw, one transaction of three INSERTs per case, as many in flight.
 * Everything the run created is deleted afterwards.
 *
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_cases_bench npx tsx bench/cases-create.bench.ts
 *   BENCH_SECONDS=5 …        # quick
 *   BENCH_PROFILE=/tmp/create.cpuprofile …   # and a CPU profile of the server thread
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { isInsideCounty, countyCenter } from '../server/platform/geo/county-boundary.js';
import { createRandom } from '../server/seed/random.js';
import { ms, percentile } from './county.js';
import { startBenchServer } from './bench-server.js';
import { openBenchCases } from './cases-county.js';

/**
 * The load generator, plain JavaScript in a worker: a fixed number of requests always in flight,
 * each on its own kept-alive connection. node:http rather than fetch: on two cores the client
 * shares the CPU with the server and PostgreSQL, and fetch's streams cost it about twice as much
 * per request, which the figure would count against the server.
 */
const CLIENT = String.raw`
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { base, requests, concurrency, warmup, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const post = (req) => new Promise((resolve) => {
  const body = Buffer.from(req.body);
  const r = http.request(base + '/api/cases', { method: 'POST', agent, headers: {
    'content-type': 'application/json', 'content-length': body.length, cookie: req.cookie, 'idempotency-key': req.key } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
  });
  r.on('error', (e) => resolve({ status: 0, text: String(e) }));
  r.end(body);
});
(async () => {
  const start = performance.now(), measureFrom = start + warmup, end = measureFrom + seconds;
  const latencies = [], failed = {};
  let ok = 0, next = 0, sample = null;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end && next < requests.length) {
      const req = requests[next++];
      const t = performance.now();
      const { status, text } = await post(req);
      if (status !== 201 && !sample) sample = status + ' ' + text.slice(0, 300);
      const done = performance.now();
      if (done < measureFrom || done > end) continue; // completions inside the window
      if (status === 201) { ok++; latencies.push(done - t); } else failed[status] = (failed[status] || 0) + 1;
    }
  }));
  agent.destroy();
  parentPort.postMessage({ latencies, ok, failed, window: seconds, sample });
})();
`;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

const database = await openBenchCases();
const db = database.db;
const { app, base, session } = await startBenchServer(database);

// Who reports: residents from the H5, grid workers on patrol, desk staff entering 12345 orders.
const reporters = [
  { user: 'resident.demo', kind: 'resident', weight: 4 },
  { user: 'jinyuan.grid', kind: 'grid', weight: 1.5 },
  { user: 'jindong.grid', kind: 'grid', weight: 1.5 },
  { user: 'county.admin', kind: 'hotline', weight: 1.5 },
  { user: 'yushan.staff', kind: 'hotline', weight: 0.75 },
  { user: 'jinshui.staff', kind: 'hotline', weight: 0.75 },
];
const cookies = Object.fromEntries(await Promise.all(reporters.map(async (r) => [r.user, await session(r.user)])));
const leaves = await db
  .selectFrom('case_categories as c')
  .select(['c.id', 'c.code', 'c.name', 'c.form'])
  .where('c.active', '=', true)
  .where((eb) => eb.not(eb.exists(eb.selectFrom('case_categories as k').select('k.id').whereRef('k.parent_id', '=', 'c.id'))))
  .execute();
const communities = await db.selectFrom('regions').select(['id', 'path']).where('level', '=', 'community').execute();
const staffPaths = Object.fromEntries(
  await Promise.all(
    ['county.admin', 'yushan.staff', 'jinshui.staff'].map(async (u) => [
      u,
      (
        await db
          .selectFrom('users')
          .innerJoin('regions', 'regions.id', 'users.region_id')
          .select('regions.path')
          .where('username', '=', u)
          .executeTakeFirstOrThrow()
      ).path,
    ]),
  ),
);

// Request bodies, prepared up front so the client only sends.
const r = createRandom(2023);
const [cx, cy] = countyCenter();
const point = () => {
  for (;;) {
    const lon = cx + r.float(-0.15, 0.15),
      lat = cy + r.float(-0.12, 0.12);
    if (isInsideCounty(lon, lat)) return { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
  }
};
const totalWeight = reporters.reduce((s, x) => s + x.weight, 0);
const runTag = Date.now().toString(36);
const requests = Array.from({ length: 60_000 }, (_, i) => {
  let pick = r.next() * totalWeight;
  const who = reporters.find((x) => (pick -= x.weight) < 0) ?? reporters[0];
  const category = r.pick(leaves);
  const attributes: Record<string, unknown> = {};
  for (const f of category.form)
    if (f.required)
      attributes[f.key] =
        f.type === 'boolean'
          ? r.chance(0.5)
          : f.type === 'multiselect'
            ? [f.options![0].value]
            : (f.options?.[r.int(0, f.options.length - 1)].value ?? '见描述');
  const body: Record<string, unknown> = {
    categoryId: category.id,
    description: `压测事件：${category.name}，第${i}件`,
    attributes,
    ...point(),
    address: `测试路${i % 300}号附近`,
  };
  if (who.kind === 'hotline') {
    const inScope = communities.filter((c) => c.path.startsWith(staffPaths[who.user]));
    Object.assign(body, {
      hotlineOrderNo: `JN${runTag}${i}`,
      reporterName: '压测来电人',
      reporterPhone: `139${String(i).padStart(8, '0')}`,
      regionId: r.pick(inScope).id,
    });
  }
  return { cookie: cookies[who.user], key: `bench-${runTag}-${i}`, body: JSON.stringify(body) };
});

// BENCH_PROFILE=file.cpuprofile: a CPU profile of the server's thread while the client runs.
const profiler = process.env.BENCH_PROFILE ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const before = Number(
  (
    await db
      .selectFrom('cases')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow()
  ).id,
);
const client = new Worker(CLIENT, {
  eval: true,
  workerData: { base, requests, concurrency: CONCURRENCY, warmup: WARMUP * 1000, seconds: SECONDS * 1000 },
});
const result = await new Promise<{
  latencies: number[];
  ok: number;
  failed: Record<string, number>;
  window: number;
  sample: string | null;
}>((resolve, reject) => {
  client.once('message', resolve);
  client.once('error', reject);
});
await client.terminate();
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
  profiler.disconnect();
}
const created = await db
  .selectFrom('cases')
  .select((eb) => eb.fn.countAll<string>().as('n'))
  .where('id', '>', before)
  .executeTakeFirstOrThrow();

// The limit beside it: the same rows again as plain INSERTs, one transaction per case, as many in flight.
const rows = await db.selectFrom('cases').selectAll().where('id', '>', before).orderBy('id').execute();
const sources = new Map(
  (await db.selectFrom('case_sources').selectAll().where('case_id', '>', before).execute()).map((s) => [s.case_id, s]),
);
const events = new Map(
  (await db.selectFrom('case_events').selectAll().where('case_id', '>', before).where('action', '=', 'report').execute()).map((e) => [
    e.case_id,
    e,
  ]),
);
const rawLatencies: number[] = [];
let next = 0;
const rawStart = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < rows.length) {
      const { id, open: _open, number, idempotency_key: _key, ...row } = rows[next++];
      const t = performance.now();
      await db.transaction().execute(async (trx) => {
        const copy = await trx
          .insertInto('cases')
          .values({ ...row, number: `R${number}`, attributes: JSON.stringify(row.attributes), pending_request: null } as never)
          .returning('id')
          .executeTakeFirstOrThrow();
        const { id: _s, case_id: _c, ...source } = sources.get(id)!;
        await trx
          .insertInto('case_sources')
          .values({ ...source, case_id: copy.id })
          .execute();
        const { id: _e, case_id: _d, ...event } = events.get(id)!;
        await trx
          .insertInto('case_events')
          .values({ ...event, case_id: copy.id, data: JSON.stringify(event.data) })
          .execute();
      });
      rawLatencies.push(performance.now() - t);
    }
  }),
);
const rawSeconds = (performance.now() - rawStart) / 1000;

const rate = result.ok / (result.window / 1000);
const rawRate = rows.length / rawSeconds;
console.log(`# case creation, ${database.kind}, ${CONCURRENCY} in flight, ${SECONDS} s after ${WARMUP} s warm-up, into ${before} cases\n`);
console.log('| | created | per second | p50 | p95 | p99 |');
console.log('|---|---|---|---|---|---|');
console.log(
  `| POST /api/cases (HTTP, session, checks, number, clocks, source, timeline, duplicates) | ${result.ok} | ${Math.round(rate)} | ${ms(percentile(result.latencies, 50))} | ${ms(percentile(result.latencies, 95))} | ${ms(percentile(result.latencies, 99))} |`,
);
console.log(
  `| raw: the same rows, BEGIN + 3 INSERTs + COMMIT per case | ${rows.length} | ${Math.round(rawRate)} | ${ms(percentile(rawLatencies, 50))} | ${ms(percentile(rawLatencies, 95))} | ${ms(percentile(rawLatencies, 99))} |`,
);
console.log(
  `\nAPI/raw: ${(rawRate / rate).toFixed(2)}× the time per case; ${created.n} cases written in all (warm-up included); failures: ${JSON.stringify(result.failed)}`,
);
if (result.sample) console.log(`first failure: ${result.sample}`);
const memory = process.memoryUsage();
console.log(`server process RSS: ${(memory.rss / 1048576).toFixed(0)} MB`);

// Leave the county as it was: the sources, events and photos go with their cases.
await sql`delete from cases where id > ${before}`.execute(db);
await app.close();
await database.close();
