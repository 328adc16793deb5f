import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './test-support/cli-process.js';

/**
 * `civicgrid iot export-mosquitto-auth` as an operator runs it (what the files let Mosquitto do:
 * server/domains/iot/mosquitto-auth.int.test.ts): the two files written owner-only, with the
 * consumer account, and the usage when a file is missing.
 */
describe('civicgrid iot export-mosquitto-auth', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { DATA_DIR: path.join(dir, 'data'), MQTT_USERNAME: 'civicgrid-consumer', MQTT_PASSWORD: 'consumer-password-42' };

  it('writes the password and ACL files, owner-only, with the consumer account', async () => {
    const passwords = path.join(dir, 'civicgrid.passwd');
    const acl = path.join(dir, 'civicgrid.acl');
    const run = await runCli(['iot', 'export-mosquitto-auth', '--password-file', passwords, '--acl-file', acl], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('已写出 0 台设备的账号');
    expect(run.stdout).toContain('kill -HUP');
    expect(readFileSync(passwords, 'utf8')).toMatch(/^civicgrid-consumer:\$7\$101\$\S+\n$/);
    expect(readFileSync(acl, 'utf8')).toContain('user civicgrid-consumer\ntopic read civicgrid/v1/#\n');
    expect(statSync(passwords).mode & 0o777).toBe(0o600);
    expect(readFileSync(passwords, 'utf8') + readFileSync(acl, 'utf8')).not.toContain(env.MQTT_PASSWORD);
    // A fresh data directory is migrated first: half a minute on a busy machine.
  }, 120_000);

  it('says how to call it when a file is missing, and writes nothing', async () => {
    const acl = path.join(dir, 'only.acl');
    const run = await runCli(['iot', 'export-mosquitto-auth', '--acl-file', acl], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--password-file 文件 --acl-file 文件');
    expect(existsSync(acl)).toBe(false);
  });
});
