import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { buildApp } from '../../../app.js';
import { buildTestApp } from '../../../test/app.js';
import { buildDevice, seedTestRegions } from '../../../test/factories.js';
import { prepareTelemetry } from '../telemetry.maintenance.js';

const brokerUrl = process.env.TEST_MQTT_URL;

/**
 * CivicGrid consuming an external broker (TEST_MQTT_URL, the Mosquitto on this machine): a
 * device publishes to the broker, the server takes it from its shared subscription and stores
 * it, and what the broker queued while the server was away arrives after it comes back. The
 * share group and client id are this run's own, so other users of the broker take nothing of
 * ours; the session is discarded at the end.
 */
describe.skipIf(!brokerUrl)('ingest from an external broker', () => {
  const run = randomBytes(4).toString('hex');
  const env = { MQTT_URL: brokerUrl!, MQTT_CLIENT_ID: `civicgrid-test-${run}`, MQTT_SHARE_GROUP: `test-${run}`, IOT_BATCH_MS: '5' };
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let device: mqtt.MqttClient;
  /** The server as started again in the restart test; closed here, since t.close() closes the first one. */
  let restarted: Awaited<ReturnType<typeof buildApp>> | undefined;

  beforeAll(async () => {
    t = await buildTestApp({ env });
    await seedTestRegions(t.db);
    await prepareTelemetry(t.db, t.app.config.iot);
    device = await mqtt.connectAsync(brokerUrl!, { clientId: `device-${run}`, reconnectPeriod: 0 });
  });
  afterAll(async () => {
    await device?.endAsync(true);
    await restarted?.close();
    await t?.close();
    // The server's session would otherwise stay with the broker for a day, queueing for nobody.
    const cleanup = await mqtt.connectAsync(brokerUrl!, {
      clientId: env.MQTT_CLIENT_ID,
      clean: true,
      protocolVersion: 5,
      reconnectPeriod: 0,
    });
    await cleanup.endAsync();
  });

  const rowsOf = (deviceId: number) =>
    t.db.selectFrom('iot_telemetry').select(['msg_key', 'values']).where('device_id', '=', deviceId).execute();

  it('stores what a device publishes to the broker, and dead-letters a topic of no known device', async () => {
    const { device: row } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    await device.publishAsync(
      `civicgrid/v1/${row.serial}/telemetry`,
      JSON.stringify({ msgId: 'x1', values: { smoke: false, battery: 64 } }),
      { qos: 1 },
    );
    await expect.poll(() => rowsOf(row.id), { timeout: 5000 }).toEqual([{ msg_key: 'x1', values: { smoke: false, battery: 64 } }]);

    const ghost = `GHOST-${run}`;
    await device.publishAsync(`civicgrid/v1/${ghost}/telemetry`, JSON.stringify({ values: { smoke: true } }), { qos: 1 });
    await expect
      .poll(
        async () => (await t.db.selectFrom('iot_dead_letters').select('reason').where('serial', '=', ghost).execute()).map((r) => r.reason),
        { timeout: 5000 },
      )
      .toEqual(['UNKNOWN_DEVICE']);
  });

  it('receives after a restart what the broker queued while the server was away', async () => {
    const { device: row } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    await t.app.close();
    for (let i = 0; i < 5; i++)
      await device.publishAsync(`civicgrid/v1/${row.serial}/telemetry`, JSON.stringify({ msgId: `q${i}`, values: { smoke: false } }), {
        qos: 1,
      });
    restarted = await buildApp({ config: t.app.config, database: t.database });
    await expect
      .poll(async () => (await rowsOf(row.id)).map((r) => r.msg_key).sort(), { timeout: 10_000 })
      .toEqual(['q0', 'q1', 'q2', 'q3', 'q4']);
  });
});
