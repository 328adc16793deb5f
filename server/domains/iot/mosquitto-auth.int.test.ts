import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildDevice, buildStaff, seedTestRegions } from '../../test/factories.js';
import { startOwnMosquitto, MOSQUITTO } from '../../test/own-mosquitto.js';
import { existsSync } from 'node:fs';
import { exportMosquittoAuth } from './mosquitto-auth.js';

const CONSUMER = { username: 'civicgrid-consumer', password: 'consumer-password-42' };

/**
 * `civicgrid iot export-mosquitto-auth` (docs/decisions/033): the files it writes, given to a
 * Mosquitto of the test's own with `allow_anonymous false`, let a device sign in and publish
 * under its own topic, and refuse a wrong password and another device's topic; the consumer
 * account reads every device. A device issued before migration 0024 is listed, not written,
 * until it is re-issued.
 */
describe.skipIf(!existsSync(MOSQUITTO))('Mosquitto password and ACL files from the device registry', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let broker: Awaited<ReturnType<typeof startOwnMosquitto>>;
  let devices: Awaited<ReturnType<typeof buildDevice>>[];
  let old: Awaited<ReturnType<typeof buildDevice>>;
  let exported: Awaited<ReturnType<typeof exportMosquittoAuth>>;
  const clients: mqtt.MqttClient[] = [];
  const connect = async (username: string, password: string) => {
    const client = await mqtt.connectAsync(broker.url, {
      username,
      password,
      protocolVersion: 5,
      reconnectPeriod: 0,
      connectTimeout: 5000,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    devices = [await buildDevice(t.db, '锦源社区'), await buildDevice(t.db, '锦东社区')];
    old = await buildDevice(t.db, '锦源社区');
    // As a device issued before migration 0024 is stored: no Mosquitto hash.
    await t.db.updateTable('iot_devices').set({ mosquitto_hash: null }).where('id', '=', old.device.id).execute();
    exported = await exportMosquittoAuth(t.db, CONSUMER);
    broker = await startOwnMosquitto({ passwords: exported.passwordFile, acl: exported.aclFile });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await broker?.stop();
    await t?.close();
  });

  it('writes every device with a Mosquitto hash and the consumer, and names the device that needs a re-issue', () => {
    expect(exported.needReissue).toEqual([old.device.serial]);
    expect(exported.passwordFile).not.toContain(old.device.serial);
    for (const { credentials } of devices) expect(exported.passwordFile).toContain(`${credentials.username}:$7$101$`);
    expect(exported.passwordFile).toMatch(/^civicgrid-consumer:\$7\$/);
    expect(exported.passwordFile + exported.aclFile).not.toContain(CONSUMER.password);
    for (const { credentials } of devices) expect(exported.passwordFile + exported.aclFile).not.toContain(credentials.password);
  });

  it('lets a device publish under its own topic, read by the consumer, and refuses another device’s topic', async () => {
    const [mine, theirs] = devices;
    const consumer = await connect(CONSUMER.username, CONSUMER.password);
    const received: string[] = [];
    consumer.on('message', (topic) => received.push(topic));
    await consumer.subscribeAsync('$share/civicgrid/civicgrid/v1/+/+', { qos: 1 });
    const device = await connect(mine.credentials.username, mine.credentials.password);
    const own = `civicgrid/v1/${mine.device.serial}/telemetry`;
    const foreign = `civicgrid/v1/${theirs.device.serial}/telemetry`;
    await device.publishAsync(own, JSON.stringify({ values: { smoke: false } }), { qos: 1 });
    // MQTT 5: Mosquitto answers a publish its ACL refuses with PUBACK 0x87 (not authorized).
    await expect(device.publishAsync(foreign, JSON.stringify({ values: { smoke: true } }), { qos: 1 })).rejects.toThrow(/authori/i);
    await expect.poll(() => received, { timeout: 5000 }).toEqual([own]);
  });

  it('refuses a wrong password, a device without a Mosquitto hash, and no password at all', async () => {
    await expect(connect(devices[0].credentials.username, 'not-the-secret')).rejects.toThrow(/not authorized|bad user name or password/i);
    await expect(connect(old.credentials.username, old.credentials.password)).rejects.toThrow(/not authorized|bad user name or password/i);
    await expect(mqtt.connectAsync(broker.url, { reconnectPeriod: 0, protocolVersion: 5 })).rejects.toThrow(/not authorized/i);
  });

  it('writes a re-issued device’s new credentials, which then sign in', async () => {
    const { cookie } = await loginAs(t.app, await buildStaff(t.db, 'county_admin', '平阴县'));
    const res = await t.app.inject({ method: 'POST', url: `/api/iot/devices/${old.device.id}/credentials`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const again = await exportMosquittoAuth(t.db, CONSUMER);
    expect(again.needReissue).toEqual([]);
    const reissued = await startOwnMosquitto({ passwords: again.passwordFile, acl: again.aclFile });
    try {
      const { username, password } = res.json().credentials;
      const device = await mqtt.connectAsync(reissued.url, { username, password, protocolVersion: 5, reconnectPeriod: 0 });
      await device.publishAsync(`civicgrid/v1/${old.device.serial}/telemetry`, '{"values":{"smoke":false}}', { qos: 1 });
      await device.endAsync();
    } finally {
      await reissued.stop();
    }
  });
});
