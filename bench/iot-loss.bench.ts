/**
 * Loss (issue 10): under load, restart the broker, kill the CivicGrid server and start it
 * again, or cut the server's connection to the broker (consumer-reconnect), and check that every reading the broker acknowledged at QoS 1 is stored exactly once
 * (by msgId, in the database) and that no alarm is lost or doubled; and that a flood of
 * malformed payloads (a tenth of the traffic) costs the valid readings at most a tenth of their
 * throughput. Prints PASS or FAIL with the figures.
 *
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_iot_bench npx tsx bench/iot-loss.bench.ts
 *   BENCH_SCENARIOS=broker-restart,server-kill,malformed   BENCH_RATE=5000  BENCH_SECONDS=30   # the defaults
 *   BENCH_SCENARIOS=consumer-reconnect   # as root: cuts the consumer's TCP connection with ss -K
 *
 * The broker is the bench's own Mosquitto (persistent, on a free port), restarted with SIGTERM
 * (it saves its queues as it exits, as a service restart does). The server is killed with
 * SIGKILL, mid-batch, and started again with the same consumer id, so the broker hands it what
 * it had not acknowledged. Smoke alarms are raised on probe devices before, around and after
 * the interruption: each must end as exactly one alarm. The cut connection is a network fault:
 * the consumer reconnects to the same broker, which kept its session and queue (decision 038).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LoadGenerator } from './iot-load.js';
import { startBenchMosquitto } from './iot-mosquitto.js';
import { benchDevices, sleep, startServer, waitStored, type BenchServer } from './iot-harness.js';
import { ingestRun } from './iot-ingest.bench.js';

const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'broker-restart,server-kill,malformed').split(',');
const RATE = Number(process.env.BENCH_RATE ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const DEVICES = Number(process.env.BENCH_DEVICES ?? 400);
const PROBES = 30;

type Interruption = 'broker-restart' | 'server-kill' | 'consumer-reconnect';

async function interrupted(scenario: Interruption) {
  const mosquitto = await startBenchMosquitto();
  const clientId = `civicgrid-bench-loss-${Date.now().toString(36)}`;
  let server: BenchServer = await startServer({ mqttUrl: mosquitto.url, fresh: true, clientId });
  const smoke = server.info.devices.filter((d) => d.typeCode === 'smoke_detector').slice(0, PROBES);
  const runId = `x${Date.now().toString(36)}`;
  const load = new LoadGenerator({
    host: '127.0.0.1',
    port: mosquitto.port,
    devices: benchDevices(server.info, DEVICES, new Set(smoke.map((d) => d.serial))),
    rate: RATE,
    runId,
    keepAcked: true,
  });
  const probes = new LoadGenerator({
    host: '127.0.0.1',
    port: mosquitto.port,
    devices: benchDevices({ ...server.info, devices: smoke }, smoke.length),
    rate: 0,
    runId,
  });
  await Promise.all([load.connect(), probes.connect()]);
  load.start();
  // A third of the probes before the interruption, a third around it, a third after.
  const probeAt = (i: number) => (SECONDS * 1000 * (i + 1)) / (PROBES + 1);
  const started = Date.now();
  const interruptAt = (SECONDS * 1000) / 2;
  let interruptedYet = false;
  for (let i = 0; i < PROBES; i++) {
    await sleep(started + probeAt(i) - Date.now());
    if (!interruptedYet && Date.now() - started >= interruptAt) {
      interruptedYet = true;
      if (scenario === 'broker-restart') {
        console.error(`  restarting Mosquitto at ${((Date.now() - started) / 1000).toFixed(1)} s`);
        await mosquitto.restart();
      } else if (scenario === 'consumer-reconnect') {
        console.error(
          `  cutting the consumer's connection at ${((Date.now() - started) / 1000).toFixed(1)} s: ${cutConsumer(mosquitto.port)}`,
        );
      } else {
        console.error(`  killing the server (SIGKILL) at ${((Date.now() - started) / 1000).toFixed(1)} s`);
        await server.kill();
        server = await startServer({ mqttUrl: mosquitto.url, fresh: false, clientId });
        console.error(`  server back at ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    }
    // smoke:true is the reading probes acknowledged; it is kept with the others and checked the same way.
    probes.publishNow(smoke[i].serial, {
      ts: Date.now(),
      msgId: `${runId}:probe:${i}`,
      values: { smoke: true, battery: 80, tamper: false },
    });
  }
  await sleep(started + SECONDS * 1000 - Date.now());
  load.stop();
  const unacknowledged = (await load.drain(30_000)) + (await probes.drain(30_000));
  await waitStored(server, Number.MAX_SAFE_INTEGER, 5000);
  const ackedFile = path.join(tmpdir(), `civicgrid-bench-acked-${runId}.txt`);
  writeFileSync(ackedFile, [...load.ackedIds, ...probes.ackedIds].join('\n'));
  const check = await server.ask<{ acknowledged: number; storedKeys: number; missing: number; doubled: number; examples: string[] }>(
    `CHECK ${ackedFile}`,
  );
  const alarms = await server.ask<{ device_id: number; rule_code: string; n: number }[]>('ALARMS');
  const probeIds = new Set(smoke.map((d) => d.id));
  const smokeAlarms = new Map<number, number>();
  for (const a of alarms) if (probeIds.has(a.device_id) && a.rule_code === 'smoke') smokeAlarms.set(a.device_id, a.n);
  const alarmsMissing = smoke.filter((d) => !smokeAlarms.has(d.id)).length;
  const alarmsDoubled = [...smokeAlarms.values()].filter((n) => n > 1).length;
  await Promise.all([load.close(), probes.close()]);
  await server.stop();
  await mosquitto.stop();
  const pass = check.missing === 0 && check.doubled === 0 && alarmsMissing === 0 && alarmsDoubled === 0;
  console.log(
    `${pass ? 'PASS' : 'FAIL'} ${scenario}: ${check.acknowledged} readings acknowledged at QoS 1 (${load.stats.resent} sent again after a reconnect, ` +
      `${unacknowledged} never acknowledged), ${check.missing} missing, ${check.doubled} stored twice` +
      `${check.examples.length ? ` (${check.examples.join(', ')})` : ''}; ${PROBES} smoke alarms raised: ${alarmsMissing} lost, ${alarmsDoubled} doubled` +
      '',
  );
  return pass;
}

/**
 * The local ports of the server's connections to the broker. The load generator runs in this
 * process, so every other connection to the broker's port is the server's consumer.
 */
function consumerPorts(port: number) {
  const established = execFileSync('ss', ['-tnpH', 'state', 'established', `dport = :${port}`], { encoding: 'utf8' });
  return established
    .split('\n')
    .filter((line) => line.includes('pid=') && !line.includes(`pid=${process.pid},`))
    .map((line) => line.trim().split(/\s+/)[2].split(':').pop()!);
}

/** Aborts the server's connections to the broker (ss -K, root only), as a network fault would; says which, and what came back. */
function cutConsumer(port: number) {
  const cut = consumerPorts(port);
  for (const local of cut) execFileSync('ss', ['-K', 'state', 'established', `dport = :${port}`, `sport = :${local}`], { stdio: 'ignore' });
  setTimeout(() => console.error(`  the consumer's connection 2 s later: port ${consumerPorts(port).join(', ') || 'none'}`), 2000);
  return `port ${cut.join(', ') || 'none'}`;
}

async function malformedFlood() {
  // At a rate beyond what the server takes, so each figure is its ceiling.
  const clean = await ingestRun(1, 0, SECONDS);
  const flooded = await ingestRun(2, 0.1, SECONDS);
  const ratio = flooded.storedPerSecond / clean.storedPerSecond;
  const pass = ratio >= 0.9;
  console.log(
    `${pass ? 'PASS' : 'FAIL'} malformed: valid readings stored ${clean.storedPerSecond.toFixed(0)}/s clean, ` +
      `${flooded.storedPerSecond.toFixed(0)}/s with a tenth of the messages malformed (${(ratio * 100).toFixed(0)} %)`,
  );
  return pass;
}

let failed = 0;
for (const scenario of SCENARIOS) {
  if (scenario === 'broker-restart' || scenario === 'server-kill' || scenario === 'consumer-reconnect')
    failed += (await interrupted(scenario)) ? 0 : 1;
  else if (scenario === 'malformed') failed += (await malformedFlood()) ? 0 : 1;
  else throw new Error(`unknown scenario ${scenario}`);
}
process.exit(failed ? 1 : 0);
