import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
  });

  it('refuses a count that is not a whole number from 1 to 64', async () => {
    for (const bad of ['0', 'two', '1.5', '65']) {
      const run = await runCli(['start', '--workers', bad], { DATA_DIR: dataDir, PORT: '0', MQTT_PORT: '0' });
      expect(run.code, bad).not.toBe(0);
      expect(run.stderr, bad).toContain('--workers 须为 1 到 64 之间的整数');
    }
  });
});
