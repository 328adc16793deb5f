import type { Database } from '../server/platform/db/database.js';
import { loadConfig } from '../server/platform/config.js';
import { buildApp } from '../server/app.js';
import { BENCH_PASSWORD, percentile } from './county.js';

/**
 * The real server on a bench database, on a free port, driven over real HTTP as a browser
 * would: its address and a login that returns the session cookie.
 */
export async function startBenchServer(database: Database) {
  // The sweep would write into the database under measurement; benches time requests only.
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/civicgrid-bench-files', SUPERVISION_SWEEP_SECONDS: '3600' });
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const cookies = new Map<string, string>();
  async function session(username: string) {
    const known = cookies.get(username);
    if (known) return known;
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: BENCH_PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    cookies.set(username, cookie);
    return cookie;
  }
  return { app, base, session };
}

/**
 * A list through the API beside the same SQL sent raw, alternately, `rounds` times after ten
 * warm-up rounds: the API's answer, and both sets of timings for percentiles.
 */
export async function apiBesideRaw(o: { name: string; url: string; cookie: string; rounds: number; raw: () => Promise<unknown> }) {
  const api: number[] = [],
    raw: number[] = [];
  let total = 0;
  for (let i = 0; i < o.rounds + 10; i++) {
    let t = performance.now();
    const res = await fetch(o.url, { headers: { cookie: o.cookie } });
    const body = (await res.json()) as { total: number };
    if (!res.ok) throw new Error(`${o.name}: ${res.status} ${JSON.stringify(body)}`);
    const apiMs = performance.now() - t;
    total = body.total;
    t = performance.now();
    await o.raw();
    const rawMs = performance.now() - t;
    if (i >= 10) {
      api.push(apiMs);
      raw.push(rawMs);
    } // the first ten warm caches
  }
  return { api, raw, total, apiP95: percentile(api, 95), rawP95: percentile(raw, 95) };
}
