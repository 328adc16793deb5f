import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildGrid, buildUser, buildVillage, seedTestRegions } from '../../test/factories.js';
import { importAs, rejectedReasonsOf } from './import-runs.js';
import { HOUSE_COLUMNS } from './sheet-columns.js';
import { columnsWorkbook } from './test-workbooks.js';

/**
 * The house sheet takes village houses (docs/decisions/049): a row gives an estate's place
 * (小区 楼栋 单元 房号 楼层) or a village house's (组 门牌号 经度 纬度); one with neither, or
 * both, is refused with its reason and nothing of it is stored. A re-import changes nothing; a
 * moved point is an update.
 */
describe('importing village houses', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let staff: { cookie: string };

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    const village = await buildVillage(t.db, '孝直镇', '小河村');
    await buildGrid(t.db, '小河村', '第一网格');
    staff = await loginAs(t.app, await buildUser(t.db, 'community_staff', village.id));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('serves the house template with the village columns', async () => {
    const res = await t.app.inject({ url: '/api/imports/templates/houses.xlsx', headers: staff });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['镇街*', '社区村*', '小区', '房号', '组/自然村', '门牌号', '经度', '纬度']));
  });

  it('stores village rows by their 门牌 and refuses a row with neither place or both, with the reason', async () => {
    const place = { 镇街: '孝直镇', 社区村: '小河村', 面积: '128', 用途: '自住' };
    const file = await columnsWorkbook(HOUSE_COLUMNS, [
      { ...place, '组/自然村': '3组', 门牌号: '15号', 经度: '116.3912', 纬度: '36.2011', 网格: '第一网格' },
      { ...place, 门牌号: '16号', 经度: '116.3913', 纬度: '36.2012' },
      { ...place },
      { ...place, 小区: '某小区', 门牌号: '17号', 经度: '116.39', 纬度: '36.2' },
      { ...place, 门牌号: '18号' },
      { ...place, 门牌号: '19', 经度: '116.39', 纬度: '36.2' },
    ]);
    const report = await importAs(t, staff, 'houses', file);
    expect(report).toMatchObject({ status: 'done', totalRows: 6, created: 2, rejected: 4 });
    expect(report.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`)).toEqual([
      '4:HOUSE_SHAPE',
      '5:HOUSE_SHAPE',
      '6:REQUIRED',
      '7:DOOR_NUMBER',
    ]);
    const stored = await t.db
      .selectFrom('houses')
      .select(['standard_address', 'unit_id', 'estate_id', 'village_group', 'door_number', 'lon', 'lat', 'grid_id'])
      .where('door_number', 'is not', null)
      .orderBy('id')
      .execute();
    expect(stored).toMatchObject([
      {
        standard_address: '山东省济南市平阴县孝直镇小河村3组15号',
        unit_id: null,
        estate_id: null,
        village_group: '3组',
        lon: 116.3912,
        lat: 36.2011,
      },
      { standard_address: '山东省济南市平阴县孝直镇小河村16号', village_group: null, door_number: '16号', grid_id: null },
    ]);
    const reasons = await rejectedReasonsOf(t, staff, report.id);
    expect(reasons[0]).toBe('门牌号：请填写小区、楼栋、单元、房号和楼层（小区房屋），或门牌号和经纬度（村组门牌房屋）');
    expect(reasons[1]).toBe('门牌号：一行只能是小区房屋（小区、楼栋、单元、房号、楼层）或村组门牌房屋（组、门牌号、经纬度）之一');

    expect(await importAs(t, staff, 'houses', file)).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 4 });
    const moved = await columnsWorkbook(HOUSE_COLUMNS, [{ ...place, 门牌号: '16号', 经度: '116.3920', 纬度: '36.2012' }]);
    expect(await importAs(t, staff, 'houses', moved)).toMatchObject({ created: 0, updated: 1 });
  });
});
