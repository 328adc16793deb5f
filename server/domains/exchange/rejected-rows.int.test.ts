import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildUser, makeIdCard, regionByName, seedTestRegions } from '../../test/factories.js';
import { maskIdCard } from '../../../common/mask.js';
import { claimJob } from './import-jobs.repository.js';
import { runImportJob } from './import-worker.js';
import { REASON_HEADER, ROW_HEADER } from './rejected-rows.js';
import { RESIDENT_COLUMNS } from './sheet-columns.js';
import { columnsWorkbook } from './test-workbooks.js';

/**
 * 下载被拒绝的行: the rejected rows of an import come back as a workbook with the cells as typed
 * and a reason each; corrected, the same file imports. Numbers are masked for a role that sees
 * them masked elsewhere, and the download is in the audit log.
 */
describe('exchange: the rejected rows of an import, downloadable and re-importable', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let staff: { cookie: string };
  let countyAdmin: { cookie: string };
  let address: string;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    address = (await buildHouse(t.db, '锦源社区')).standard_address;
    staff = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id));
    countyAdmin = await loginAs(t.app, await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Uploads a workbook as 锦源社区's staff and runs the import to its end; answers the job's report. */
  async function imported(file: Buffer, name: string) {
    const form = new FormData();
    form.append('kind', 'residents');
    form.append('file', new Blob([new Uint8Array(file)]), name);
    const upload = await t.app.inject({ method: 'POST', url: '/api/imports', headers: staff, payload: form });
    expect(upload.statusCode, upload.body).toBe(202);
    for (let job = await claimJob(t.db, 0); job; job = await claimJob(t.db, 0)) await runImportJob(t.db, job);
    return (await t.app.inject({ url: `/api/imports/${upload.json().id}`, headers: staff })).json();
  }

  /** A residents workbook with the template's header and these rows (by header). */
  const residentsFile = (rows: Record<string, string>[]) => columnsWorkbook(RESIDENT_COLUMNS, rows);

  const download = (id: number, who: { cookie: string }) => t.app.inject({ url: `/api/imports/${id}/rejected.xlsx`, headers: who });

  async function sheetOf(payload: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(payload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Record<string, string>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h.replace('*', ''), String(row.getCell(i + 1).value ?? '')])));
    });
    return { wb, sheet, header, rows };
  }

  it('gives back the rejected rows as typed with their reasons, and the corrected file imports', async () => {
    const good = makeIdCard('19700101');
    const typo = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const file = await residentsFile([
      { 姓名: '周好', 身份证号: makeIdCard('19800202'), 人口类型: '户籍', 房屋标准地址: address },
      { 姓名: '周错号', 身份证号: typo, 联系电话: '13912345678', 人口类型: '户籍', 房屋标准地址: address },
      { 姓名: '周类型', 身份证号: makeIdCard('19900303', 'female'), 人口类型: '暂住', 房屋标准地址: address },
    ]);
    const first = await imported(file, '锦源居民.xlsx');
    expect(first).toMatchObject({ status: 'done', created: 1, rejected: 2 });

    const res = await download(first.id, staff);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('锦源居民-被拒绝的行.xlsx'));
    const { wb, header, rows } = await sheetOf(res.rawPayload);
    expect(header.slice(-2)).toEqual([ROW_HEADER, REASON_HEADER]);
    expect(rows.map((r) => [r['姓名'], r['身份证号'], r[ROW_HEADER]])).toEqual([
      ['周错号', typo, '3'],
      ['周类型', expect.any(String), '4'],
    ]);
    expect(rows[0]['联系电话']).toBe('13912345678');
    expect(rows[0][REASON_HEADER]).toMatch(/^身份证号：/);
    expect(rows[1][REASON_HEADER]).toMatch(/^人口类型：/);

    // Corrected in place, the same file goes back in: the two rows are created, nothing is rejected.
    const sheet = wb.worksheets[0];
    const column = (name: string) => header.findIndex((h) => h.replace('*', '') === name) + 1;
    sheet.getRow(2).getCell(column('身份证号')).value = good;
    sheet.getRow(3).getCell(column('人口类型')).value = '流动';
    const second = await imported(Buffer.from(await wb.xlsx.writeBuffer()), '锦源居民-被拒绝的行.xlsx');
    expect(second).toMatchObject({ status: 'done', created: 2, rejected: 0 });

    const lines = await t.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'export_import_rejects').execute();
    expect(lines).toEqual([{ action: 'export_import_rejects', detail: { rows: 2 } }]);
  });

  it('masks the numbers for a role that sees them masked, and says so', async () => {
    const typo = makeIdCard('19750505').slice(0, 17) + 'Y';
    const job = await imported(
      await residentsFile([{ 姓名: '吴某', 身份证号: typo, 人口类型: '户籍', 房屋标准地址: address }]),
      '县里看.xlsx',
    );
    const { rows, wb: got } = await sheetOf((await download(job.id, countyAdmin)).rawPayload);
    expect(rows[0]['身份证号']).toBe(maskIdCard(typo));
    expect(JSON.stringify(got.worksheets[1].getSheetValues())).toContain('已脱敏');
  });

  it('answers 409 for an import without rejected rows, and 404 for one outside the region', async () => {
    const file = await residentsFile([{ 姓名: '郑全对', 身份证号: makeIdCard('19850505'), 人口类型: '户籍', 房屋标准地址: address }]);
    const clean = await imported(file, '全对.xlsx');
    const none = await download(clean.id, staff);
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('NO_REJECTED_ROWS');
    const neighbour = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦东社区')).id));
    expect((await download(clean.id, neighbour)).statusCode).toBe(404);
  });
});
