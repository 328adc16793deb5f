import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildUser, makeIdCard, regionByName, seedTestRegions } from '../../test/factories.js';
import { claimJob, createJob, jobById } from './import-jobs.repository.js';
import { runImportJob } from './import-worker.js';
import { RESIDENT_COLUMNS } from './sheet-columns.js';
import { rowXml, sheetXml, workbookParts, zip } from './test-workbooks.js';
import { SharedStringTable } from './shared-strings.js';
import { readSheetRows } from './workbook-rows.js';
import { WORKBOOK_LIMITS as L } from './workbook-limits.js';

/**
 * Security review (issue 7), items 8 and 14: spreadsheet bombs and unreadable files end as a
 * failed job with a Chinese reason, store nothing, and keep the library's English out of the
 * report (it goes to the server log).
 */
function multipart(fileName: string, content: Buffer) {
  const boundary = '----civicgrid-failures';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nresidents\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const HEADER = RESIDENT_COLUMNS.map((c) => c.header);
const LIBRARY_ENGLISH = /invalid signature|FILE_ENDED|Invalid string length|Error|undefined|Cannot read/;

describe('imports that cannot be read fail with a Chinese reason and store nothing', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let staff: { cookie: string };
  let address: string;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    address = (await buildHouse(t.db, '锦源社区')).standard_address;
    staff = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id));
  });
  afterAll(async () => {
    await t?.close();
  });

  const residents = async () =>
    Number(
      (
        await t.db
          .selectFrom('residents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Uploads through the API, runs the job as the worker does, and returns its report. */
  async function importFile(content: Buffer, fileName = '居民.xlsx') {
    const form = multipart(fileName, content);
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...staff, ...form.headers },
      payload: form.payload,
    });
    expect(upload.statusCode, upload.body).toBe(202);
    for (let job = await claimJob(t.db, 0); job; job = await claimJob(t.db, 0))
      await runImportJob(t.db, job, { stopping: () => false, log: (line) => logged.push(line) });
    return (await t.app.inject({ method: 'GET', url: `/api/imports/${upload.json().id}`, headers: staff })).json();
  }

  async function expectRefused(content: Buffer, reason: string | RegExp) {
    const before = await residents();
    const report = await importFile(content);
    expect(report).toMatchObject({ status: 'failed', processed: 0, created: 0 });
    expect(report.failure).toEqual(typeof reason === 'string' ? expect.stringContaining(reason) : expect.stringMatching(reason));
    expect(report.failure).not.toMatch(LIBRARY_ENGLISH);
    expect(await residents()).toBe(before);
    return report;
  }

  const goodRow = () => [`王${randomBytes(2).toString('hex')}`, makeIdCard('19800101'), '', '户籍', address];

  it('a sheet with one enormous cell, honestly declared or not', async () => {
    const hex = randomBytes(3 * 1024 * 1024).toString('hex');
    await expectRefused(
      zip(workbookParts(sheetXml([rowXml(1, HEADER), rowXml(2, goodRow()), rowXml(3, ['', hex])]))),
      `第 3 行 B 列内容超过 ${L.cellChars} 个字符`,
    );
    // The reported case: one cell of hundreds of megabytes of one character, under a directory that says 64 KB.
    const bomb = sheetXml([rowXml(1, HEADER), rowXml(2, ['x'.repeat(100 * 1024 * 1024)])]);
    await expectRefused(zip(workbookParts(bomb, [], { declaredSize: 64 * 1024 })), `第 2 行 A 列内容超过 ${L.cellChars} 个字符`);
    await expectRefused(zip(workbookParts(bomb)), /疑似压缩炸弹/);
  });

  it('a sheet with more rows than the limit', async () => {
    const rows = [rowXml(1, HEADER)];
    for (let i = 2; i <= L.dataRows + 2; i++) rows.push(`<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>张${i}</t></is></c></row>`);
    await expectRefused(zip(workbookParts(sheetXml(rows))), `行数超过 ${L.dataRows} 行`);
  });

  it('a workbook with a high-ratio entry beside a good sheet', async () => {
    const padding = { name: 'xl/media/image1.png', data: Buffer.alloc(20 * 1024 * 1024, 0x41) };
    await expectRefused(
      zip(workbookParts(sheetXml([rowXml(1, HEADER), rowXml(2, goodRow())]), [padding])),
      '“xl/media/image1.png”解压后是压缩时的',
    );
  });

  it('a zip that is not a workbook no longer finishes as "done, 0 rows"', async () => {
    await expectRefused(zip([{ name: 'readme.txt', data: Buffer.from('not a workbook') }]), '文件不是有效的 Excel 工作簿（.xlsx）');
  });

  it('a truncated or corrupted workbook, and an empty one', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('居民');
    sheet.addRow(HEADER);
    for (let i = 0; i < 500; i++) sheet.addRow(goodRow());
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    await expectRefused(file.subarray(0, Math.floor(file.length / 2)), '文件不是有效的 Excel 工作簿（.xlsx）：文件不完整'); // was FILE_ENDED
    const zeroed = Buffer.from(file);
    zeroed.fill(0, 40, Math.floor(file.length / 2)); // was 'invalid signature: 0x0'
    await expectRefused(zeroed, /^文件(已损坏|不是有效的 Excel 工作簿)/);
    await expectRefused(zip(workbookParts(sheetXml([]))), '第一个工作表是空的');
  });

  it('whatever exceljs still fails on is reported in Chinese, its English kept for the log', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-unread-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const corrupt = path.join(dir, 'corrupt.xlsx');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]));
    // Past the inspection (as if it had missed something): the reader's own net.
    const read = async () => {
      for await (const _ of readSheetRows({ file: corrupt, sharedStrings: new SharedStringTable() }, RESIDENT_COLUMNS));
    };
    const error = await read().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^文件无法读取，可能已损坏或不是有效的 Excel 工作簿/);
    expect(String((error?.cause as Error)?.message)).toMatch(/[A-Za-z]/);

    const user = await t.db.selectFrom('users').select(['id', 'region_id']).where('role', '=', 'community_staff').executeTakeFirstOrThrow();
    const gone = await createJob(t.db, {
      kind: 'residents',
      fileName: 'gone.xlsx',
      sha256: 'x',
      path: path.join(dir, 'gone.xlsx'),
      userId: user.id,
      regionId: user.region_id,
    });
    const folder = await createJob(t.db, {
      kind: 'residents',
      fileName: 'dir.xlsx',
      sha256: 'x',
      path: dir,
      userId: user.id,
      regionId: user.region_id,
    });
    for (let job = await claimJob(t.db, 0); job; job = await claimJob(t.db, 0))
      await runImportJob(t.db, job, { stopping: () => false, log: (line) => logged.push(line) });
    expect((await jobById(t.db, gone.id))?.failure).toBe('导入文件已丢失，请重新上传');
    const failed = (await jobById(t.db, folder.id))!;
    expect(failed.failure).toMatch(/^导入中断：服务器处理时出错/);
    expect(logged.some((line) => line.startsWith(`import job ${folder.id} failed: IMPORT_FAILED`) && /EISDIR/.test(line))).toBe(true);
  });

  it('refuses at the route an upload over the cap, and an old .xls, keeping nothing of either', async () => {
    const imports = path.join(t.app.config.filesDir, 'imports');
    const before = existsSync(imports) ? readdirSync(imports).sort() : [];
    const big = Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(L.uploadBytes)]);
    const form = multipart('大.xlsx', big);
    const res = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { ...staff, ...form.headers }, payload: form.payload });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringContaining(`导入文件不能超过 ${L.uploadBytes / 1024 / 1024} MB`),
    });
    const xls = multipart('旧.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    const old = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { ...staff, ...xls.headers }, payload: xls.payload });
    expect(old.json()).toMatchObject({ code: 'FILE_TYPE', message: expect.stringContaining('另存为 .xlsx') });
    expect(existsSync(imports) ? readdirSync(imports).sort() : []).toEqual(before);
  });
});
