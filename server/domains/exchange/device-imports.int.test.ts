import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildDevice, buildHouse, buildStaff, seedTestRegions } from '../../test/factories.js';
import { secretMatches } from '../iot/credentials.js';
import { claimJob } from './import-jobs.repository.js';
import { runImportJob } from './import-worker.js';
import { DEVICE_COLUMNS } from './sheet-columns.js';
import { columnsWorkbook } from './test-workbooks.js';

/**
 * Devices imported from Excel (docs/decisions/028) as vehicles and estates are (022): every row
 * checked with its reason, in an estate (or a building) of the importer's scope, a serial of
 * another region refused, a re-import changing nothing — and the credentials of the new devices
 * given once, by a download that issues them, never before and never again.
 */
describe('importing devices', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: { cookie: string };
  let town: { cookie: string };
  let place: { town: string; community: string; estate: string; building: string };
  let foreignSerial: string;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    const house = await buildHouse(t.db, '锦源社区');
    const estate = await t.db.selectFrom('estates').select('name').where('id', '=', house.estateId).executeTakeFirstOrThrow();
    const building = await t.db
      .selectFrom('buildings')
      .innerJoin('building_units', 'building_units.building_id', 'buildings.id')
      .select('buildings.name')
      .where('building_units.id', '=', house.unit_id)
      .executeTakeFirstOrThrow();
    place = { town: '榆山街道', community: '锦源社区', estate: estate.name, building: building.name };
    foreignSerial = (await buildDevice(t.db, '锦东社区')).device.serial;
    admin = await loginAs(t.app, await buildStaff(t.db, 'community_staff', '锦源社区'));
    town = await loginAs(t.app, await buildStaff(t.db, 'town_staff', '榆山街道'));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  /** A row by the template's headers. */
  const row = (serial: string, extra: Record<string, string> = {}) => ({
    设备编号: serial,
    设备类型: '独立式烟感探测器',
    镇街: place.town,
    社区村: place.community,
    小区: place.estate,
    ...extra,
  });

  async function upload(cookie: { cookie: string }, rows: Record<string, string>[]) {
    const form = new FormData();
    form.append('kind', 'devices');
    form.append('file', new Blob([new Uint8Array(await columnsWorkbook(DEVICE_COLUMNS, rows))]), 'devices.xlsx');
    return t.app.inject({ method: 'POST', url: '/api/imports', headers: cookie, payload: form });
  }

  async function imported(rows: Record<string, string>[]) {
    const res = await upload(admin, rows);
    expect(res.statusCode, res.body).toBe(202);
    for (let job = await claimJob(t.db, 0); job; job = await claimJob(t.db, 0)) await runImportJob(t.db, job);
    return (await t.app.inject({ url: `/api/imports/${res.json().id}`, headers: admin })).json();
  }

  const download = (jobId: number) => t.app.inject({ method: 'POST', url: `/api/iot/imports/${jobId}/credentials.xlsx`, headers: admin });

  it('stores the good rows with their place, gives each bad one its reason, and changes nothing the second time', async () => {
    const rows = [
      row('SD-IMP-0001', { 楼栋: place.building, 单元: '1单元', 楼层: '3' }),
      row('SD-IMP-0002', { 设备类型: 'gas_detector', 名称: '锅炉房燃气', 视频流地址: 'rtsp://10.0.0.9/live' }),
      row(foreignSerial),
      row('SD-IMP-0003', { 设备类型: '不存在的类型' }),
      row('SD-IMP-0004', { 小区: '没有这个小区' }),
      row('SD-IMP-0005', { 楼栋: '99号楼' }),
      row('x', { 楼层: '3.5', 抓拍图片地址: 'javascript:alert(1)' }),
    ];
    const job = await imported(rows);
    expect(job).toMatchObject({ status: 'done', created: 2, rejected: 5 });
    expect(job.errors.map((e: { code: string }) => e.code)).toEqual([
      'SERIAL_ELSEWHERE',
      'DEVICE_TYPE_UNKNOWN',
      'ESTATE_NOT_FOUND',
      'BUILDING_NOT_FOUND',
      'SERIAL_INVALID',
      'NUMBER',
      'URL_INVALID',
    ]);
    const stored = await t.db
      .selectFrom('iot_devices')
      .selectAll()
      .where('serial', 'in', ['SD-IMP-0001', 'SD-IMP-0002'])
      .orderBy('serial')
      .execute();
    expect(stored[0]).toMatchObject({
      type_code: 'smoke_detector',
      floor: 3,
      unit_name: '1单元',
      credentials_pending: true,
      import_job_id: job.id,
    });
    expect(stored[0].building_id).not.toBeNull();
    expect(stored[1]).toMatchObject({
      type_code: 'gas_detector',
      name: '锅炉房燃气',
      building_id: null,
      stream_url: 'rtsp://10.0.0.9/live',
    });
    expect(await imported(rows.slice(0, 2))).toMatchObject({ created: 0, unchanged: 2 });
  });

  it('gives the credentials of the new devices once, issuing them then: they match, and a second download is 410', async () => {
    const job = await imported([row('SD-IMP-0101'), row('SD-IMP-0102')]);
    const before = await t.db.selectFrom('iot_devices').select(['serial', 'secret_sha256']).where('import_job_id', '=', job.id).execute();
    const res = await download(job.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['设备编号', 'MQTT 用户名', 'MQTT 密钥', 'HTTP 令牌']);
    const after = await t.db
      .selectFrom('iot_devices')
      .select(['serial', 'secret_sha256', 'mqtt_username', 'credentials_pending'])
      .where('import_job_id', '=', job.id)
      .orderBy('serial')
      .execute();
    for (const [i, device] of after.entries()) {
      const cells = (sheet.getRow(i + 2).values as string[]).slice(1);
      expect(cells[0]).toBe(device.serial);
      expect(cells[1]).toBe(device.mqtt_username);
      expect(secretMatches(cells[2], device.secret_sha256)).toBe(true);
      expect(device.credentials_pending).toBe(false);
      // The hash stored at import belonged to a secret nobody was told.
      expect(before.find((b) => b.serial === device.serial)!.secret_sha256).not.toBe(device.secret_sha256);
    }
    const again = await download(job.id);
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('CREDENTIALS_GONE');
  });

  it('is offered for a short while only, and only to those who manage devices', async () => {
    const job = await imported([row('SD-IMP-0201')]);
    await t.db
      .updateTable('iot_devices')
      .set({ created_at: new Date(Date.now() - 31 * 60_000) })
      .where('import_job_id', '=', job.id)
      .execute();
    expect((await download(job.id)).statusCode).toBe(410);
    expect((await upload(town, [row('SD-IMP-0301')])).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/iot/imports/${job.id}/credentials.xlsx`, headers: town })).statusCode).toBe(
      403,
    );
  });
});
