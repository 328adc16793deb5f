import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, reportOverdueCase, type TestApp } from '../app.js';
import { buildDevice, buildHouse, buildStaff, categoryByCode, seedCasework } from '../factories.js';
import { freePort } from '../free-port.js';
import { MOSQUITTO, startOwnMosquitto } from '../own-mosquitto.js';
import { openAdmitted, type EventStreamClient } from '../sse-client.js';
import { exportMosquittoAuth } from '../../domains/iot/mosquitto-auth.js';
import { prepareTelemetry } from '../../domains/iot/telemetry.maintenance.js';
import { startServerProcess, type ServerProcess } from './server-processes.js';

const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl) console.warn('两进程测试已跳过：需要 TEST_DATABASE_URL（PostgreSQL；PGlite 只能由一个进程打开）');

const CONSUMER = { MQTT_USERNAME: 'civicgrid-consumer', MQTT_PASSWORD: 'consumer-password-42' };
const DEVICES = 12;
const READINGS = 25;

/**
 * Two CivicGrid server processes on one PostgreSQL and one Mosquitto of the test's own (issue
 * 10, docs/decisions/033), each the `serve` of `civicgrid start`, with the Mosquitto files
 * `civicgrid iot export-mosquitto-auth` writes: readings split between the processes through the
 * shared subscription and each stored once; one device hammered through both never has two open
 * alarms of one rule; an event raised in one process reaches a stream held by the other; the
 * supervision sweep, running in both, issues one 督办单.
 */
describe.skipIf(!pgUrl || !existsSync(MOSQUITTO))('two server processes on one PostgreSQL and one broker', () => {
  const run = randomBytes(4).toString('hex');
  const clientId = (name: string) => `cg-${name}-${run}`;
  let t: TestApp;
  let broker: Awaited<ReturnType<typeof startOwnMosquitto>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let devices: Awaited<ReturnType<typeof buildDevice>>[];
  let hammered: Awaited<ReturnType<typeof buildDevice>>;
  let desk: string;
  const clients: mqtt.MqttClient[] = [];
  const streams: EventStreamClient[] = [];
  const connect = async (username: string, password: string, id?: string) => {
    const client = await mqtt.connectAsync(broker.url, { username, password, clientId: id, reconnectPeriod: 0, connectTimeout: 5000 });
    clients.push(client);
    return client;
  };
  /** How many messages of `topic` (a prefix) the broker handed to a process, from its log. */
  const handedTo = (name: string, topic = 'civicgrid/v1/') =>
    broker
      .log()
      .split('\n')
      .filter((line) => line.includes(`Sending PUBLISH to ${clientId(name)} `) && line.includes(`'${topic}`)).length;
  const storedOf = async (ids: number[]) =>
    Number(
      (
        await t.db
          .selectFrom('iot_telemetry')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('device_id', 'in', ids)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp();
    await seedCasework(t.db);
    await prepareTelemetry(t.db, t.app.config.iot);
    devices = [];
    for (let i = 0; i < DEVICES; i++) devices.push(await buildDevice(t.db, '锦源社区'));
    hammered = await buildDevice(t.db, '锦源社区');
    desk = (await loginAs(t.app, await buildStaff(t.db, 'community_staff', '锦源社区'))).cookie;
    const auth = await exportMosquittoAuth(t.db, { username: CONSUMER.MQTT_USERNAME, password: CONSUMER.MQTT_PASSWORD });
    broker = await startOwnMosquitto({ passwords: auth.passwordFile, acl: auth.aclFile });
    const env = {
      DATABASE_URL: t.database.url!,
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'civicgrid-two-')),
      CIVICGRID_MODE: 'production',
      LOG_LEVEL: 'warn',
      MQTT_URL: broker.url,
      MQTT_SHARE_GROUP: `two-${run}`,
      ...CONSUMER,
      IOT_BATCH_MS: '5',
      SUPERVISION_SWEEP_SECONDS: '5',
      IOT_SWEEP_SECONDS: '5',
    };
    [a, b] = await Promise.all([
      startServerProcess('A', await freePort(), { ...env, MQTT_CLIENT_ID: clientId('a') }),
      startServerProcess('B', await freePort(), { ...env, MQTT_CLIENT_ID: clientId('b') }),
    ]);
  }, 180_000);
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await Promise.all([a?.stop(), b?.stop()]);
    await broker?.stop();
    await t?.close();
  });

  it('splits the readings between both processes and stores each once, a redelivery too', async () => {
    await Promise.all(
      devices.map(async ({ device, credentials }) => {
        const client = await connect(credentials.username, credentials.password);
        const topic = `civicgrid/v1/${device.serial}/telemetry`;
        const t0 = Date.now() - 60_000;
        const reading = (i: number) =>
          JSON.stringify({ ts: new Date(t0 + i * 100).toISOString(), msgId: `r${i}`, values: { smoke: false } });
        await Promise.all(Array.from({ length: READINGS }, (_, i) => client.publishAsync(topic, reading(i), { qos: 1 })));
        // The same readings again, as a QoS 1 redelivery would bring them: stored once.
        await Promise.all(Array.from({ length: 5 }, (_, i) => client.publishAsync(topic, reading(i), { qos: 1 })));
      }),
    );
    const ids = devices.map((d) => d.device.id);
    await expect.poll(() => storedOf(ids), { timeout: 30_000, interval: 250 }).toBe(DEVICES * READINGS);
    const distinct = await t.db
      .selectFrom('iot_telemetry')
      .select(sql<string>`count(distinct (device_id, msg_key))`.as('n'))
      .where('device_id', 'in', ids)
      .executeTakeFirstOrThrow();
    expect(Number(distinct.n)).toBe(DEVICES * READINGS);
    const [toA, toB] = [handedTo('a'), handedTo('b')];
    expect(toA).toBeGreaterThan(0);
    expect(toB).toBeGreaterThan(0);
    expect(toA + toB).toBe(DEVICES * (READINGS + 5));
  });

  it('never has two open alarms of one rule for a device hammered through both processes', async () => {
    const { device, credentials } = hammered;
    const topic = `civicgrid/v1/${device.serial}/telemetry`;
    const t0 = Date.now() - 30_000;
    const reading = (key: string, i: number) => ({ ts: new Date(t0 + i).toISOString(), msgId: `${key}${i}`, values: { smoke: true } });
    const [one, two] = [
      await connect(credentials.username, credentials.password),
      await connect(credentials.username, credentials.password),
    ];
    const overHttp = (p: ServerProcess, key: string) =>
      fetch(`${p.baseUrl}/api/iot/telemetry`, {
        method: 'POST',
        headers: { authorization: `Bearer ${credentials.httpToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ readings: Array.from({ length: 20 }, (_, i) => reading(key, i)) }),
      }).then((r) => expect(r.status).toBe(200));
    let mostOpen = 0;
    let hammering = true;
    const watching = (async () => {
      while (hammering) {
        const open = await t.db
          .selectFrom('iot_alarms')
          .select(['rule_code', (eb) => eb.fn.countAll().as('n')])
          .where('device_id', '=', device.id)
          .where('closed_at', 'is', null)
          .groupBy('rule_code')
          .execute();
        mostOpen = Math.max(mostOpen, ...open.map((o) => Number(o.n)));
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => one.publishAsync(topic, JSON.stringify(reading('m1-', i)), { qos: 1 })),
      ...Array.from({ length: 40 }, (_, i) => two.publishAsync(topic, JSON.stringify(reading('m2-', i)), { qos: 1 })),
      overHttp(a, 'ha-'),
      overHttp(b, 'hb-'),
    ]);
    await expect.poll(() => storedOf([device.id]), { timeout: 30_000, interval: 100 }).toBe(120);
    hammering = false;
    await watching;
    expect(handedTo('a', topic)).toBeGreaterThan(0);
    expect(handedTo('b', topic)).toBeGreaterThan(0);
    const open = await t.db
      .selectFrom('iot_alarms')
      .select(['rule_code'])
      .where('device_id', '=', device.id)
      .where('closed_at', 'is', null)
      .execute();
    expect(open.map((o) => o.rule_code)).toEqual(['smoke']);
    expect(mostOpen).toBe(1);
  });

  it('brings an event raised in one process to a stream held by the other', async () => {
    const onA = await openAdmitted(a.baseUrl, desk);
    streams.push(onA);
    const house = await buildHouse(t.db, '锦源社区');
    const res = await fetch(`${b.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { cookie: desk, 'content-type': 'application/json' },
      body: JSON.stringify({
        categoryId: (await categoryByCode(t.db, 'streetlight')).id,
        description: '两进程测试：路灯不亮',
        houseId: house.id,
      }),
    });
    expect(res.status).toBe(201);
    const { caseId } = await res.json();
    // The earlier tests' smoke alarms open cases of their own (decision 030): wait for this one's.
    const heard = await onA.next((m) => {
      if (m.event !== 'message') return false;
      const event = JSON.parse(m.data);
      return event.type === 'case.reported' && event.data.caseId === caseId;
    }, 10_000);
    expect(JSON.parse(heard.data).data).toMatchObject({ caseId });
  });

  it('runs the supervision sweep once across both processes: one 督办单 for an overdue case', async () => {
    const caseId = await reportOverdueCase(t, desk, '两进程测试：督办');
    const notices = async () =>
      Number(
        (
          await t.db
            .selectFrom('case_supervisions')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('case_id', '=', caseId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    await expect.poll(notices, { timeout: 15_000, interval: 250 }).toBe(1);
    // Two more rounds of each process: still one.
    await new Promise((r) => setTimeout(r, 11_000));
    expect(await notices()).toBe(1);
    expect([a, b].filter((p) => p.output.includes('督办：新督办')).map((p) => p.name)).toHaveLength(1);
  }, 40_000);
});
