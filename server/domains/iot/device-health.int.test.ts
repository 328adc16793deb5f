import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildDevice, buildStaff, seedTestRegions } from '../../test/factories.js';
import { alarmWritesRepository } from './alarms.repository.js';
import { prepareTelemetry } from './telemetry.maintenance.js';

/**
 * 设备健康 through the API on a real database (docs/decisions/032): counts by type and by the
 * area one level down, low batteries, silent and flapping devices, each limited to the viewer's
 * scope; a device's latest values and events, 404 outside the scope.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;
const HOUR = 3_600_000;

async function world() {
  await seedTestRegions(t.db);
  await prepareTelemetry(t.db, t.app.config.iot);
  const online = (await buildDevice(t.db, '锦源社区')).device;
  const lowBattery = (await buildDevice(t.db, '锦源社区')).device;
  const silent = (await buildDevice(t.db, '锦源社区', 'gas_detector')).device;
  const flapping = (await buildDevice(t.db, '锦源社区', 'elevator_monitor')).device;
  const theirs = (await buildDevice(t.db, '锦东社区')).device;
  const now = Date.now();
  const set = (id: number, values: object) => t.db.updateTable('iot_devices').set(values).where('id', '=', id).execute();
  await set(online.id, { online: true, last_seen_at: new Date(now), battery: 90 });
  await set(lowBattery.id, { online: true, last_seen_at: new Date(now), battery: 12 });
  await set(silent.id, { online: false, last_seen_at: new Date(now - 5 * HOUR) });
  await set(theirs.id, { online: false, last_seen_at: new Date(now - 50 * HOUR), battery: 5 });
  const alarms = alarmWritesRepository(t.db);
  for (let i = 0; i < 3; i++) {
    const { id } = await alarms.insert({
      deviceId: flapping.id,
      ruleCode: `trapped_${i}`,
      ruleName: '电梯困人',
      severity: 'critical',
      regionPath: flapping.region_path,
      estateId: flapping.estate_id,
      buildingId: flapping.building_id,
      at: new Date(now - i * HOUR),
      detail: '困人',
      value: true,
      readings: {},
      snapshotUrl: null,
      flapping: i === 0,
    });
    await alarms.update(id, { closed_at: new Date(now), outcome: i < 2 ? 'false_alarm' : 'real' });
  }
  await t.db
    .insertInto('iot_device_state')
    .values({ device_id: silent.id, ts: new Date(now - 5 * HOUR), values: JSON.stringify({ co: 12.5, lel: 0 }) })
    .execute();
  await t.db
    .insertInto('iot_telemetry')
    .values([
      {
        device_id: flapping.id,
        ts: new Date(now - HOUR),
        values: JSON.stringify({ _event: 'fault', _snapshot: 'https://cam.example/1.jpg' }),
      },
      { device_id: flapping.id, ts: new Date(now - 2 * HOUR), values: JSON.stringify({ speed: 1.2 }) },
    ])
    .execute();
  const cookie = async (role: Parameters<typeof buildStaff>[1], region: string) =>
    (await loginAs(t.app, await buildStaff(t.db, role, region))).cookie;
  return {
    online,
    lowBattery,
    silent,
    flapping,
    theirs,
    county: await cookie('county_admin', '平阴县'),
    desk: await cookie('community_staff', '锦源社区'),
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  w = await world();
}, 60_000);
afterAll(async () => t?.close());

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });

describe('设备健康', () => {
  it("counts a community's devices by state, type and grid, and lists what needs a look", async () => {
    const res = await get(w.desk, '/api/iot/health');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.totals).toEqual({ devices: 4, online: 2, offline: 1, neverSeen: 1, maintenance: 0, disabled: 0 });
    expect(report.byType.find((x: { typeCode: string }) => x.typeCode === 'smoke_detector')).toMatchObject({ devices: 2, online: 2 });
    expect(report.byArea.map((a: { devices: number }) => a.devices).reduce((a: number, b: number) => a + b)).toBe(4);
    expect(report.byArea.every((a: { regionName: string }) => a.regionName.length > 0)).toBe(true);
    expect(report.lowBattery.map((d: { serial: string }) => d.serial)).toEqual([w.lowBattery.serial]);
    expect(report.lowBatteryTotal).toBe(1);
    expect(report.silent.map((d: { serial: string }) => d.serial)).toEqual([w.silent.serial]);
    expect(report.flapping).toEqual([
      expect.objectContaining({ serial: w.flapping.serial, raises: 3, flappingAlarms: 1, placeWords: expect.stringContaining('1单元') }),
    ]);
    // Two of the elevator's three closed alarms were 误报.
    expect(report.falseAlarmsByType).toEqual([
      { typeCode: 'elevator_monitor', typeName: expect.any(String), closed: 3, falseAlarms: 2, rate: 2 / 3 },
    ]);
    expect(report.falseAlarmsByDevice).toEqual([expect.objectContaining({ serial: w.flapping.serial, closed: 3, falseAlarms: 2 })]);
    expect(JSON.stringify(report)).not.toContain(w.theirs.serial);
  });

  it('gives the county both communities, by town', async () => {
    const report = (await get(w.county, '/api/iot/health?days=7')).json();
    expect(report.totals.devices).toBeGreaterThanOrEqual(5);
    expect(report.lowBattery[0].serial).toBe(w.theirs.serial);
    expect(report.silent[0].serial).toBe(w.theirs.serial);
    expect(report.byArea.map((a: { regionName: string }) => a.regionName)).toEqual(expect.arrayContaining(['榆山街道']));
  });

  it('refuses a period it cannot count, in Chinese', async () => {
    const res = await get(w.desk, '/api/iot/health?days=0');
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0].message).toBe('统计天数须为 1 到 366 之间的整数');
  });

  it("answers a device's latest values with its type's words, and its events", async () => {
    const latest = (await get(w.desk, `/api/iot/devices/${w.silent.id}/latest`)).json();
    expect(latest.fields.find((f: { key: string }) => f.key === 'co')).toMatchObject({ label: '一氧化碳', unit: 'ppm', value: 12.5 });
    expect(latest.fields.find((f: { key: string }) => f.key === 'valve_closed').value).toBeNull();
    const events = (await get(w.desk, `/api/iot/devices/${w.flapping.id}/events`)).json();
    expect(events.items).toEqual([expect.objectContaining({ type: 'fault', label: '电梯故障', snapshotUrl: 'https://cam.example/1.jpg' })]);
    expect((await get(w.desk, `/api/iot/devices/${w.theirs.id}/latest`)).statusCode).toBe(404);
    expect((await get(w.desk, `/api/iot/devices/${w.theirs.id}/events`)).statusCode).toBe(404);
  });
});
