import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../platform/db/database.js';
import { readRegionFile, seedRegions } from '../domains/regions/regions.seed.js';
import { DataDirLockedError, LOCK_FILE_NAME, lockDataDir } from './data-dir-lock.js';
import { REGION_FILE } from './paths.js';
import { LockContender, runCli } from './test-support/cli-process.js';

/**
 * The data-directory lock (security review, issue 7, findings 5 and 13): every CLI command that
 * opens the embedded database is refused, and writes nothing, while another process holds it;
 * a stale lock file (its process gone, or its pid reused) never blocks; of several processes
 * racing for the lock exactly one gets it.
 */
const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-lock-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const hasProc = existsSync('/proc/self/stat');
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
/** Field 22 of /proc/<pid>/stat, read here independently of process-identity.ts. */
const startTicks = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19];
const lockText = (record: Record<string, unknown>) =>
  JSON.stringify({ command: 'start', since: new Date().toISOString(), nonce: 'test', ...record });

async function deadPid() {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

/** What is left in a data directory besides the database: no lock, breaker or temp file. */
const lockLeftovers = (dataDir: string) => readdirSync(dataDir).filter((f) => f.startsWith(LOCK_FILE_NAME));

describe('CLI commands on the embedded database while another process holds it', () => {
  const dataDir = tempDir();
  const env = { DATA_DIR: dataDir };
  const username = 'lock.test';
  let holder: LockContender;

  /** Rows of what each blocked command would have written, read once nobody holds the directory. */
  const counts = async () => {
    const database = await openDatabase({ dataDir: path.join(dataDir, 'pgdata') });
    try {
      const n = async (table: 'org_units' | 'open311_clients' | 'residents') =>
        Number(
          (
            await database.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const user = await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      return {
        user: user?.id ?? null,
        orgUnits: await n('org_units'),
        open311Clients: await n('open311_clients'),
        residents: await n('residents'),
      };
    } finally {
      await database.close();
    }
  };
  let before: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    // A production install: migrated by the CLI, with its region tree (what `start` would load).
    const migrated = await runCli(['migrate'], env);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(lockLeftovers(dataDir)).toEqual([]); // given back on the way out
    const database = await openDatabase({ dataDir: path.join(dataDir, 'pgdata') });
    await seedRegions(database.db, readRegionFile(REGION_FILE));
    await database.close();
    before = await counts();
    expect(before.user).toBeNull();
    holder = new LockContender(dataDir);
    expect((await holder.outcome).outcome).toBe('won');
  }, 120_000);
  afterAll(async () => {
    await holder?.stop();
  });

  const blocked: [string, string[]][] = [
    [
      'user create',
      ['user', 'create', '--username', username, '--role', 'county_admin', '--region-code', '370124', '--password', 'Lock@2023test'],
    ],
    ['import gazette', ['import', 'gazette', 'data/seed/pingyin-2023-gazette.txt']],
    ['migrate', ['migrate']],
    ['generate', ['generate', '--residents', '100', '--seed', '1']],
    ['open311 client create', ['open311', 'client', 'create', '--name', '锁测试应用']],
    ['open311 clients', ['open311', 'clients']],
  ];
  it.each(blocked)('`civicgrid %s` is refused with the holder named and what to do', async (name, args) => {
    const run = await runCli(args, env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`进程 ${holder.pid}（civicgrid start`);
    expect(run.stderr).toContain(`本次 civicgrid ${name} 未做任何修改`);
    expect(run.stderr).toContain('请先停止该进程');
    expect(run.stdout).not.toMatch(/已创建|已导入|已登记/);
    // The holder's lock is untouched.
    expect(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE_NAME), 'utf8')).pid).toBe(holder.pid);
  });

  it('after the holder exits nothing of theirs is there, and the commands work', async () => {
    await holder.stop();
    expect(lockLeftovers(dataDir)).toEqual([]);
    expect(await counts()).toEqual(before);

    // A server killed outright leaves its lock file; its process is gone, so it does not block.
    const crashed = new LockContender(dataDir);
    expect((await crashed.outcome).outcome).toBe('won');
    await crashed.kill();
    expect(lockLeftovers(dataDir)).toEqual([LOCK_FILE_NAME]);

    const created = await runCli(blocked[0][1], env);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(`已创建账号 ${username}`);
    expect((await counts()).user).not.toBeNull();
    expect(lockLeftovers(dataDir)).toEqual([]);
  }, 120_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('CLI commands on PostgreSQL', () => {
  it('need no data-directory lock: several processes may share the database', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const name = `civicgrid_lock_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const dataDir = tempDir();
    const holder = new LockContender(dataDir);
    try {
      expect((await holder.outcome).outcome).toBe('won');
      url.pathname = `/${name}`;
      const env = { DATA_DIR: dataDir, DATABASE_URL: url.toString() };
      const migrated = await runCli(['migrate'], env);
      expect(migrated.code, migrated.stderr).toBe(0);
      const created = await runCli(['open311', 'client', 'create', '--name', '共享库应用'], env);
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toMatch(/api_key: o311k_/);
    } finally {
      await holder.stop();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});

describe.runIf(hasProc)('the lock file', () => {
  const lockFile = (dataDir: string) => path.join(dataDir, LOCK_FILE_NAME);
  const takesIt = (dataDir: string) => {
    const lock = lockDataDir(dataDir, { name: 'migrate' });
    expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(lockLeftovers(dataDir)).toEqual([]);
  };
  const withLockFile = (text: string) => {
    const dataDir = tempDir();
    writeFileSync(lockFile(dataDir), text);
    return dataDir;
  };

  it('naming PID 1 does not block, with another start time or as a bare pid', () => {
    takesIt(withLockFile(lockText({ pid: 1, startTicks: String(Number(startTicks(1)) + 1), bootId: bootId() })));
    takesIt(withLockFile('1'));
  });

  it('naming a live process whose start time differs (a reused pid) does not block', () => {
    takesIt(withLockFile(lockText({ pid: process.ppid, startTicks: String(Number(startTicks(process.ppid)) + 7), bootId: bootId() })));
  });

  it('written before a reboot does not block, whatever its pid', () => {
    takesIt(
      withLockFile(lockText({ pid: process.ppid, startTicks: startTicks(process.ppid), bootId: '00000000-0000-0000-0000-000000000000' })),
    );
  });

  it("of a process that is gone is taken over, as is a stale lock's abandoned breaker", async () => {
    takesIt(withLockFile(lockText({ pid: await deadPid(), startTicks: '1', bootId: bootId() })));
    // A process killed while clearing a stale lock leaves the breaker beside it.
    const stale = lockText({ pid: await deadPid(), startTicks: '1', bootId: bootId() });
    const dataDir = withLockFile(stale);
    const breaker = `${lockFile(dataDir)}.break-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
    writeFileSync(breaker, lockText({ pid: await deadPid(), startTicks: '1', bootId: bootId() }));
    takesIt(dataDir);
  });

  it('of a live process with its own start time blocks, and is left as it was', () => {
    const text = lockText({ pid: process.ppid, startTicks: startTicks(process.ppid), bootId: bootId() });
    const dataDir = withLockFile(text);
    expect(() => lockDataDir(dataDir, { name: 'migrate' })).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dataDir, { name: 'migrate' })).toThrow(`进程 ${process.ppid}（civicgrid start`);
    expect(readFileSync(lockFile(dataDir), 'utf8')).toBe(text);
  });

  it('as a bare pid of a live CivicGrid process (an older version) blocks', async () => {
    const older = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'civicgrid-start']);
    try {
      await new Promise((resolve) => older.on('spawn', resolve));
      const dataDir = withLockFile(String(older.pid));
      expect(() => lockDataDir(dataDir, { name: 'migrate' })).toThrow(`若确认进程 ${older.pid} 不是 CivicGrid，可删除锁文件`);
    } finally {
      older.kill();
    }
  });

  it('is held once per process too, and released only while it is still ours', () => {
    const dataDir = tempDir();
    const lock = lockDataDir(dataDir, { name: 'start' });
    expect(() => lockDataDir(dataDir, { name: 'migrate' })).toThrow(DataDirLockedError);
    // Someone else's file in its place (deleted by hand and taken by another process): not ours to delete.
    const theirs = lockText({ pid: process.ppid, startTicks: startTicks(process.ppid), bootId: bootId() });
    writeFileSync(lockFile(dataDir), theirs);
    lock.release();
    expect(readFileSync(lockFile(dataDir), 'utf8')).toBe(theirs);
  });

  const rounds: [string, (dataDir: string) => Promise<void>][] = [
    ['no lock file', async () => {}],
    [
      'a lock of a process that is gone',
      async (dir) => writeFileSync(lockFile(dir), lockText({ pid: await deadPid(), startTicks: '1', bootId: bootId() })),
    ],
    ['PID 1 with another start time', async (dir) => writeFileSync(lockFile(dir), lockText({ pid: 1, startTicks: '1', bootId: bootId() }))],
    ['a bare PID 1', async (dir) => writeFileSync(lockFile(dir), '1')],
  ];
  it.each(rounds)(
    'of several processes racing for it, exactly one wins (%s)',
    async (_, prepare) => {
      const dataDir = tempDir();
      await prepare(dataDir);
      const contenders = Array.from({ length: 5 }, () => new LockContender(dataDir, { waitForGo: true }));
      try {
        await Promise.all(contenders.map((c) => c.whenReady()));
        for (const c of contenders) c.go();
        const outcomes = await Promise.all(contenders.map((c) => c.outcome));
        const winners = outcomes.filter((o) => o.outcome === 'won');
        expect(winners, JSON.stringify(outcomes)).toHaveLength(1);
        for (const o of outcomes.filter((x) => x !== winners[0])) expect(o).toMatchObject({ outcome: 'held', holder: winners[0].pid });
        expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8')).pid).toBe(winners[0].pid);
      } finally {
        await Promise.all(contenders.map((c) => c.stop()));
      }
      expect(lockLeftovers(dataDir)).toEqual([]);
    },
    120_000,
  );
});
