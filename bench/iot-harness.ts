import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoCredentials } from '../server/domains/iot/index.js';
import { freePort } from '../server/test/free-port.js';
import { BENCH_PASSWORD } from './county.js';
import type { LoadDevice } from './iot-load.js';

/**
 * What the IoT benchmarks share: the server process (bench/iot-ingest.server.ts) started,
 * followed, asked and stopped or killed; the devices a run publishes as; and the figures'
 * summary (median and spread of several runs).
 */
const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'iot-ingest.server.ts');

export interface ServerInfo {
  base: string;
  mqttPort: number | null;
  devices: { id: number; serial: string; typeCode: string }[];
}

export interface BenchServer {
  info: ServerInfo;
  /** The server process's id, to count its CPU (bench/cpu-meter.ts). */
  pid: number;
  /** Readings stored since the run began, as last reported, and when. */
  stored: { at: number; n: number };
  /** Sends a command line and waits for its answer line. */
  ask<T>(command: string): Promise<T>;
  /** SIGTERM and wait (the clean way). */
  stop(): Promise<void>;
  /** SIGKILL: the crash of the loss test. */
  kill(): Promise<void>;
}

export interface ServerOptions {
  /** An external broker to consume; without one, the embedded broker listens on a free port. */
  mqttUrl?: string;
  fresh: boolean;
  /** A directory for a CPU profile of the server (node --cpu-prof). */
  profileDir?: string;
  /** A stable consumer id, so that a restarted server gets its broker session back. */
  clientId?: string;
}

export async function startServer(options: ServerOptions): Promise<BenchServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_FRESH: options.fresh ? '1' : '0' };
  if (options.mqttUrl) {
    env.MQTT_URL = options.mqttUrl;
    env.MQTT_CLIENT_ID = options.clientId ?? `civicgrid-bench-${process.pid}`;
    env.MQTT_SHARE_GROUP = 'civicgrid-bench';
  } else {
    env.MQTT_PORT = String(await freePort());
  }
  const args = ['--import', 'tsx', ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []), SERVER];
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = new Map<string, (json: unknown) => void>();
  const server = { stored: { at: Date.now(), n: 0 } } as BenchServer;
  const ready = new Promise<ServerInfo>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const space = line.indexOf(' ');
      const [word, rest] = [line.slice(0, space), line.slice(space + 1)];
      if (word === 'READY') resolve(JSON.parse(rest));
      else if (word === 'STORED') {
        const [at, n] = rest.split(' ').map(Number);
        server.stored = { at, n };
      } else if (waiting.has(word)) {
        waiting.get(word)!(JSON.parse(rest));
        waiting.delete(word);
      } else process.stderr.write(`[server] ${line}\n`);
    });
  });
  server.info = await ready;
  server.pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  server.ask = <T>(command: string) =>
    new Promise<T>((resolve) => {
      waiting.set(command.split(' ')[0], resolve as (json: unknown) => void);
      child.stdin!.write(`${command}\n`);
    });
  server.stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  server.kill = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  return server;
}

/**
 * The devices a run publishes as: `count` of the county's, every type in its share of the
 * county, signing in with the demo's derived credentials (which the embedded broker checks;
 * the bench's Mosquitto takes anyone).
 */
export function benchDevices(info: ServerInfo, count: number, skip: Set<string> = new Set()): LoadDevice[] {
  const usable = info.devices.filter((d) => !skip.has(d.serial));
  if (usable.length < count) throw new Error(`the bench county has ${usable.length} devices, ${count} asked for`);
  const step = usable.length / count;
  return Array.from({ length: count }, (_, i) => {
    const d = usable[Math.floor(i * step)];
    const { username, password } = demoCredentials(BENCH_PASSWORD, d.serial);
    return { serial: d.serial, typeCode: d.typeCode, username, password };
  });
}

/** Waits until the server has stored `expected` readings, or stored nothing new for `quietMs`. */
export async function waitStored(server: BenchServer, expected: number, quietMs = 10_000) {
  let last = server.stored.n;
  let lastChange = Date.now();
  while (server.stored.n < expected && Date.now() - lastChange < quietMs) {
    await new Promise((r) => setTimeout(r, 250));
    if (server.stored.n !== last) {
      last = server.stored.n;
      lastChange = Date.now();
    }
  }
  return server.stored;
}

/** Median and spread, as docs/BENCHMARKS.md reports every figure: `median (lowest–highest)`. */
export function medianSpread(values: number[], digits = 0) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const f = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return sorted.length === 1 ? f(median) : `${f(median)} (${f(sorted[0])}–${f(sorted[sorted.length - 1])})`;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
