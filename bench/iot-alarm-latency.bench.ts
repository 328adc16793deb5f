/**
 * Alarm latency (issue 10): from a smoke detector's `smoke: true` leaving the device to the
 * `alarm.raised` event arriving on the live stream (GET /api/events, server-sent events) of a
 * signed-in county administrator, while BENCH_RATE readings/s of ordinary telemetry from other
 * devices load the same server. Each probe is a different smoke detector (a device with an
 * active alarm raises no second one), BENCH_PROBES of them spread over BENCH_SECONDS.
 *
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_iot_bench npx tsx bench/iot-alarm-latency.bench.ts
 *   BENCH_BROKER=embedded|mosquitto  BENCH_RATE=5000  BENCH_SECONDS=60  BENCH_PROBES=120  BENCH_RUNS=3   # the defaults
 *
 * The time includes the broker, the batch (up to IOT_BATCH_MS after its first reading), the
 * commit, the NOTIFY and the stream; the bench process sees both ends, so one clock measures it.
 */
import http from 'node:http';
import { percentile } from './county.js';
import { BENCH_PASSWORD } from './county.js';
import { LoadGenerator } from './iot-load.js';
import { startBenchMosquitto } from './iot-mosquitto.js';
import { benchDevices, medianSpread, sleep, startServer } from './iot-harness.js';

const BROKER = process.env.BENCH_BROKER ?? 'mosquitto';
const RATE = Number(process.env.BENCH_RATE ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PROBES = Number(process.env.BENCH_PROBES ?? 120);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BACKGROUND_DEVICES = Number(process.env.BENCH_DEVICES ?? 400);

/** Follows the live stream; calls `onRaised` with each raised alarm's device at the moment its event arrives. */
async function followStream(base: string, onRaised: (deviceId: number, at: number) => void) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'county.admin', password: BENCH_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  return new Promise<http.ClientRequest>((resolve, reject) => {
    const request = http.get(`${base}/api/events`, { headers: { cookie, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`GET /api/events: ${response.statusCode}`));
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const at = performance.now();
        pending += chunk;
        const messages = pending.split('\n\n');
        pending = messages.pop()!;
        for (const message of messages) {
          const data = message.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          const event = JSON.parse(data.slice(6)) as { type: string; data: { deviceId?: number } };
          if (event.type === 'alarm.raised' && event.data.deviceId) onRaised(event.data.deviceId, at);
        }
      });
      resolve(request);
    });
    request.on('error', reject);
  });
}

async function latencyRun(run: number) {
  const mosquitto = BROKER === 'mosquitto' ? await startBenchMosquitto() : null;
  const server = await startServer({ mqttUrl: mosquitto?.url, fresh: true });
  // One more detector than probes: its alarm is the first after the start, timed on its own.
  const smoke = server.info.devices.filter((d) => d.typeCode === 'smoke_detector').slice(0, PROBES + 1);
  if (smoke.length <= PROBES)
    throw new Error(`the bench county has ${smoke.length} smoke detectors: BENCH_PROBES is at most ${smoke.length - 1}`);
  const probeDevices = benchDevices({ ...server.info, devices: smoke }, smoke.length);
  const port = mosquitto?.port ?? server.info.mqttPort!;
  const runId = `l${Date.now().toString(36)}`;
  const background = new LoadGenerator({
    host: '127.0.0.1',
    port,
    devices: benchDevices(server.info, BACKGROUND_DEVICES, new Set(smoke.map((d) => d.serial))),
    rate: RATE,
    runId,
  });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let unexpected = 0;
  const stream = await followStream(server.info.base, (deviceId, at) => {
    const t = sentAt.get(deviceId);
    if (t === undefined) return void unexpected++; // an alarm the background's own values raised
    sentAt.delete(deviceId);
    latencies.push(at - t);
  });
  const probes = new LoadGenerator({ host: '127.0.0.1', port, devices: probeDevices, rate: 0, runId });
  await Promise.all([background.connect(), probes.connect()]);
  const idBySerial = new Map(server.info.devices.map((d) => [d.serial, d.id]));
  const probe = (i: number) => {
    const device = probeDevices[i];
    sentAt.set(idBySerial.get(device.serial)!, performance.now());
    probes.publishNow(device.serial, { ts: Date.now(), msgId: `${runId}:probe:${i}`, values: { smoke: true, battery: 80, tamper: false } });
  };
  background.start();
  await sleep(2000); // the background at its rate before the first probe
  // The first alarm after a start meets code and query plans no alarm has used yet (first alarm
  // 130–240 ms where the rest have a median near 45): reported, but not one of the percentiles.
  probe(0);
  await sleep(2000);
  const firstMissed = sentAt.delete(idBySerial.get(probeDevices[0].serial)!);
  const first = firstMissed ? NaN : latencies.shift()!;
  const gap = ((SECONDS - 6) * 1000) / PROBES;
  for (let i = 1; i <= PROBES; i++) {
    probe(i);
    await sleep(gap);
  }
  await sleep(2000);
  background.stop();
  const missed = sentAt.size + (firstMissed ? 1 : 0);
  stream.destroy();
  await Promise.all([background.close(), probes.close()]);
  await server.stop();
  await mosquitto?.stop();
  const figures = {
    first,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    missed,
    heard: latencies.length,
  };
  console.error(
    `run ${run}: ${latencies.length} alarms heard, ${missed} not within 2 s of the last probe; p50 ${figures.p50.toFixed(1)} ms, ` +
      `p99 ${figures.p99.toFixed(1)} ms, max ${figures.max.toFixed(1)} ms; the first alarm after the start ${figures.first.toFixed(1)} ms (background acknowledged ${background.stats.acked}, ${unexpected} alarms of its own)`,
  );
  return figures;
}

console.log(
  `alarm latency: ${BROKER}, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, background ${RATE}/s from ${BACKGROUND_DEVICES} devices, ${PROBES} smoke alarms in ${SECONDS} s`,
);
const runs = [];
for (let run = 1; run <= RUNS; run++) runs.push(await latencyRun(run));
console.log(`| | median (lowest–highest) of ${RUNS} |\n|---|---|`);
console.log(
  `| publish → alarm.raised on the stream, p50 | ${medianSpread(
    runs.map((r) => r.p50),
    1,
  )} ms |`,
);
console.log(
  `| p99 | ${medianSpread(
    runs.map((r) => r.p99),
    1,
  )} ms |`,
);
console.log(
  `| the first alarm after the start (not in the percentiles) | ${medianSpread(
    runs.map((r) => r.first),
    1,
  )} ms |`,
);
console.log(`| alarms not heard | ${runs.reduce((n, r) => n + r.missed, 0)} of ${runs.length * PROBES} |`);
process.exit(0);
