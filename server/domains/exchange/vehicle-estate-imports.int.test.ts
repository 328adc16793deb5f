import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildResident, buildUser, regionByName, seedTestRegions } from '../../test/factories.js';
import { importAs, rejectedReasonsOf } from './import-runs.js';
import { ESTATE_COLUMNS, VEHICLE_COLUMNS } from './sheet-columns.js';
import { columnsWorkbook } from './test-workbooks.js';

/**
 * Vehicles and estates imported from Excel (docs/decisions/022) as residents and houses are:
 * a template, every row checked with its reason in Chinese, every row in the importer's scope
 * (a car parked in or owned from another community, a plate registered there, an estate of
 * another community: rejected, not moved), a re-import changing nothing, and the rejected rows
 * given back as a workbook.
 */
describe('importing vehicles and estates', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let staff: { cookie: string };
  let house: Awaited<ReturnType<typeof buildHouse>>;
  let owner: { id: number; id_card: string };
  let foreignOwner: { id_card: string };
  let estateName: string;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    house = await buildHouse(t.db, '锦源社区');
    owner = await buildResident(t.db, house);
    const foreignHouse = await buildHouse(t.db, '锦东社区');
    foreignOwner = await buildResident(t.db, foreignHouse);
    await t.db
      .insertInto('vehicles')
      .values({ plate: '鲁A9W001', vehicle_type: 'car', estate_id: foreignHouse.estateId, region_path: foreignHouse.region_path })
      .execute();
    await t.db.insertInto('property_companies').values({ name: '平阴测试物业服务有限公司' }).execute();
    estateName = (await t.db.selectFrom('estates').select('name').where('id', '=', house.estateId).executeTakeFirstOrThrow()).name;
    staff = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Uploads a workbook as 锦源社区's staff and runs the import to its end; answers the job's report. */
  const imported = (kind: 'vehicles' | 'estates', file: Buffer) => importAs(t, staff, kind, file);
  const rejectedReasons = (jobId: number) => rejectedReasonsOf(t, staff, jobId);

  it('serves both templates with the columns the importer reads', async () => {
    for (const [kind, sheet, first] of [
      ['vehicles', '车辆', '号牌*'],
      ['estates', '小区', '镇街*'],
    ]) {
      const res = await t.app.inject({ url: `/api/imports/templates/${kind}.xlsx`, headers: staff });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent(`${sheet}导入模板.xlsx`));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((s) => s.name)).toEqual([sheet, '填写说明']);
      expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe(first);
    }
  });

  it('imports estates with their point, rejects every bad row with its reason, and changes nothing again', async () => {
    const place = { 镇街: '榆山街道', 社区村: '锦源社区' };
    const file = await columnsWorkbook(ESTATE_COLUMNS, [
      {
        ...place,
        小区名称: '导入花园',
        地址: '榆山路18号',
        建成年份: '2012',
        物业公司: '平阴测试物业服务有限公司',
        经度: '116.4512',
        纬度: '36.2861',
      },
      { ...place, 小区名称: '无点小区', 地址: '榆山路20号' },
      { ...place, 小区名称: '', 地址: '榆山路22号' },
      { ...place, 小区名称: '半点小区', 地址: '路', 经度: '116.45' },
      { ...place, 小区名称: '远方小区', 地址: '路', 经度: '16.45', 纬度: '36.28' },
      { ...place, 小区名称: '无名物业小区', 地址: '路', 物业公司: '不存在物业' },
      { 镇街: '榆山街道', 社区村: '锦东社区', 小区名称: '越界小区', 地址: '路' },
      { ...place, 小区名称: '导入花园', 地址: '重复行' },
    ]);
    const report = await imported('estates', file);
    expect(report).toMatchObject({ kind: 'estates', status: 'done', totalRows: 8, created: 2, rejected: 6 });
    expect(report.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      '小区名称:REQUIRED',
      '纬度:POINT_HALF',
      '经度:COORDINATE',
      '物业公司:PROPERTY_COMPANY_NOT_FOUND',
      '社区村:COMMUNITY_NOT_FOUND',
      '小区名称:DUPLICATE_IN_FILE',
    ]);
    const stored = await t.db.selectFrom('estates').selectAll().where('name', '=', '导入花园').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ address: '榆山路18号', built_year: 2012, lon: 116.4512, lat: 36.2861 });
    expect(await t.db.selectFrom('estates').select('id').where('name', '=', '越界小区').execute()).toEqual([]);

    expect(await imported('estates', file)).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 6 });
    const reasons = await rejectedReasons(report.id);
    expect(reasons).toHaveLength(6);
    expect(reasons[1]).toBe('纬度：经度和纬度须同时填写或同时留空');
  });

  it('imports vehicles by their estate or owner in scope, and refuses plates, owners and estates of another region', async () => {
    const estate = { 镇街: '榆山街道', 社区村: '锦源社区', 小区: estateName };
    const file = await columnsWorkbook(VEHICLE_COLUMNS, [
      { 号牌: '鲁a·6x001', 车辆类型: '小型轿车', 品牌: '大众', ...estate, 车位: 'B-1' },
      { 号牌: '鲁A6X002', 车辆类型: '电动汽车', 车主身份证号: owner.id_card },
      { 号牌: 'A12', 车辆类型: '飞机' },
      { 号牌: '鲁A6X004', 车辆类型: 'SUV', 车主身份证号: foreignOwner.id_card },
      { 号牌: '鲁A6X005', 车辆类型: 'SUV', 镇街: '榆山街道', 社区村: '锦东社区', 小区: '某小区' },
      { 号牌: '鲁A9W001', 车辆类型: 'SUV', ...estate },
      { 号牌: '鲁A6X007', 车辆类型: '货车', 小区: estateName },
    ]);
    const report = await imported('vehicles', file);
    expect(report).toMatchObject({ kind: 'vehicles', status: 'done', totalRows: 7, created: 2, rejected: 5 });
    expect(report.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`)).toEqual([
      '4:PLATE_INVALID',
      '4:ENUM',
      '4:PLACE_REQUIRED',
      '5:OWNER_NOT_FOUND',
      '6:ESTATE_NOT_FOUND',
      '7:PLATE_ELSEWHERE',
      '8:ESTATE_INCOMPLETE',
    ]);
    const cars = await t.db.selectFrom('vehicles').selectAll().where('plate', 'in', ['鲁A6X001', '鲁A6X002']).orderBy('plate').execute();
    expect(cars).toMatchObject([
      { plate: '鲁A6X001', vehicle_type: 'car', estate_id: house.estateId, parking_space: 'B-1', owner_id: null },
      { plate: '鲁A6X002', vehicle_type: 'ev', owner_id: owner.id, estate_id: null, region_path: house.region_path },
    ]);
    const foreign = await t.db.selectFrom('vehicles').selectAll().where('plate', '=', '鲁A9W001').executeTakeFirstOrThrow();
    expect(foreign.region_path).not.toBe(house.region_path);

    expect(await imported('vehicles', file)).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 5 });
    const reasons = await rejectedReasons(report.id);
    expect(reasons).toHaveLength(5);
    expect(reasons[0]).toContain('号牌：号牌格式不正确');
  });
});
