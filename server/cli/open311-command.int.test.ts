import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { buildApp } from '../app.js';
import { runCli } from './test-support/cli-process.js';
import { createPostgresDatabase } from '../test/test-database.js';

/**
 * `civicgrid open311 clients | client create | client revoke` run as an operator would
 * (security review, issue 7, finding 11), on the embedded database, or on PostgreSQL when
 * TEST_DATABASE_URL is set. The functions behind them are tested in open311/clients.int.test.ts.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-open311-cli-'));
const env: Record<string, string> = { DATA_DIR: dataDir };
let dropDatabase = async () => {};

beforeAll(async () => {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return;
  const created = await createPostgresDatabase(base, 'civicgrid_open311_cli');
  env.DATABASE_URL = created.url;
  dropDatabase = created.drop;
});
afterAll(async () => {
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

async function ok(args: string[]) {
  const run = await runCli(['open311', ...args], env);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

describe('civicgrid open311', () => {
  let id: number;
  let apiKey: string;

  it('client create registers an application and shows its key once', async () => {
    const out = await ok(['client', 'create', '--name', '平阴通 App']);
    id = Number(out.match(/已登记 Open311 客户端 (\d+)「平阴通 App」/)?.[1]);
    apiKey = out.match(/api_key: (o311k_[A-Za-z0-9_-]+)/)?.[1] ?? '';
    expect(id).toBeGreaterThan(0);
    expect(apiKey).toMatch(/^o311k_[A-Za-z0-9_-]{32}$/);
    expect(out).toContain('只显示这一次');
  }, 120_000);

  it('clients lists it, active, without the key', async () => {
    const out = await ok(['clients']);
    expect(out).toMatch(new RegExp(`^${id}\\t启用\\t\\S+ \\S+\\t平阴通 App$`, 'm'));
    expect(out).not.toContain(apiKey);
  }, 120_000);

  it('refuses a name taken twice, and bad arguments, with a non-zero exit', async () => {
    const again = await runCli(['open311', 'client', 'create', '--name', '平阴通 App'], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('已有名为“平阴通 App”的 Open311 客户端');
    const noId = await runCli(['open311', 'client', 'revoke', '--id', 'abc'], env);
    expect(noId.code).not.toBe(0);
    expect(noId.stderr).toContain('用法: civicgrid open311 client revoke --id 编号');
    const unknown = await runCli(['open311', 'client', 'revoke', '--id', '99999'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('编号为 99999 的 Open311 客户端不存在');
  }, 120_000);

  it('client revoke stops the key: POST requests.json answers 403', async () => {
    expect(await ok(['client', 'revoke', '--id', String(id)])).toContain(`已停用 Open311 客户端 ${id}「平阴通 App」`);
    expect(await ok(['clients'])).toMatch(new RegExp(`^${id}\\t已停用\\t`, 'm'));
    expect(await ok(['client', 'revoke', '--id', String(id)])).toContain('原已停用');

    // The server, started afterwards on the same database, refuses the key.
    const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
    const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: config.pgliteDir });
    const app = await buildApp({ config, database });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ api_key: apiKey, service_code: 'streetlight', lat: '36.2869', long: '116.4551' }).toString(),
      });
      expect(res.statusCode, res.body).toBe(403);
      const [error] = res.json();
      expect(error.code).toBe(403);
      expect(error.description).toContain('api_key 无效或已停用');
    } finally {
      await app.close();
      await database.close();
    }
  }, 120_000);
});
