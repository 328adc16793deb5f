import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './paths.js';
import { runCli } from './test-support/cli-process.js';

/**
 * `civicgrid start --workers N` refuses what cannot work before it opens anything: several
 * processes on the embedded PGlite (one process owns its data directory), and a count that is
 * not one. (Several workers on PostgreSQL: server/test/multi-process/two-processes.int.test.ts
 * runs two of the workers' `serve` side by side; docs/OPERATIONS.md shows the command.)
 */
describe('start --workers', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-workers-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses several workers on the embedded PGlite, saying why and what to do', async () => {
    const run = await runCli(['start', '--workers', '2'], { DATA_DIR: dataDir, PORT: '0', MQTT_PORT: '0' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--workers 2 需要 PostgreSQL（DATABASE_URL）');
    expect(run.stderr).toContain('数据目录只能由一个进程打开');
    expect(run.stdout).not.toContain('数据库：');
  }, 60_000);

  it('refuses a count that is not a whole number from 1 to 64', async () => {
    const bad = ['0', 'two', '1.5', '65'];
    const runs = await Promise.all(bad.map((n) => runCli(['start', '--workers', n], { DATA_DIR: dataDir, PORT: '0', MQTT_PORT: '0' })));
    runs.forEach((run, i) => {
      expect(run.code, bad[i]).not.toBe(0);
      expect(run.stderr, bad[i]).toContain('--workers 须为 1 到 64 之间的整数');
    });
  }, 90_000);
});

/**
 * The primary's supervision over stand-in workers (test-support/cluster-primary.ts): slot 1 runs
 * the embedded broker and the others do not, a worker killed is started again into its slot, and
 * SIGTERM drains every worker before the primary exits 0.
 */
describe('the primary of start --workers', () => {
  it('assigns the broker to slot 1, restarts a dead worker into its slot, and drains on SIGTERM', async () => {
    const primary = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/cli/test-support/cluster-primary.ts'), '2'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0' },
    });
    let out = '';
    primary.stdout.on('data', (d) => (out += d));
    primary.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    const workers = () =>
      [...out.matchAll(/WORKER (\d) (\d+) embedded=(\w+)/g)].map((m) => ({ slot: m[1], pid: Number(m[2]), embedded: m[3] }));
    try {
      await expect.poll(() => out.includes('ALL READY'), { timeout: 30_000 }).toBe(true);
      expect(
        workers()
          .map((w) => `${w.slot}:${w.embedded}`)
          .sort(),
      ).toEqual(['1:true', '2:false']);

      const first = workers().find((w) => w.slot === '1')!;
      process.kill(first.pid, 'SIGKILL');
      await expect.poll(() => workers().filter((w) => w.slot === '1').length, { timeout: 30_000 }).toBe(2);
      // It died within 10 s of starting: the first pause, a second.
      expect(out).toContain(`工作进程 1（pid ${first.pid}）退出（SIGKILL），1 秒后重新启动`);
      expect(workers().filter((w) => w.slot === '1')[1].embedded).toBe('true');

      primary.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('DRAINED 1');
      expect(out).toContain('DRAINED 2');
      for (const w of workers()) expect(() => process.kill(w.pid, 0)).toThrow();
    } finally {
      if (primary.exitCode === null) primary.kill('SIGKILL');
    }
  }, 60_000);
});
