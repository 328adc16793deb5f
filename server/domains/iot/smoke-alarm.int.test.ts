import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { buildTestApp, loginAs } from '../../test/app.js';
import { freePort } from '../../test/free-port.js';
import { buildDevice, buildStaff, seedTestRegions } from '../../test/factories.js';
import { prepareTelemetry } from './telemetry.maintenance.js';

/**
 * Issue 10's contract, end to end on a real broker and database: a smoke detector publishes
 * `smoke: true` at QoS 1, and by the time its PUBACK arrives a critical alarm is in the alarm
 * centre; a second reading milliseconds later makes no second alarm; `smoke: false` clears it;
 * the rule state lives in the database, so a new process goes on where the old one stopped.
 */
describe('a smoke reading to an alarm', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let port: number;
  let client: mqtt.MqttClient;
  let desk: string;
  let device: Awaited<ReturnType<typeof buildDevice>>['device'];

  beforeAll(async () => {
    port = await freePort();
    t = await buildTestApp({ env: { MQTT_PORT: String(port), IOT_BATCH_MS: '5' } });
    await seedTestRegions(t.db);
    await prepareTelemetry(t.db, t.app.config.iot);
    const built = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    device = built.device;
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
      caseId: null,
    });
    const detail = (await t.app.inject({ url: `/api/iot/alarms/${list.items[0].id}`, headers: { cookie: desk } })).json();
    expect(detail.readings).toMatchObject({ smoke: true, battery: 90 });
    expect(detail.detail).toContain('烟雾');
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
  });
});
