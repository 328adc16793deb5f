import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildDevice, buildResident, buildStaff, buildUser, seedTestRegions } from '../../test/factories.js';
import { alarmWritesRepository } from './alarms.repository.js';

/**
 * An alarm's context (GET /api/iot/alarms/:id): who in its building needs help first, masked as
 * the people pages mask them; the grid worker on duty; the cameras nearest it, same building
 * first, then within 300 m, none farther.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let built: Awaited<ReturnType<typeof buildDevice>>;
let alarmId: number;
const people: Record<string, { id: number; phone: string | null }> = {};

beforeAll(async () => {
  t = await buildTestApp({ env: { IOT_SWEEP_SECONDS: '3600' } });
  await seedTestRegions(t.db);
  built = await buildDevice(t.db, '锦源社区', 'smoke_detector');
  const [lon, lat] = [116.4551, 36.2869];
  await t.db.updateTable('iot_devices').set({ lon, lat }).where('id', '=', built.device.id).execute();
  const camera = async (name: string, at: { lon: number; lat: number }, buildingId: number | null) =>
    t.db
      .insertInto('iot_devices')
      .values({
        ...(({ id: _id, created_at: _c, updated_at: _u, ...rest }) => rest)(built.device),
        serial: `${built.device.serial}-${name}`,
        mqtt_username: `${built.device.mqtt_username}-${name}`,
        name,
        type_code: 'throw_camera',
        building_id: buildingId,
        estate_id: null,
        snapshot_url: `/demo/camera-snapshot.svg#${name}`,
        ...at,
      })
      .execute();
  await camera('far', { lon: lon + 0.01, lat }, null); // ~900 m east
  await camera('street', { lon: lon + 0.002, lat }, null); // ~180 m east
  await camera('stairwell', { lon: lon + 0.003, lat }, built.device.building_id);
  const house = built.house;
  people.alone = await buildResident(t.db, house, { tags: ['living_alone'] });
  people.old = await buildResident(t.db, house, { birth: '19400101' });
  people.adult = await buildResident(t.db, house, {});
  await t.db
    .insertInto('grid_workers')
    .values([
      { grid_id: house.grid_id!, region_path: house.region_path, name: '兼职网格员', phone: '13600000001', employment: 'part_time' },
      { grid_id: house.grid_id!, region_path: house.region_path, name: '专职网格员', phone: '13600000002', employment: 'full_time' },
    ])
    .execute();
  ({ id: alarmId } = await alarmWritesRepository(t.db).insert({
    deviceId: built.device.id,
    ruleCode: 'smoke',
    ruleName: '烟雾报警',
    severity: 'critical',
    regionPath: built.device.region_path,
    estateId: built.device.estate_id,
    buildingId: built.device.building_id,
    at: new Date(),
    detail: '烟雾 是',
    value: true,
    readings: { smoke: true },
    snapshotUrl: null,
    flapping: false,
  }));
});
afterAll(async () => t?.close());

const contextAs = async (username: string) =>
  (await t.app.inject({ url: `/api/iot/alarms/${alarmId}`, headers: { cookie: (await loginAs(t.app, username)).cookie } })).json().context;

describe('an alarm’s context', () => {
  it('lists who needs help first, the worker on duty and the nearest cameras, as the desk sees them', async () => {
    const context = await contextAs(await buildStaff(t.db, 'community_staff', '锦源社区'));
    expect(context.residents.map((r: { id: number }) => r.id).sort()).toEqual([people.alone.id, people.old.id].sort());
    expect(context.residents.find((r: { id: number }) => r.id === people.alone.id)).toMatchObject({ phone: people.alone.phone });
    expect(context.residents.find((r: { id: number }) => r.id === people.old.id).tags).toContain('over_60');
    expect(context.gridWorkers.map((w: { name: string; onDuty: boolean }) => [w.name, w.onDuty])).toEqual([
      ['专职网格员', true],
      ['兼职网格员', false],
    ]);
    expect(context.cameras.map((c: { name: string }) => c.name)).toEqual(['stairwell', 'street']);
    expect(context.cameras[1]).toMatchObject({ sameBuilding: false, metres: expect.any(Number) });
    expect(context.cameras[1].metres).toBeLessThan(300);
  });

  it('masks the numbers for the town, and shows property staff no residents', async () => {
    const town = await contextAs(await buildStaff(t.db, 'town_staff', '榆山街道'));
    const alone = town.residents.find((r: { id: number }) => r.id === people.alone.id);
    expect(alone.phone).not.toBe(people.alone.phone);
    expect(alone.phone).toContain('****');
    const { id: companyId } = await t.db
      .insertInto('property_companies')
      .values({ name: '锦源物业' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('estates').set({ property_company_id: companyId }).where('id', '=', built.device.estate_id!).execute();
    const jinyuan = await t.db.selectFrom('regions').select('id').where('name', '=', '锦源社区').executeTakeFirstOrThrow();
    const property = await contextAs(await buildUser(t.db, 'property_staff', jinyuan.id, { propertyCompanyId: companyId }));
    expect(property.residents).toBeNull();
    expect(property.gridWorkers).toHaveLength(2);
  });
});
