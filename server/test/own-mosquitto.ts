import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

export const MOSQUITTO = '/usr/sbin/mosquitto';

/**
 * A Mosquitto of the test's own, on a free port of 127.0.0.1, with a generated configuration:
 * tests that sign devices in, change the broker's files or restart it never touch the machine's
 * shared broker on 1883 (issue 10). `files` are written into its folder and the configuration
 * points at them (`password_file`, `acl_file`); without them it admits anyone. Its log (every
 * packet: `log_type all`) is kept for the tests that count who received what. `persistent` keeps
 * sessions in a persistence file, which `restart()` (SIGTERM, as a service restart) writes.
 */
export async function startOwnMosquitto(files: { passwords?: string; acl?: string; persistent?: boolean } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-mosquitto-'));
  const port = await freePort();
  const logFile = path.join(dir, 'mosquitto.log');
  // Started by root, Mosquitto would become the user `mosquitto`, who may not read this folder.
  const lines = [
    `user ${os.userInfo().username}`,
    `listener ${port} 127.0.0.1`,
    ...(files.persistent ? ['persistence true', `persistence_location ${dir}/`] : ['persistence false']),
    `log_dest file ${logFile}`,
    'log_type all',
    'max_queued_messages 100000',
  ];
  if (files.passwords !== undefined) {
    writeFileSync(path.join(dir, 'passwd'), files.passwords, { mode: 0o600 });
    lines.push('allow_anonymous false', `password_file ${path.join(dir, 'passwd')}`);
  } else lines.push('allow_anonymous true');
  if (files.acl !== undefined) {
    writeFileSync(path.join(dir, 'acl'), files.acl, { mode: 0o600 });
    lines.push(`acl_file ${path.join(dir, 'acl')}`);
  }
  writeFileSync(path.join(dir, 'mosquitto.conf'), `${lines.join('\n')}\n`);
  let stderr = '';
  const launch = async () => {
    const child = spawn(MOSQUITTO, ['-c', path.join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await untilListening(port, () => (child.exitCode !== null ? `mosquitto 退出：${stderr}` : null)).catch((e: Error) => {
      child.kill('SIGKILL');
      throw e;
    });
    return { child, exited };
  };
  const stopRunning = async () => {
    running.child.kill('SIGTERM');
    await running.exited;
  };
  let running: Awaited<ReturnType<typeof launch>>;
  try {
    running = await launch();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    /** The broker's log so far. */
    log: () => readFileSync(logFile, 'utf8'),
    /** Stopped (SIGTERM: a persistent broker writes its file) and started again on the same port. */
    async restart() {
      await stopRunning();
      running = await launch();
    },
    async stop() {
      await stopRunning();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function untilListening(port: number, failed: () => string | null) {
  for (let i = 0; i < 100; i++) {
    const why = failed();
    if (why) throw new Error(why);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      }).once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`mosquitto 未在端口 ${port} 上监听`);
}
