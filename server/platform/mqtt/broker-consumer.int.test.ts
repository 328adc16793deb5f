import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { buildTestApp } from '../../test/app.js';
import { buildApp } from '../../app.js';
import { buildDevice, seedTestRegions } from '../../test/factories.js';
import { startOwnMosquitto } from '../../test/own-mosquitto.js';
import { prepareTelemetry } from '../../domains/iot/telemetry.maintenance.js';

/**
 * The consumer over a restart of its broker (decision 038): Mosquitto 2.0 keeps the consumer's
 * session in its persistence file but not the session's shared subscription, so the consumer
 * must SUBSCRIBE again after every reconnect, even when the broker answers "session present".
 * A Mosquitto of the test's own (persistent, restarted with SIGTERM); run where Mosquitto is, as
 * the other external-broker tests (TEST_MQTT_URL set).
 */
describe.skipIf(!process.env.TEST_MQTT_URL)('the broker consumer over a Mosquitto restart', () => {
  const clientId = 'civicgrid-restart-test';
  let broker: Awaited<ReturnType<typeof startOwnMosquitto>>;
  let t: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    broker = await startOwnMosquitto({ persistent: true });
    t = await buildTestApp({
      env: { MQTT_URL: broker.url, MQTT_CLIENT_ID: clientId, MQTT_SHARE_GROUP: 'restart-test', IOT_BATCH_MS: '5' },
    });
    await seedTestRegions(t.db);
    await prepareTelemetry(t.db, t.app.config.iot);
  });
  afterAll(async () => {
    await t?.close();
    await broker?.stop();
  });

  it('stores a reading published after the broker restarted', async () => {
    const { device } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    const publish = async (msgId: string) => {
      const client = await mqtt.connectAsync(broker.url, { clientId: `device-${msgId}`, reconnectPeriod: 0 });
      await client.publishAsync(`civicgrid/v1/${device.serial}/telemetry`, JSON.stringify({ msgId, values: { smoke: false } }), { qos: 1 });
      await client.endAsync();
    };
    const stored = async () =>
      (await t.db.selectFrom('iot_telemetry').select('msg_key').where('device_id', '=', device.id).execute()).map((r) => r.msg_key).sort();

    await publish('before');
    await expect.poll(stored, { timeout: 5000 }).toEqual(['before']);

    const logSoFar = broker.log().length;
    await broker.restart();
    // Until the consumer's SUBSCRIBE is through, the restarted broker has nobody to give a reading to.
    await expect.poll(() => broker.log().slice(logSoFar).includes(`Sending SUBACK to ${clientId}`), { timeout: 5000 }).toBe(true);
    expect(broker.log().slice(logSoFar)).toContain(`Sending CONNACK to ${clientId} (1, 0)`); // the session was kept
    await publish('after');
    await expect.poll(stored, { timeout: 5000 }).toEqual(['after', 'before']);
  });
});

/**
 * Without a share group (MQTT_SHARE_GROUP empty, one consuming process) the subscription is a
 * plain one, which Mosquitto writes to its persistence file: readings published while the broker
 * had restarted and CivicGrid was not yet back are queued for it, not dropped (decision 038).
 */
describe.skipIf(!process.env.TEST_MQTT_URL)('a plain subscription over a Mosquitto restart', () => {
  let broker: Awaited<ReturnType<typeof startOwnMosquitto>>;
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let restarted: Awaited<ReturnType<typeof buildApp>> | undefined;

  beforeAll(async () => {
    broker = await startOwnMosquitto({ persistent: true });
    t = await buildTestApp({
      env: { MQTT_URL: broker.url, MQTT_CLIENT_ID: 'civicgrid-plain-test', MQTT_SHARE_GROUP: '', IOT_BATCH_MS: '5' },
    });
    await seedTestRegions(t.db);
    await prepareTelemetry(t.db, t.app.config.iot);
  });
  afterAll(async () => {
    await restarted?.close();
    await t?.close();
    await broker?.stop();
  });

  it('keeps for CivicGrid what devices publish after the restart, before CivicGrid is back', async () => {
    const { device } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    await t.app.close();
    await broker.restart();
    const client = await mqtt.connectAsync(broker.url, { clientId: 'device-plain', reconnectPeriod: 0 });
    await client.publishAsync(`civicgrid/v1/${device.serial}/telemetry`, JSON.stringify({ msgId: 'gap', values: { smoke: false } }), {
      qos: 1,
    });
    await client.endAsync();
    restarted = await buildApp({ config: t.app.config, database: t.database });
    await expect
      .poll(
        async () =>
          (await t.db.selectFrom('iot_telemetry').select('msg_key').where('device_id', '=', device.id).execute()).map((r) => r.msg_key),
        {
          timeout: 10_000,
        },
      )
      .toEqual(['gap']);
  });
});
