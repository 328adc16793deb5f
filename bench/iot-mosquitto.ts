import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../server/test/free-port.js';

/**
 * The benchmarks' own Mosquitto, on a free port with a generated configuration (never the
 * machine's shared broker on 1883, which other people's tests use). Anonymous: the benchmarks
 * measure ingest, not the broker's sign-in. Persistent, so a restart keeps the consumer's
 * session and what was queued for it. `max_queued_messages 0` (no limit): with the default of
 * 1 000, a consumer that falls behind for a moment has messages the broker already acknowledged
 * to their devices dropped (Mosquitto's documented behaviour), which would be counted as loss.
 */
export async function startBenchMosquitto() {
  const dir = mkdtempSync(path.join(tmpdir(), 'civicgrid-bench-mosquitto-'));
  // Started as root, Mosquitto drops to its own user: without this it can write neither its
  // persistence file nor its log here, and says so nowhere (a restart then loses its queues).
  chmodSync(dir, 0o777);
  const port = await freePort();
  const config = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir}/`,
      'max_queued_messages 0',
      'max_inflight_messages 0',
      'set_tcp_nodelay true',
      'log_type error',
      'log_type warning',
      `log_dest file ${dir}/mosquitto.log`,
    ].join('\n') + '\n',
  );
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('/usr/sbin/mosquitto', ['-c', config], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      if (await listening(port)) return;
    }
    throw new Error(`mosquitto did not listen on ${port} (see ${dir}/mosquitto.log)`);
  };
  /** SIGTERM: Mosquitto writes its persistence file as it exits. */
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return { port, url: `mqtt://127.0.0.1:${port}`, dir, stop, restart: async () => (await stop(), await start()) };
}

async function listening(port: number) {
  const { connect } = await import('node:net');
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => (socket.end(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}
