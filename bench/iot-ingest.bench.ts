/**
 * IoT ingest throughput (issue 10, "Speed and reliability"): device connections publish the demo
 * county's telemetry at QoS 1 at BENCH_RATE readings/s for BENCH_SECONDS through a broker, and the
 * real server (its own process, bench/iot-ingest.server.ts) validates, stores and evaluates every
 * rule on every reading. Counted: readings acknowledged (PUBACK), readings stored (the server's
 * committed count), and in the same run the raw limit: this run's stored rows written again by a
 * plain batched INSERT into a fresh table of the same shape.
 *
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_iot_bench BENCH_BROKER=mosquitto npx tsx bench/iot-ingest.bench.ts
 *   BENCH_BROKER=embedded …        # the Aedes broker inside the server (devices sign in as themselves)
 *   (no BENCH_DATABASE_URL)        # PGlite under bench/.data/iot-county, embedded broker
 *   BENCH_RATE=20000 BENCH_SECONDS=60 BENCH_DEVICES=500 BENCH_RUNS=3   # the defaults
 *   BENCH_MALFORMED=0.1 …          # a tenth of the messages malformed (refused into the dead letters)
 *   BENCH_PROFILE=/tmp/prof …      # a CPU profile of the server (node --cpu-prof) in that directory
 *
 * With Mosquitto the PUBACK is the broker's (it has the message); the server acknowledges to the
 * broker after its commit. With the embedded broker the PUBACK itself waits for the commit.
 */
import { LoadGenerator } from './iot-load.js';
import { startBenchMosquitto } from './iot-mosquitto.js';
import { benchDevices, medianSpread, sleep, startServer, waitStored } from './iot-harness.js';
import { cpuBetween, cpuSnapshot, type ProcessGroups } from './cpu-meter.js';

const BROKER = process.env.BENCH_BROKER ?? (process.env.BENCH_DATABASE_URL ? 'mosquitto' : 'embedded');
const RATE = Number(process.env.BENCH_RATE ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const DEVICES = Number(process.env.BENCH_DEVICES ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MALFORMED = Number(process.env.BENCH_MALFORMED ?? 0);
const RAW_ROWS = Number(process.env.BENCH_RAW_ROWS ?? 300_000);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 5);
const WARMUP_RATE = 1000;
if (BROKER !== 'mosquitto' && BROKER !== 'embedded') throw new Error('BENCH_BROKER is mosquitto or embedded');

export interface RunFigures {
  ackedPerSecond: number;
  /** Readings committed within the publishing window, per second of it. */
  storedInWindow: number;
  /** All readings of the run, per second from the first publish to the last commit. */
  storedPerSecond: number;
  /** Seconds after the window until the last acknowledged reading was committed. */
  drainSeconds: number;
  rawPerSecond: number;
  ratio: number;
  acked: number;
  stored: number;
  /** CPU microseconds per stored reading, by part (server, PostgreSQL, broker, load), from the first publish to the last commit. */
  cpuPerReading: Record<string, number>;
}

export async function ingestRun(run: number, malformedShare = MALFORMED, seconds = SECONDS): Promise<RunFigures> {
  const mosquitto = BROKER === 'mosquitto' ? await startBenchMosquitto() : null;
  const server = await startServer({ mqttUrl: mosquitto?.url, fresh: true, profileDir: process.env.BENCH_PROFILE });
  const load = new LoadGenerator({
    host: '127.0.0.1',
    port: mosquitto?.port ?? server.info.mqttPort!,
    devices: benchDevices(server.info, DEVICES),
    rate: RATE,
    malformedShare,
    runId: `r${Date.now().toString(36)}`,
  });
  await load.connect();
  await warmUp(load, server);
  const groups = cpuGroups(server.pid, mosquitto?.dir);
  const cpuBefore = cpuSnapshot(groups);
  const loadCpuBefore = process.cpuUsage();
  const startedAt = Date.now();
  const storedBefore = server.stored.n;
  const ackedBefore = load.stats.acked;
  load.start();
  for (let s = 5; s <= seconds; s += 5) {
    await sleep(startedAt + s * 1000 - Date.now());
    console.error(
      `  ${s} s: sent ${load.stats.sent}, acknowledged ${load.stats.acked}, stored ${server.stored.n - storedBefore}, in flight ${load.inFlight}, behind ${load.stats.behind}`,
    );
  }
  load.stop();
  const windowEnd = Date.now();
  const ackedInWindow = load.stats.acked - ackedBefore;
  const storedAtEnd = server.stored.n - storedBefore;
  await load.drain(60_000);
  const last = await waitStored(server, storedBefore + load.stats.acked - ackedBefore);
  const stored = last.n - storedBefore;
  const spent = { ...cpuBetween(cpuBefore, cpuSnapshot(groups)), load: cpuSeconds(process.cpuUsage(loadCpuBefore)) };
  const raw = await server.ask<{ rows: number; seconds: number }>(`RAW ${Math.min(stored, RAW_ROWS)}`);
  await load.close();
  await server.stop();
  await mosquitto?.stop();
  const window = (windowEnd - startedAt) / 1000;
  const figures: RunFigures = {
    ackedPerSecond: ackedInWindow / window,
    storedInWindow: storedAtEnd / window,
    storedPerSecond: stored / ((Math.max(last.at, windowEnd) - startedAt) / 1000),
    drainSeconds: Math.max(0, (last.at - windowEnd) / 1000),
    rawPerSecond: raw.rows / raw.seconds,
    ratio: 0,
    acked: load.stats.acked - ackedBefore,
    stored,
    cpuPerReading: Object.fromEntries(Object.entries(spent).map(([part, seconds]) => [part, (seconds * 1e6) / stored])),
  };
  figures.ratio = figures.storedPerSecond / figures.rawPerSecond;
  console.error(
    `run ${run}: acknowledged ${figures.acked}, stored ${stored}${stored === figures.acked ? ' (all)' : ` (MISSING ${figures.acked - stored})`}; ` +
      `stored/s ${figures.storedPerSecond.toFixed(0)} (in the window ${figures.storedInWindow.toFixed(0)}, drained in ${figures.drainSeconds.toFixed(1)} s), ` +
      `raw ${figures.rawPerSecond.toFixed(0)}/s, ratio ${figures.ratio.toFixed(2)}; CPU µs per reading: ` +
      Object.entries(figures.cpuPerReading)
        .map(([part, us]) => `${part} ${us.toFixed(0)}`)
        .join(', '),
  );
  return figures;
}

/**
 * The processes whose CPU a run counts: the server, its PostgreSQL connections (the backends of
 * the bench database, named in their process titles) and the bench's own Mosquitto. The load
 * generator is this process.
 */
function cpuGroups(serverPid: number, mosquittoDir: string | undefined): ProcessGroups {
  const database = process.env.BENCH_DATABASE_URL ? new URL(process.env.BENCH_DATABASE_URL).pathname.slice(1) : null;
  const groups: ProcessGroups = { server: (_, pid) => pid === serverPid };
  if (database) groups.postgres = (command) => command.startsWith('postgres: ') && command.includes(` ${database} `);
  if (mosquittoDir) groups.broker = (command) => command.includes(mosquittoDir);
  return groups;
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

/**
 * Every device's first readings at a low rate until they are stored, not counted: a fresh server
 * pays once for what a running one has (its pool's connections meeting the telemetry partitions,
 * the devices and their rules read into memory, the listening connection), and on a busy machine
 * that took its first two batches seven seconds.
 */
async function warmUp(load: LoadGenerator, server: Awaited<ReturnType<typeof startServer>>) {
  const storedBefore = server.stored.n;
  load.start(WARMUP_RATE);
  await sleep(WARMUP_SECONDS * 1000);
  load.stop();
  await load.drain(60_000);
  await waitStored(server, storedBefore + load.stats.acked);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    `IoT ingest: ${BROKER}, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${DEVICES} devices, ${RATE}/s for ${SECONDS} s` +
      (MALFORMED ? `, ${MALFORMED * 100} % malformed` : ''),
  );
  const runs: RunFigures[] = [];
  for (let run = 1; run <= RUNS; run++) runs.push(await ingestRun(run));
  const row = (name: string, pick: (r: RunFigures) => number, digits = 0) =>
    console.log(`| ${name} | ${medianSpread(runs.map(pick), digits)} |`);
  console.log(`| | median (lowest–highest) of ${RUNS} |\n|---|---|`);
  row('acknowledged / s (publishing window)', (r) => r.ackedPerSecond);
  row('stored / s, first publish to last commit', (r) => r.storedPerSecond);
  row('stored / s within the window', (r) => r.storedInWindow);
  row('drain after the window, s', (r) => r.drainSeconds, 1);
  row('raw batched INSERT, rows / s', (r) => r.rawPerSecond);
  row('ratio stored ÷ raw', (r) => r.ratio, 2);
  for (const part of Object.keys(runs[0].cpuPerReading)) row(`CPU µs per stored reading: ${part}`, (r) => r.cpuPerReading[part]);
  const lost = runs.filter((r) => r.stored !== r.acked);
  console.log(lost.length ? `FAIL: acknowledged but not stored in ${lost.length} run(s)` : 'every acknowledged reading stored');
  process.exit(0);
}
