import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { buildTestApp, loginAs } from '../../test/app.js';
import { freePort } from '../../test/free-port.js';
import { buildDevice, buildStaff, buildUser, regionByName, seedCasework } from '../../test/factories.js';
import { listening, openAdmitted, type EventStreamClient } from '../../test/sse-client.js';
import type { LiveEvent } from '../../../common/contracts/events.js';
import { prepareTelemetry } from './telemetry.maintenance.js';

/**
 * Alarms on the live stream, over a real broker and a real socket: a smoke detector publishing
 * `smoke: true` reaches the alarm centres of its community, of the county and of its estate's
 * property company, and no one else's; so does the case the outbox opens for it; the desk's
 * acknowledge, clear and close reach them too.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let base: string;
let client: mqtt.MqttClient;
let device: Awaited<ReturnType<typeof buildDevice>>['device'];
const cookies: Record<string, string> = {};
const streams: EventStreamClient[] = [];

beforeAll(async () => {
  const port = await freePort();
  t = await buildTestApp({ env: { MQTT_PORT: String(port), IOT_BATCH_MS: '5' } });
  await seedCasework(t.db); // regions, and the case catalogue the alarm's case is opened in
  await prepareTelemetry(t.db, t.app.config.iot);
  const built = await buildDevice(t.db, '锦源社区', 'smoke_detector');
  device = built.device;
  const other = await buildDevice(t.db, '锦源社区', 'smoke_detector');
  const company = async (name: string, estateId: number) => {
    const { id } = await t.db.insertInto('property_companies').values({ name }).returning('id').executeTakeFirstOrThrow();
    await t.db.updateTable('estates').set({ property_company_id: id }).where('id', '=', estateId).execute();
    return id;
  };
  const jinyuan = await regionByName(t.db, '锦源社区');
  const users = {
    desk: await buildStaff(t.db, 'community_staff', '锦源社区'),
    leader: await buildStaff(t.db, 'leader', '平阴县'),
    countyAdmin: await buildStaff(t.db, 'county_admin', '平阴县'),
    otherDesk: await buildStaff(t.db, 'community_staff', '锦东社区'),
    property: await buildUser(t.db, 'property_staff', jinyuan.id, { propertyCompanyId: await company('锦源物业', device.estate_id!) }),
    otherProperty: await buildUser(t.db, 'property_staff', jinyuan.id, {
      propertyCompanyId: await company('别家物业', other.device.estate_id!),
    }),
    resident: await buildStaff(t.db, 'resident', '锦源社区'),
  };
  for (const [who, username] of Object.entries(users)) cookies[who] = (await loginAs(t.app, username)).cookie;
  client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
    username: built.credentials.username,
    password: built.credentials.password,
    reconnectPeriod: 0,
  });
  base = await listening(t.app);
});
afterAll(async () => {
  streams.forEach((s) => s.close());
  await client?.endAsync(true);
  await t?.close();
});

const open = async (who: string) => {
  const stream = await openAdmitted(base, cookies[who]);
  streams.push(stream);
  return stream;
};
const publish = (msgId: string, values: Record<string, unknown>) =>
  client.publishAsync(`civicgrid/v1/${device.serial}/telemetry`, JSON.stringify({ msgId, values }), { qos: 1 });
const ofType = (type: LiveEvent['type']) => (m: { data: string; event: string }) =>
  m.event === 'message' && JSON.parse(m.data).type === type;
const alarmsHeard = (s: EventStreamClient) => s.events().filter((e) => e.type.startsWith('alarm.'));
/** Lets events that would arrive arrive, before saying one did not. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('alarms on the live stream', () => {
  let alarmId: number;

  it('tells the community, the county and the estate’s property company of a smoke alarm the moment it is raised; no one else', async () => {
    const [desk, leader, property, otherDesk, otherProperty, resident] = await Promise.all(
      ['desk', 'leader', 'property', 'otherDesk', 'otherProperty', 'resident'].map(open),
    );
    const countyAdmin = await open('countyAdmin');
    await publish('s1', { smoke: true, battery: 88 });
    const raised = JSON.parse((await desk.next(ofType('alarm.raised'), 5000)).data);
    expect(raised.data).toMatchObject({ deviceId: device.id, severity: 'critical', incidentAlarmCount: 1, flapping: false });
    expect(raised.data.incidentId).toEqual(expect.any(Number));
    alarmId = raised.data.alarmId;
    await leader.next(ofType('alarm.raised'));
    await property.next(ofType('alarm.raised'));
    // The outbox opens the fire's case moments later: the control room hears of it without a reload (decision 039).
    const opened = JSON.parse((await countyAdmin.next(ofType('alarm.case_opened'), 10_000)).data).data;
    const linked = await t.db.selectFrom('iot_alarms').select('case_id').where('id', '=', alarmId).executeTakeFirstOrThrow();
    const number = await t.db.selectFrom('cases').select('number').where('id', '=', linked.case_id!).executeTakeFirstOrThrow();
    expect(opened).toEqual({ alarmId, caseId: linked.case_id, caseNumber: number.number, incidentId: raised.data.incidentId });
    await desk.next(ofType('alarm.case_opened'));
    await settle();
    for (const outsider of [otherDesk, otherProperty, resident]) expect(alarmsHeard(outsider)).toEqual([]);
  });

  it('tells them of each action the desk takes, and of the rule clearing it', async () => {
    const [desk, property, otherDesk] = await Promise.all(['desk', 'property', 'otherDesk'].map(open));
    const act = (body: object) =>
      t.app.inject({ method: 'POST', url: `/api/iot/alarms/${alarmId}/actions`, headers: { cookie: cookies.desk }, payload: body });
    expect((await act({ action: 'acknowledge' })).statusCode).toBe(200);
    await property.next(ofType('alarm.acknowledged'));
    await publish('s2', { smoke: false, battery: 88 });
    expect(JSON.parse((await property.next(ofType('alarm.cleared'), 5000)).data).data).toMatchObject({ alarmId });
    expect((await act({ action: 'close', outcome: 'real', note: '厨房起火，已扑灭' })).statusCode).toBe(200);
    await desk.next(ofType('alarm.closed'));
    await settle();
    expect(alarmsHeard(desk).map((e) => e.type)).toEqual(['alarm.acknowledged', 'alarm.cleared', 'alarm.closed']);
    expect(alarmsHeard(otherDesk)).toEqual([]);
  });
});
