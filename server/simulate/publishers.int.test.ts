import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../test/app.js';
import { freePort } from '../test/free-port.js';
import { buildDevice, seedTestRegions } from '../test/factories.js';
import { prepareTelemetry } from '../domains/iot/telemetry.maintenance.js';
import { createRandom } from '../seed/random.js';
import { runSimulation, type Publisher } from './simulation.js';
import { mqttPublisher } from './mqtt-publisher.js';
import { httpPublisher } from './http-publisher.js';
import { parseFaults } from '../cli/simulate-command.js';

/**
 * The simulator against a real server: over MQTT (the embedded broker, each device signed in as
 * itself) and over HTTP ingest, every reading it sends is acknowledged and stored once; a
 * duplicated one is acknowledged twice and stored once; a smoke detector playing a fire raises
 * its alarm.
 */
describe('the simulator against a running server', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let port: number;
  let base: string;
  let devices: Awaited<ReturnType<typeof buildDevice>>[];

  beforeAll(async () => {
    port = await freePort();
    t = await buildTestApp({ env: { MQTT_PORT: String(port), IOT_BATCH_MS: '5' } });
    await seedTestRegions(t.db);
    await prepareTelemetry(t.db, t.app.config.iot);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    devices = [];
    for (const type of ['smoke_detector', 'smoke_detector', 'gas_detector', 'manhole_cover'])
      devices.push(await buildDevice(t.db, '锦源社区', type));
  });
  afterAll(async () => t?.close());

  const credentials = (serial: string) => devices.find((d) => d.device.serial === serial)!.credentials;
  const stored = async () =>
    Number(
      (
        await t.db
          .selectFrom('iot_telemetry')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(
            'device_id',
            'in',
            devices.map((d) => d.device.id),
          )
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function simulate(publisher: Publisher, faults = {}) {
    const run = runSimulation(publisher, {
      devices: devices.map((d) => ({ serial: d.device.serial, typeCode: d.device.type_code })),
      rate: 100,
      durationSeconds: 1,
      faults,
      random: createRandom(3),
    });
    const stats = await run.done;
    await publisher.close();
    return stats;
  }

  it('over MQTT: every reading acknowledged after it is stored, a duplicate stored once, a fire alarmed', async () => {
    const before = await stored();
    const stats = await simulate(mqttPublisher(`mqtt://127.0.0.1:${port}`, credentials), parseFaults('fire,duplicates'));
    expect(stats.failed + stats.refused).toBe(0);
    expect(stats.acknowledged).toBe(stats.sent);
    const duplicates = Object.values(stats.faults).includes('duplicates');
    expect(duplicates).toBe(true);
    // The duplicated device sent each reading twice: those copies are acknowledged, not stored.
    const copies = stats.sent - ((await stored()) - before);
    expect(copies).toBeGreaterThan(0);
    expect(copies * 2).toBeLessThanOrEqual(stats.sent);
    const fire = Object.keys(stats.faults).find((s) => stats.faults[s] === 'fire')!;
    const alarm = await t.db
      .selectFrom('iot_alarms as a')
      .innerJoin('iot_devices as d', 'd.id', 'a.device_id')
      .select(['a.severity', 'a.rule_code'])
      .where('d.serial', '=', fire)
      .executeTakeFirst();
    expect(alarm).toEqual({ severity: 'critical', rule_code: 'smoke' });
  });

  it('over HTTP ingest, with device tokens; a broken payload is refused, the rest stored', async () => {
    const before = await stored();
    const stats = await simulate(
      httpPublisher(base, (serial) => credentials(serial).httpToken),
      parseFaults('malformed'),
    );
    expect(stats.failed).toBe(0);
    expect(stats.refused).toBeGreaterThan(0);
    expect((await stored()) - before).toBe(stats.acknowledged);
  });

  it('refuses a fault it does not know', () => {
    expect(() => parseFaults('earthquake')).toThrow(/不认识的故障 earthquake/);
    expect(parseFaults('fire:2,offline')).toEqual({ fire: 2, offline: 1 });
  });
});
