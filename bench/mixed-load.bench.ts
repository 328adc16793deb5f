/**
 * Mixed load: what a working morning asks of the server — staff lists and searches, record
 * pages, the workbench queues of a department, a grid and a community, the supervision board,
 * residents opening the H5 and reporting problems (about 7 % of requests are writes) — over real
 * HTTP against real server processes, closed-loop at rising numbers of requests in flight. The
 * figure is the throughput at the highest load whose p95 stays under 100 ms.
 *
 *   npx tsx bench/mixed-load.bench.ts                                             # PGlite, one process
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_cases_bench npx tsx bench/mixed-load.bench.ts
 *   BENCH_PROCESSES=2 BENCH_DATABASE_URL=… npx tsx bench/mixed-load.bench.ts      # two server processes
 *   BENCH_RESIDENTS=6000 BENCH_CASES=1200 …   # the county `npm start` makes (default on PGlite)
 *   BENCH_SECONDS=10 BENCH_LEVELS=1,2,4,8,16,32 …
 *   BENCH_PROFILE_DIR=/tmp/mixed …           # a CPU profile of each server process (node --cpu-prof)
 *
 * Servers run as child processes (bench/mixed-load.server.ts) and the load is spread over them
 * round-robin, as a load balancer would; PGlite is one process's database, so it runs one. The
 * load generator shares the machine's cores with them, which a reader comparing machines should
 * keep in mind. Cases reported during the run are deleted afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { isInsideCounty, countyCenter } from '../server/platform/geo/county-boundary.js';
import { createRandom } from '../server/seed/random.js';
import { BENCH_PASSWORD, ms, percentile } from './county.js';
import { openBenchCases } from './cases-county.js';

const onPostgres = Boolean(process.env.BENCH_DATABASE_URL);
if (!onPostgres) {
  // PGlite: the demo county unless told otherwise (1 000 000 cases would take hours to generate).
  process.env.BENCH_RESIDENTS ??= '6000';
  process.env.BENCH_CASES ??= '1200';
}
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
if (!onPostgres && PROCESSES !== 1) throw new Error('PGlite is one process’s database: BENCH_PROCESSES=1 only');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LEVELS = (process.env.BENCH_LEVELS ?? '1,2,4,8,16,32').split(',').map(Number);
const P95_LIMIT_MS = 100;

// Generate the county first (if it is new) in this process, then hand the database to the servers.
await (await openBenchCases()).close();

const servers: ChildProcess[] = [];
const bases: string[] = [];
for (let i = 0; i < PROCESSES; i++) {
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE_DIR] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(import.meta.dirname, 'mixed-load.server.ts')], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  servers.push(child);
  // One after the other: each opens (and would migrate) the same database.
  bases.push(
    await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk;
        const ready = /READY (\S+)/.exec(out);
        if (ready) resolve(ready[1]);
      });
      child.once('exit', (code) => reject(new Error(`server ${i} exited with ${code}`)));
    }),
  );
}
const created: number[] = []; // cases reported during the run, deleted at the end
const stopServers = () => Promise.all(servers.map((s) => new Promise((r) => (s.once('exit', r), s.kill('SIGTERM')))));

try {
  const cookies = new Map<string, string>();
  const users = ['county.admin', 'chengguan.handler', 'jinyuan.grid', 'jinyuan.staff', 'resident.demo'];
  for (const username of users) {
    const res = await fetch(`${bases[0]}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: BENCH_PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    cookies.set(username, res.headers.get('set-cookie')!.split(';')[0]);
  }
  const getJson = async <T>(user: string, url: string): Promise<T> => {
    const res = await fetch(bases[0] + url, { headers: { cookie: cookies.get(user)! } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const idsOf = async (user: string, url: string) => (await getJson<{ items: { id: number }[] }>(user, url)).items.map((x) => x.id);

  // What each user may open: ids from their own lists, so every detail is in scope.
  const residentIds = await idsOf('county.admin', '/api/residents?pageSize=200');
  const houseIds = await idsOf('county.admin', '/api/houses?pageSize=200');
  const adminCaseIds = await idsOf('county.admin', '/api/cases?pageSize=200');
  const unitCaseIds = await idsOf('chengguan.handler', '/api/cases?pageSize=200');
  const gridCaseIds = await idsOf('jinyuan.grid', '/api/cases?pageSize=200');
  const staffResidentIds = await idsOf('jinyuan.staff', '/api/residents?pageSize=200');
  const categories = await getJson<{
    items: {
      children?: { id: number; name: string; form: { key: string; type: string; required?: boolean; options?: { value: string }[] }[] }[];
    }[];
  }>('resident.demo', '/api/case-categories');
  const leaves = categories.items.flatMap((c) => c.children ?? []);
  if (!residentIds.length || !houseIds.length || !adminCaseIds.length || !leaves.length) throw new Error('the bench county has no data');

  const r = createRandom(2023);
  const [cx, cy] = countyCenter();
  const point = () => {
    for (;;) {
      const lon = cx + r.float(-0.15, 0.15),
        lat = cy + r.float(-0.12, 0.12);
      if (isInsideCounty(lon, lat)) return { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
    }
  };
  const fieldValue = (f: { type: string; options?: { value: string }[] }) =>
    f.type === 'boolean'
      ? true
      : f.type === 'multiselect'
        ? [f.options![0].value]
        : f.type === 'number'
          ? 1
          : f.type === 'date'
            ? new Date().toISOString().slice(0, 10)
            : (f.options?.[0].value ?? '见描述');
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
  let reportNo = 0;
  const runTag = Date.now().toString(36);

  type Request = { kind: string; user: string; url: string; body?: () => string; weight: number };
  const pick = <T>(list: T[]) => list[r.int(0, list.length - 1)];
  const requests: (Omit<Request, 'url'> & { url: () => string })[] = [
    { kind: 'list residents', user: 'county.admin', weight: 6, url: () => `/api/residents?page=${r.int(1, 50)}` },
    { kind: 'search residents', user: 'county.admin', weight: 3, url: () => `/api/residents?q=${encodeURIComponent(pick(surnames))}` },
    { kind: 'resident page', user: 'county.admin', weight: 6, url: () => `/api/residents/${pick(residentIds)}` },
    { kind: 'list houses', user: 'county.admin', weight: 3, url: () => `/api/houses?page=${r.int(1, 20)}` },
    { kind: 'house page', user: 'county.admin', weight: 3, url: () => `/api/houses/${pick(houseIds)}` },
    { kind: 'all cases', user: 'county.admin', weight: 4, url: () => `/api/cases?page=${r.int(1, 5)}` },
    { kind: 'case page', user: 'county.admin', weight: 5, url: () => `/api/cases/${pick(adminCaseIds)}` },
    { kind: 'supervision board', user: 'county.admin', weight: 2, url: () => '/api/supervision/board' },
    { kind: 'region tree', user: 'county.admin', weight: 1, url: () => '/api/regions/tree' },
    { kind: 'unit queue', user: 'chengguan.handler', weight: 8, url: () => '/api/cases?queue=mine&sort=deadline' },
    {
      kind: 'unit case page',
      user: 'chengguan.handler',
      weight: 6,
      url: () => `/api/cases/${pick(unitCaseIds.length ? unitCaseIds : adminCaseIds)}`,
    },
    { kind: 'grid queue', user: 'jinyuan.grid', weight: 5, url: () => '/api/cases?queue=mine' },
    {
      kind: 'grid case page',
      user: 'jinyuan.grid',
      weight: 3,
      url: () => `/api/cases/${pick(gridCaseIds.length ? gridCaseIds : adminCaseIds)}`,
    },
    { kind: 'grid residents', user: 'jinyuan.grid', weight: 3, url: () => `/api/residents?page=${r.int(1, 3)}` },
    { kind: 'to accept', user: 'jinyuan.staff', weight: 5, url: () => '/api/cases?status=reported' },
    { kind: 'community resident page', user: 'jinyuan.staff', weight: 4, url: () => `/api/residents/${pick(staffResidentIds)}` },
    { kind: 'H5 home', user: 'resident.demo', weight: 4, url: () => '/api/me/home' },
    { kind: 'H5 my cases', user: 'resident.demo', weight: 4, url: () => '/api/me/cases' },
    {
      kind: 'report a problem (write)',
      user: 'resident.demo',
      weight: 6,
      url: () => '/api/cases',
      body: () => {
        const category = pick(leaves);
        const attributes = Object.fromEntries(category.form.filter((f) => f.required).map((f) => [f.key, fieldValue(f)]));
        return JSON.stringify({
          categoryId: category.id,
          description: `混合压测：${category.name}，第${++reportNo}件`,
          attributes,
          ...point(),
          address: `测试路${reportNo % 300}号附近`,
        });
      },
    },
  ];
  const totalWeight = requests.reduce((s, x) => s + x.weight, 0);
  const choose = () => {
    let w = r.next() * totalWeight;
    return requests.find((x) => (w -= x.weight) < 0) ?? requests[0];
  };

  let turn = 0;
  async function run(concurrency: number, seconds: number) {
    const latencies: number[] = [];
    const byKind = new Map<string, number[]>();
    const failed: Record<string, number> = {};
    let sample = '';
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const req = choose();
          const base = bases[turn++ % bases.length];
          const body = req.body?.();
          const t = performance.now();
          const res = await fetch(base + req.url(), {
            method: body ? 'POST' : 'GET',
            body,
            headers: {
              cookie: cookies.get(req.user)!,
              ...(body ? { 'content-type': 'application/json', 'idempotency-key': `mixed-${runTag}-${reportNo}` } : {}),
            },
          });
          const text = await res.text();
          const took = performance.now() - t;
          if (!res.ok) {
            failed[`${req.kind} ${res.status}`] = (failed[`${req.kind} ${res.status}`] ?? 0) + 1;
            sample ||= `${req.kind}: ${res.status} ${text.slice(0, 200)}`;
            continue;
          }
          if (body) created.push((JSON.parse(text) as { caseId: number }).caseId);
          latencies.push(took);
          const samples = byKind.get(req.kind) ?? [];
          samples.push(took);
          byKind.set(req.kind, samples);
        }
      }),
    );
    return { concurrency, rate: latencies.length / seconds, latencies, byKind, failed, sample };
  }

  await run(4, 3); // warm caches and connections
  const results = [];
  for (const level of LEVELS) results.push(await run(level, SECONDS));

  const where = onPostgres ? `PostgreSQL, ${PROCESSES} server process${PROCESSES > 1 ? 'es' : ''}` : 'PGlite, one server process';
  console.log(`# mixed load, ${where}, ${process.env.BENCH_RESIDENTS ?? 330_000} residents, ${SECONDS} s per level\n`);
  console.log('| in flight | requests/s | p50 | p95 | p99 | failures |');
  console.log('|---|---|---|---|---|---|');
  for (const x of results)
    console.log(
      `| ${x.concurrency} | ${Math.round(x.rate)} | ${ms(percentile(x.latencies, 50))} | ${ms(percentile(x.latencies, 95))} | ${ms(percentile(x.latencies, 99))} | ${Object.values(x.failed).reduce((a, b) => a + b, 0)} |`,
    );
  const within = results.filter((x) => percentile(x.latencies, 95) < P95_LIMIT_MS);
  const best = within.sort((a, b) => b.rate - a.rate)[0];
  console.log(
    best
      ? `\nthroughput at p95 < ${P95_LIMIT_MS} ms: ${Math.round(best.rate)} requests/s (${best.concurrency} in flight, p95 ${ms(percentile(best.latencies, 95))})`
      : `\nno level kept p95 under ${P95_LIMIT_MS} ms`,
  );
  if (best) {
    console.log(`\np95 by request at that load:\n`);
    for (const [kind, samples] of [...best.byKind].sort((a, b) => percentile(b[1], 95) - percentile(a[1], 95)))
      console.log(`- ${kind}: ${ms(percentile(samples, 95))} (${samples.length})`);
  }
  const failures = results.flatMap((x) => Object.entries(x.failed));
  if (failures.length)
    console.log(`\nfailures: ${JSON.stringify(Object.fromEntries(failures))}; first: ${results.find((x) => x.sample)?.sample}`);
} finally {
  await stopServers();
}

// Leave the county as it was: the reported cases go, with their sources and events.
const database = await openBenchCases();
if (created.length) await sql`delete from cases where id = any(${created}::bigint[])`.execute(database.db);
await database.close();
