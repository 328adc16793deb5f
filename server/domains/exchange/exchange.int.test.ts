import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildUser, makeIdCard, regionByName, seedTestRegions } from '../../test/factories.js';
import { manualClock } from '../../platform/clock.js';
import { claimJob, createJob, jobById } from './import-jobs.repository.js';
import { runImportJob } from './import-worker.js';
import { RESIDENT_COLUMNS } from './sheet-columns.js';
import { columnsWorkbook } from './test-workbooks.js';

const residentsWorkbook = (rows: Record<string, string>[]) => columnsWorkbook(RESIDENT_COLUMNS, rows);

function multipart(kind: string, fileName: string, content: Buffer) {
  const boundary = '----civicgrid-test';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('exchange: Excel import and export', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let staff: { cookie: string };
  let staffUser: string;
  let house: Awaited<ReturnType<typeof buildHouse>>;
  let foreignHouse: Awaited<ReturnType<typeof buildHouse>>;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    house = await buildHouse(t.db, '锦源社区');
    foreignHouse = await buildHouse(t.db, '锦东社区');
    staffUser = await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id);
    staff = await loginAs(t.app, staffUser);
  });
  afterAll(async () => {
    await t?.close();
  });

  const runQueued = async () => {
    for (let job = await claimJob(t.db, 0); job; job = await claimJob(t.db, 0)) await runImportJob(t.db, job);
  };

  it('serves a template whose header the importer accepts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/imports/templates/residents.xlsx', headers: staff });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['居民', '填写说明']);
    expect(wb.worksheets[0].getRow(1).getCell(2).value).toBe('身份证号*');
  });

  it('stores good rows, reports each bad row with its reason, and changes nothing on re-import', async () => {
    const good1 = makeIdCard('19700101'),
      good2 = makeIdCard('20010909', 'female');
    const file = await residentsWorkbook([
      {
        姓名: '孙立',
        身份证号: good1,
        联系电话: '13812345678',
        人口类型: '户籍',
        房屋标准地址: house.standard_address,
        户号: 'H-T-1',
        与户主关系: '本人',
        标签: '党员、退役军人',
      },
      { 姓名: '孙小红', 身份证号: good2, 人口类型: '户籍', 房屋标准地址: house.standard_address, 户号: 'H-T-1', 与户主关系: '子女' },
      {
        姓名: '错号',
        身份证号: good1.slice(0, 17) + (good1[17] === '1' ? '2' : '1'),
        人口类型: '户籍',
        房屋标准地址: house.standard_address,
      },
      { 姓名: '外区', 身份证号: makeIdCard('19660606'), 人口类型: '流动', 房屋标准地址: foreignHouse.standard_address },
      { 姓名: '', 身份证号: makeIdCard('19770707'), 人口类型: '暂住', 房屋标准地址: house.standard_address, 标签: '富豪' },
      { 姓名: '孙立', 身份证号: good1, 人口类型: '户籍', 房屋标准地址: house.standard_address },
    ]);
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...staff, ...multipart('residents', '居民.xlsx', file).headers },
      payload: multipart('residents', '居民.xlsx', file).payload,
    });
    expect(upload.statusCode).toBe(202);
    await runQueued();
    const report = (await t.app.inject({ method: 'GET', url: `/api/imports/${upload.json().id}`, headers: staff })).json();
    expect(report).toMatchObject({ status: 'done', totalRows: 6, processed: 6, created: 2, updated: 0, unchanged: 0, rejected: 4 });
    const byRow = (row: number) => report.errors.filter((e: { row: number }) => e.row === row).map((e: { code: string }) => e.code);
    expect(byRow(4)).toEqual(['ID_CARD_CHECK_DIGIT']);
    expect(byRow(5)).toEqual(['HOUSE_NOT_FOUND']);
    expect(byRow(6).sort()).toEqual(['ENUM', 'ENUM', 'REQUIRED']);
    expect(byRow(7)).toEqual(['DUPLICATE_IN_FILE']);

    const household = await t.db.selectFrom('households').selectAll().where('household_no', '=', 'H-T-1').executeTakeFirstOrThrow();
    const sun = await t.db.selectFrom('residents').selectAll().where('id_card', '=', good1).executeTakeFirstOrThrow();
    expect(household.householder_id).toBe(sun.id);
    expect(sun.tags.sort()).toEqual(['party_member', 'veteran']);

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...staff, ...multipart('residents', '居民.xlsx', file).headers },
      payload: multipart('residents', '居民.xlsx', file).payload,
    });
    await runQueued();
    const second = (await t.app.inject({ method: 'GET', url: `/api/imports/${again.json().id}`, headers: staff })).json();
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 4 });
    expect(
      (
        await t.db
          .selectFrom('residents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('id_card', 'in', [good1, good2])
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(2);
  });

  it("takes a move-in on today's date in Pingyin, before 08:00 as after (not yesterday's, UTC's)", async () => {
    const idCard = makeIdCard('19850505');
    const file = await residentsWorkbook([
      { 姓名: '周今', 身份证号: idCard, 人口类型: '常住', 房屋标准地址: house.standard_address, 迁入日期: '2026-12-05' },
    ]);
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...staff, ...multipart('residents', '居民.xlsx', file).headers },
      payload: multipart('residents', '居民.xlsx', file).payload,
    });
    // 07:30 on 5 December in Pingyin is still the 4th in UTC.
    await runImportJob(t.db, (await claimJob(t.db, 0))!, { stopping: () => false, clock: manualClock('2026-12-04T23:30:00Z') });
    const report = (await t.app.inject({ method: 'GET', url: `/api/imports/${upload.json().id}`, headers: staff })).json();
    expect(report).toMatchObject({ status: 'done', created: 1, rejected: 0, errors: [] });
    expect(
      (await t.db.selectFrom('residents').select('moved_in_on').where('id_card', '=', idCard).executeTakeFirstOrThrow()).moved_in_on,
    ).toBe('2026-12-05');
  });

  it('refuses a file that is not .xlsx', async () => {
    const fake = multipart('residents', 'list.csv', Buffer.from('姓名,身份证号\n'));
    const res = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { ...staff, ...fake.headers }, payload: fake.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_TYPE');
  });

  it('resumes an interrupted import without losing or doubling rows', async () => {
    const rows = Array.from({ length: 2300 }, (_, i) => ({
      姓名: `批量${i}`,
      身份证号: makeIdCard(`19${String(50 + (i % 40)).padStart(2, '0')}0${1 + (i % 9)}1${i % 10}`),
      人口类型: '常住',
      房屋标准地址: house.standard_address,
    }));
    const unique = new Set(rows.map((r) => r.身份证号)).size;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-import-'));
    const file = path.join(dir, 'big.xlsx');
    writeFileSync(file, await residentsWorkbook(rows));
    const user = await t.db.selectFrom('users').select(['id', 'region_id']).where('username', '=', staffUser).executeTakeFirstOrThrow();
    const { id } = await createJob(t.db, {
      kind: 'residents',
      fileName: 'big.xlsx',
      sha256: 'x',
      path: file,
      userId: user.id,
      regionId: user.region_id,
    });
    // First run stops after its first batch, as a server does on SIGTERM.
    await runImportJob(t.db, (await claimJob(t.db, 0))!, { stopping: () => true });
    const partial = (await jobById(t.db, id))!;
    expect(partial).toMatchObject({ status: 'running', processed: 1000 });
    await runImportJob(t.db, (await claimJob(t.db, 0))!);
    const done = (await jobById(t.db, id))!;
    expect(done).toMatchObject({ status: 'done', processed: 2300, created: unique, rejected: 2300 - unique });
    const stored = await t.db
      .selectFrom('residents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', 'like', '批量%')
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(unique);
  });

  it('exports with masking for the county administrator and within scope', async () => {
    const admin = await loginAs(t.app, await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id));
    const res = await t.app.inject({ method: 'GET', url: '/api/exports/residents.xlsx?q=孙立', headers: admin });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    expect(String(sheet.getRow(2).getCell(5).value)).toMatch(/^370124\*{8}\d{3}[\dX]$/);
    expect(String(sheet.getRow(2).getCell(6).value)).toBe('138****5678');
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'export_residents').execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});
