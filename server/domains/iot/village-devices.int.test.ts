import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildStaff, buildVillage, buildVillageHouse, seedCasework } from '../../test/factories.js';
import { alarmWritesRepository } from './alarms.repository.js';
import { pickUpAlarmCases } from './alarm-cases.js';
import { alarmCasePolicy } from './alarm-case-policy.js';
import { readDeviceTypeFile, syncDeviceTypes } from './device-types.js';

/**
 * A smoke detector in a village home (decision 049): a village house has no estate, building or
 * unit, so the device stands at the house's own point and is named by its village, 组 and 门牌号 —
 * in the device list, on its alarm, and on the case the alarm opens, which gets the house's point
 * for its map. Before, such an alarm was named by the device's serial and its case had no point.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let county: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { IOT_SWEEP_SECONDS: '3600' } });
  await seedCasework(t.db);
  await syncDeviceTypes(t.db);
  county = (await loginAs(t.app, await buildStaff(t.db, 'county_admin', '平阴县'))).cookie;
});
afterAll(async () => t?.close());

describe('a device in a village house', () => {
  it('stands at the house, is named by its 门牌, and its alarm opens a case with that place and point', async () => {
    const village = await buildVillage(t.db, '孝直镇', '小河村');
    const house = await buildVillageHouse(t.db, village, { group: '3组', doorNumber: '15号' });
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/iot/devices',
      headers: { cookie: county },
      payload: { serial: 'SD-VILLAGE-1', typeCode: 'smoke_detector', houseId: house.id },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { id } = registered.json();
    const point = await t.db.selectFrom('houses').select(['lon', 'lat']).where('id', '=', house.id).executeTakeFirstOrThrow();
    const device = await t.db.selectFrom('iot_devices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(device).toMatchObject({ estate_id: null, building_id: null, house_id: house.id, lon: point.lon, lat: point.lat });
    const detail = (await t.app.inject({ url: `/api/iot/devices/${id}`, headers: { cookie: county } })).json();
    expect(detail.placeWords).toBe('小河村 · 3组15号');

    await alarmWritesRepository(t.db).insert({
      deviceId: id,
      ruleCode: 'smoke',
      ruleName: '烟雾报警',
      severity: 'critical',
      regionPath: device.region_path,
      estateId: null,
      buildingId: null,
      at: new Date(),
      detail: '烟雾 是',
      value: true,
      readings: { smoke: true },
      snapshotUrl: null,
      flapping: false,
    });
    const alarms = (await t.app.inject({ url: '/api/iot/alarms', headers: { cookie: county } })).json();
    expect(alarms.items.find((a: { deviceSerial: string }) => a.deviceSerial === 'SD-VILLAGE-1')).toMatchObject({
      place: '小河村 · 3组15号',
    });

    const round = await pickUpAlarmCases({
      db: t.app.db,
      casework: t.app.casework,
      policy: alarmCasePolicy(readDeviceTypeFile()),
      now: () => new Date(Date.now() + 1000),
      log: () => {},
    });
    expect(round).toMatchObject({ opened: 1, failed: 0 });
    const opened = await t.db
      .selectFrom('cases')
      .select(['title', 'address', 'lon', 'lat', 'region_path'])
      .where('title', 'like', '烟雾报警%')
      .executeTakeFirstOrThrow();
    expect(opened).toMatchObject({ title: '烟雾报警：小河村 · 3组15号', address: '小河村 · 3组15号', lon: point.lon, lat: point.lat });
    expect(opened.region_path).toBe(house.region_path);
  });
});
