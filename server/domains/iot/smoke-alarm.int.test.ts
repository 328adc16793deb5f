import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { buildTestApp, loginAs } from '../../test/app.js';
import { freePort } from '../../test/free-port.js';
import { buildDevice, buildStaff, buildUser, regionByName, seedCasework } from '../../test/factories.js';
import { prepareTelemetry } from './telemetry.maintenance.js';

/**
 * Issue 10's contract, end to end on a real broker and database: a smoke detector publishes
 * `smoke: true` at QoS 1, and by the time its PUBACK arrives a critical alarm is in the alarm
 * centre; a second reading milliseconds later makes no second alarm; `smoke: false` clears it;
 * the rule state lives in the database, so a new process goes on where the old one stopped. The
 * alarm opens its case (docs/decisions/030): dispatched at once to the building's grid with the
 * nearest camera's snapshot and the readings, the estate's property company told, the case and
 * the alarm linked both ways, the clear noted on the case.
 */
describe('a smoke reading to an alarm', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let port: number;
  let client: mqtt.MqttClient;
  let desk: string;
  let property: string;
  let gridWorker: string;
  let device: Awaited<ReturnType<typeof buildDevice>>['device'];
  let house: Awaited<ReturnType<typeof buildDevice>>['house'];
  let alarmId: number;

  beforeAll(async () => {
    port = await freePort();
    t = await buildTestApp({ env: { MQTT_PORT: String(port), IOT_BATCH_MS: '5' } });
    await seedCasework(t.db);
    await prepareTelemetry(t.db, t.app.config.iot);
    const built = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    device = built.device;
    house = built.house;
    // The stairwell camera of the same building: the detector's case shows what it sees.
    await t.db
      .insertInto('iot_devices')
      .values({
        ...(({ id: _id, created_at: _c, updated_at: _u, ...rest }) => rest)(device),
        serial: `${device.serial}-CAM`,
        type_code: 'throw_camera',
        name: '3号楼楼道摄像机',
        mqtt_username: `${device.mqtt_username}-cam`,
        snapshot_url: '/demo/camera-snapshot.svg',
      })
      .execute();
    const { id: companyId } = await t.db
      .insertInto('property_companies')
      .values({ name: '锦源物业服务有限公司' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('estates').set({ property_company_id: companyId }).where('id', '=', device.estate_id!).execute();
    property = await buildUser(t.db, 'property_staff', (await regionByName(t.db, '锦源社区')).id, { propertyCompanyId: companyId });
    gridWorker = (await loginAs(t.app, await buildUser(t.db, 'grid_worker', house.grid_id!))).cookie;
    client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
      username: built.credentials.username,
      password: built.credentials.password,
      reconnectPeriod: 0,
    });
    desk = (await loginAs(t.app, await buildStaff(t.db, 'community_staff', '锦源社区'))).cookie;
  });
  afterAll(async () => {
    await client?.endAsync(true);
    await t?.close();
  });

  const publish = (msgId: string, ts: number, values: Record<string, unknown>) =>
    client.publishAsync(`civicgrid/v1/${device.serial}/telemetry`, JSON.stringify({ ts: new Date(ts).toISOString(), msgId, values }), {
      qos: 1,
    });
  const active = async () => (await t.app.inject({ url: '/api/iot/alarms?status=active', headers: { cookie: desk } })).json();

  it('raises a critical alarm at once, and only one for two readings milliseconds apart', async () => {
    const t0 = Date.now() - 60_000;
    await publish('a', t0, { smoke: false, battery: 90 });
    expect((await active()).total).toBe(0);
    await Promise.all([publish('b', t0 + 1000, { smoke: true, battery: 90 }), publish('c', t0 + 1002, { smoke: true, battery: 90 })]);
    const list = await active();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      deviceId: device.id,
      type: 'smoke',
      severity: 'critical',
      status: 'active_unacknowledged',
    });
    alarmId = list.items[0].id;
    const detail = (await t.app.inject({ url: `/api/iot/alarms/${list.items[0].id}`, headers: { cookie: desk } })).json();
    expect(detail.readings).toMatchObject({ smoke: true, battery: 90 });
    expect(detail.detail).toContain('烟雾');
  });

  it('opens its case at once: dispatched to the building’s grid with the camera’s snapshot and the readings, linked both ways', async () => {
    const alarm = async () => (await t.app.inject({ url: `/api/iot/alarms/${alarmId}`, headers: { cookie: desk } })).json();
    await expect.poll(async () => (await alarm()).caseId, { timeout: 5000 }).not.toBeNull();
    const { caseId, caseNumber, events } = await alarm();
    expect(events.map((e: { action: string }) => e.action)).toEqual(['raise', 'case']);
    expect(events[1].note).toMatch(/^已生成案件 \S+，派遣至 .+；同时通知小区物业“锦源物业服务有限公司”（1 个账号）$/);
    // The grid worker of the building's grid has it in hand, as the engine dispatches to a grid.
    const c = (await t.app.inject({ url: `/api/cases/${caseId}`, headers: { cookie: gridWorker } })).json();
    expect(c).toMatchObject({ status: 'dispatched', caseType: 'iot_alarm', categoryName: '火情/烟感报警', urgent: true, source: 'iot' });
    expect(c.regionId).toBe(house.grid_id);
    // The alarm names its case as people know it, by number.
    expect(caseNumber).toBe(c.number);
    expect(c.description).toContain('告警时读数：烟雾：是；电量：90%');
    expect(c.photos).toEqual([expect.objectContaining({ mediaUrl: '/demo/camera-snapshot.svg' })]);
    expect(c.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['accept', 'register', 'dispatch', 'iot_notify_property']),
    );
    expect((await t.app.inject({ url: `/api/iot/alarms?caseId=${caseId}&status=all`, headers: { cookie: desk } })).json().items).toEqual([
      expect.objectContaining({ id: alarmId, caseId }),
    ]);
    const inbox = (
      await t.app.inject({ url: '/api/me/notifications', headers: { cookie: (await loginAs(t.app, property)).cookie } })
    ).json();
    expect(inbox.items[0]).toMatchObject({ title: expect.stringContaining('烟雾报警') });
  });

  it('keeps the rule state in the database, and clears the alarm when the smoke is gone', async () => {
    const state = await t.db
      .selectFrom('iot_device_state')
      .select('rule_state')
      .where('device_id', '=', device.id)
      .executeTakeFirstOrThrow();
    expect(Object.keys(state.rule_state)).toEqual(expect.arrayContaining(['smoke', 'battery_low', 'tamper']));
    await publish('d', Date.now() - 30_000, { smoke: false, battery: 90 });
    expect((await active()).total).toBe(0);
    const all = (await t.app.inject({ url: `/api/iot/alarms?deviceId=${device.id}&status=all`, headers: { cookie: desk } })).json();
    expect(all.items).toHaveLength(1);
    expect(all.items[0]).toMatchObject({ status: 'cleared', conditionActive: false, awaitsAcknowledgement: true });
    const lines = async () =>
      (await t.app.inject({ url: `/api/cases/${all.items[0].caseId}`, headers: { cookie: desk } }))
        .json()
        .events.map((e: { note: string | null }) => e.note);
    await expect.poll(lines, { timeout: 5000 }).toContain('烟雾报警告警已解除（条件恢复，自动解除）');
  });
});
