import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { migrate } from '../../platform/db/migrate.js';
import { buildHouse, buildUser, makeIdCard, regionByName, seedTestRegions } from '../../test/factories.js';
import { claimJob, createJob, jobById } from './import-jobs.repository.js';
import { runImportJob } from './import-worker.js';
import { RESIDENT_COLUMNS } from './sheet-columns.js';

/**
 * A server killed with SIGKILL in the middle of an import (no chance to finish its batch)
 * loses no stored row, and the resumed job stores none twice. Runs on a PGlite data directory
 * on disk, or on a fresh PostgreSQL database when TEST_DATABASE_URL is set.
 */
async function openTarget(): Promise<{ target: string; open: () => Promise<Database>; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-crash-'));
    return { target: dir, open: () => openDatabase({ dataDir: dir }), drop: async () => {} };
  }
  const name = `civicgrid_crash_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  return {
    target,
    open: () => openDatabase({ url: target, poolSize: 2 }),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

describe('import survives SIGKILL', () => {
  it('resumes after a kill mid-batch with every row stored exactly once', async () => {
    const { target, open, drop } = await openTarget();
    let database = await open();
    try {
      await migrate(database.db);
      await seedTestRegions(database.db);
      const house = await buildHouse(database.db, '锦源社区');
      const username = await buildUser(database.db, 'community_staff', (await regionByName(database.db, '锦源社区')).id);
      const user = await database.db
        .selectFrom('users')
        .select(['id', 'region_id'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      const ids = [...new Set(Array.from({ length: 4000 }, (_, i) => makeIdCard(`19${50 + (i % 45)}0${1 + (i % 9)}1${i % 9}`)))];
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('居民');
      sheet.addRow(RESIDENT_COLUMNS.map((c) => c.header));
      ids.forEach((id, i) => sheet.addRow([`断电${i}`, id, '', '常住', house.standard_address]));
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'civicgrid-crash-file-')), 'residents.xlsx');
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      const { id } = await createJob(database.db, {
        kind: 'residents',
        fileName: 'residents.xlsx',
        sha256: 'x',
        path: file,
        userId: user.id,
        regionId: user.region_id,
      });
      await database.close(); // PGlite is one process's: the child opens it next

      const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'import-crash.child.ts'), target], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const outcome = await new Promise<string>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          if (String(d).includes('flushed')) child.kill('SIGKILL'); // somewhere inside the next batch
          if (String(d).includes('finished')) resolve('finished');
        });
        child.on('exit', (_code, signal) => resolve(signal ?? 'exited'));
      });
      expect(outcome, stderr).toBe('SIGKILL');

      database = await open();
      const interrupted = (await jobById(database.db, id))!;
      expect(interrupted.status).toBe('running');
      expect(interrupted.processed).toBeGreaterThanOrEqual(1000);
      expect(interrupted.processed).toBeLessThan(ids.length);
      const storedBefore = await countStored(database);
      expect(storedBefore).toBe(interrupted.created); // what was committed is counted, nothing more

      await runImportJob(database.db, (await claimJob(database.db, 0))!);
      const done = (await jobById(database.db, id))!;
      expect(done).toMatchObject({ status: 'done', processed: ids.length, created: ids.length, rejected: 0 });
      expect(await countStored(database)).toBe(ids.length);
    } finally {
      await database.close().catch(() => {});
      await drop();
    }
  }, 120_000);
});

async function countStored(database: Database) {
  const row = await database.db
    .selectFrom('residents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('name', 'like', '断电%')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
