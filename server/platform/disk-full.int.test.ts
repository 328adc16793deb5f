import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from './config.js';
import { FileStore } from './files.js';
import { fillingDisk } from './test-disk.js';
import { buildTestApp, loginAs } from '../test/app.js';
import { createTestDatabase } from '../test/test-database.js';
import { buildUser, regionByName, seedTestRegions } from '../test/factories.js';
import { rowXml, sheetXml, workbookParts, zip } from '../domains/exchange/test-workbooks.js';

/**
 * A full disk through the API (security review, issue 7, item 6): a photo upload and an import
 * upload answer 503 STORAGE_FULL, no partial file is left under a final name, and once space is
 * freed the same upload succeeds and its files are whole. Once with the disk filling up on
 * demand (runs everywhere), once on a real 1 MB tmpfs (needs root to mount). And a stored file
 * that is not whole is never served, until the same upload repairs it.
 */
const STORED = /^[0-9a-f]{64}\.[a-z0-9]+$/;
const FULL = { code: 'STORAGE_FULL', message: '服务器存储空间不足，文件未保存，请联系管理员' };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under the store: stored names must hold whole files; nothing else may be left but the filler. */
function storedFiles(root: string, except: string[] = []) {
  const found: Record<string, string[]> = {};
  for (const area of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && !except.includes(d.name))) {
    found[area.name] = readdirSync(path.join(root, area.name)).sort();
    for (const name of found[area.name]) {
      expect(name, `${area.name}/${name}`).toMatch(STORED);
      const content = readFileSync(path.join(root, area.name, name));
      expect(content.length).toBeGreaterThan(0);
      expect(sha(content), `${area.name}/${name} is whole`).toBe(name.slice(0, 64));
    }
  }
  return found;
}

/** A phone photo that does not compress: a few hundred KB for the original and its display copy. */
const noisyPhoto = () =>
  sharp(randomBytes(640 * 480 * 3), { raw: { width: 640, height: 480, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
/** A residents workbook of a few hundred KB that does not compress either. */
const bulkyWorkbook = () =>
  zip(
    workbookParts(
      sheetXml([
        rowXml(1, ['姓名', '身份证号', '人口类型', '房屋标准地址']),
        ...Array.from({ length: 120 }, (_, i) => rowXml(i + 2, [`居民${i}`, '', '户籍', randomBytes(1500).toString('hex').slice(0, 3000)])),
      ]),
      [],
      { stored: true },
    ),
  );

function form(field: 'photo' | 'import', content: Buffer) {
  const boundary = '----civicgrid-disk';
  const parts =
    field === 'import'
      ? [
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nresidents\r\n`),
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="居民.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
        ]
      : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`)];
  return {
    payload: Buffer.concat([...parts, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

type TestApp = { app: Awaited<ReturnType<typeof buildApp>> };
async function upload(t: TestApp, cookie: { cookie: string }, field: 'photo' | 'import', content: Buffer) {
  const f = form(field, content);
  return t.app.inject({
    method: 'POST',
    url: field === 'photo' ? '/api/case-photos' : '/api/imports',
    headers: { ...cookie, ...f.headers },
    payload: f.payload,
  });
}

async function photoVariants(t: TestApp, cookie: { cookie: string }, id: number) {
  const row = await t.app.casework.db.selectFrom('case_photos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  for (const [variant, expected] of [
    ['original', row.original_sha],
    ['display', row.display_sha],
    ['thumb', row.thumb_sha],
  ] as const) {
    const res = await t.app.inject({ url: `/api/case-photos/${id}/${variant}`, headers: cookie });
    expect(res.statusCode, `${variant}: ${res.body.slice(0, 200)}`).toBe(200);
    expect(sha(res.rawPayload)).toBe(expected);
  }
  return row;
}

describe('a full disk, injected (runs everywhere)', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let staff: { cookie: string };
  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    staff = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers STORAGE_FULL to a photo and an import upload, keeps no partial file, and takes both once there is room', async () => {
    const root = t.app.config.filesDir;
    const disk = fillingDisk(50_000);
    const real = t.app.casework.files;
    t.app.casework.files = new FileStore(root, disk);
    try {
      const photo = await noisyPhoto();
      const workbook = bulkyWorkbook();
      for (const [field, content] of [
        ['photo', photo],
        ['import', workbook],
      ] as const) {
        disk.room = 50_000;
        const res = await upload(t, staff, field, content);
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject(FULL);
        storedFiles(root);
      }
      disk.room = Number.MAX_SAFE_INTEGER;
      const uploaded = await upload(t, staff, 'photo', photo);
      expect(uploaded.statusCode).toBe(201);
      await photoVariants(t, staff, uploaded.json().id);
      const imported = await upload(t, staff, 'import', workbook);
      expect(imported.statusCode).toBe(202);
      const job = await t.db.selectFrom('import_jobs').selectAll().where('id', '=', imported.json().id).executeTakeFirstOrThrow();
      expect(sha(readFileSync(job.file_path))).toBe(sha(workbook));
      storedFiles(root);
    } finally {
      t.app.casework.files = real;
    }
  });

  it('never serves a stored photo that is not whole, and the same upload repairs it', async () => {
    const photo = await noisyPhoto();
    const first = await upload(t, staff, 'photo', photo);
    const row = await photoVariants(t, staff, first.json().id);
    const files = t.app.casework.files;
    const damaged = [
      [files.pathOf('case-photos', row.original_sha, `.${row.kind}`), 0],
      [files.pathOf('case-photos', row.display_sha, '.jpg'), 1000],
    ] as const;
    for (const [file, length] of damaged) truncateSync(file, length);
    for (const variant of ['original', 'display']) {
      const res = await t.app.inject({ url: `/api/case-photos/${row.id}/${variant}`, headers: staff });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'FILE_DAMAGED' });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const again = await upload(t, staff, 'photo', photo);
    expect(again.statusCode).toBe(201);
    await photoVariants(t, staff, first.json().id);
  });
});

// Mounting needs root (CAP_SYS_ADMIN); elsewhere the injected test above covers the logic.
function tmpfsMountable() {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
const canMount = tmpfsMountable();
if (!canMount)
  console.warn(
    'disk-full.int.test.ts: skipping the real-tmpfs test: `mount -t tmpfs` needs root here (the injected ENOSPC test still runs)',
  );

describe.skipIf(!canMount)('a full disk, on a real 1 MB tmpfs (root only)', () => {
  let t: TestApp & { close(): Promise<void>; db: Awaited<ReturnType<typeof createTestDatabase>>['db'] };
  let staff: { cookie: string };
  let filesDir: string;
  const filler = () => path.join(filesDir, 'filler', 'filler.bin');

  /** Fills the tmpfs until only `leave` bytes are free. */
  function fillLeaving(leave: number) {
    const { bavail, bsize } = statfsSync(filesDir);
    mkdirSync(path.dirname(filler()), { recursive: true });
    writeFileSync(filler(), Buffer.alloc(Math.max(0, bavail * bsize - leave - 8192)));
  }

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-disk-full-'));
    filesDir = path.join(dataDir, 'files');
    mkdirSync(filesDir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', filesDir]);
    const database = await createTestDatabase();
    const config = loadConfig({ DATA_DIR: dataDir, CIVICGRID_MODE: 'production', LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, database });
    t = {
      app,
      db: database.db,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
    await seedTestRegions(t.db);
    staff = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id));
  });
  afterAll(async () => {
    await t?.close();
    if (filesDir) {
      execFileSync('umount', [filesDir]);
      rmSync(path.dirname(filesDir), { recursive: true, force: true });
    }
  });

  it('a photo upload and an import upload answer 503 STORAGE_FULL, leave no partial file, and succeed once space is freed', async () => {
    const photo = await noisyPhoto();
    const workbook = bulkyWorkbook();
    expect(photo.length + workbook.length).toBeGreaterThan(300_000);
    for (const [field, content] of [
      ['photo', photo],
      ['import', workbook],
    ] as const) {
      fillLeaving(100_000);
      const res = await upload(t, staff, field, content);
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toMatchObject(FULL);
      storedFiles(filesDir, ['filler']);
      rmSync(filler());
    }
    const uploaded = await upload(t, staff, 'photo', photo);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    await photoVariants(t, staff, uploaded.json().id);
    const imported = await upload(t, staff, 'import', workbook);
    expect(imported.statusCode, imported.body).toBe(202);
    const job = await t.db.selectFrom('import_jobs').selectAll().where('id', '=', imported.json().id).executeTakeFirstOrThrow();
    expect(sha(readFileSync(job.file_path))).toBe(sha(workbook));
    expect(Object.keys(storedFiles(filesDir, ['filler'])).sort()).toEqual(['case-photos', 'imports']);
  });
});
