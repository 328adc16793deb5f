import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.js';
import { buildDevice, seedTestRegions } from '../../test/factories.js';
import { DeviceRulesCache } from './rules-for-devices.js';

/**
 * The rules ingest keeps per device between batches (decision 034): read once, then kept, and
 * read again after any change to a rule, an override or the device's place, whoever wrote it.
 */
describe('the devices’ rules kept between batches', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let deviceId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedTestRegions(database.db);
    deviceId = (await buildDevice(database.db, '锦源社区', 'smoke_detector')).device.id;
  });
  afterAll(() => database?.close());

  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await check()).toBe(true);
  };

  it('keeps what it read, and reads again after an override is written', async () => {
    const cache = await DeviceRulesCache.listening(database.listen);
    const first = (await cache.devices(database.db, [deviceId])).get(deviceId)!;
    expect(first.rules.map((r) => r.code)).toContain('smoke');
    expect((await cache.devices(database.db, [deviceId])).get(deviceId)).toBe(first);

    await database.db
      .insertInto('iot_rules')
      .values({ type_code: 'smoke_detector', device_id: deviceId, code: 'smoke', definition: JSON.stringify({ enabled: false }) })
      .execute();
    await eventually(async () => (await cache.devices(database.db, [deviceId])).get(deviceId) !== first);
    expect((await cache.devices(database.db, [deviceId])).get(deviceId)!.rules.map((r) => r.code)).not.toContain('smoke');
  });

  it('reads a device again when it is moved', async () => {
    const cache = await DeviceRulesCache.listening(database.listen);
    const before = (await cache.devices(database.db, [deviceId])).get(deviceId)!;
    await database.db.updateTable('iot_devices').set({ snapshot_url: 'https://cam.example/1.jpg' }).where('id', '=', deviceId).execute();
    await eventually(async () => (await cache.devices(database.db, [deviceId])).get(deviceId)!.snapshotUrl === 'https://cam.example/1.jpg');
    expect(before.snapshotUrl).toBeNull();
  });
});
