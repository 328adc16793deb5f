import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildDevice, buildStaff, buildUser, regionByName, seedTestRegions } from '../../test/factories.js';
import { secretMatches } from './credentials.js';

/**
 * The device registry through the API and a real database (PGlite, and PostgreSQL with
 * TEST_DATABASE_URL): who registers where (role × region), what a list shows each role, a serial
 * registered once, a retried registration, edits and re-issued credentials — and no secret or its
 * hash in any answer but the issuing one.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;

async function world() {
  await seedTestRegions(t.db);
  const ours = await buildDevice(t.db, '锦源社区');
  const neighbours = await buildDevice(t.db, '锦源社区', 'gas_detector');
  const theirs = await buildDevice(t.db, '锦东社区');
  const company = await t.db.insertInto('property_companies').values({ name: '锦绣物业' }).returning('id').executeTakeFirstOrThrow();
  await t.db.updateTable('estates').set({ property_company_id: company.id }).where('id', '=', ours.house.estateId).execute();
  const cookie = async (u: string) => (await loginAs(t.app, u)).cookie;
  return {
    ours,
    neighbours,
    theirs,
    county: await cookie(await buildStaff(t.db, 'county_admin', '平阴县')),
    desk: await cookie(await buildStaff(t.db, 'community_staff', '锦源社区')),
    grid: await cookie(await buildUser(t.db, 'grid_worker', ours.house.grid_id!)),
    property: await cookie(await buildUser(t.db, 'property_staff', ours.house.community_id, { propertyCompanyId: company.id })),
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  w = await world();
}, 60_000);
afterAll(async () => t?.close());

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });
const send = (cookie: string, method: 'POST' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload && { payload }) });
const serials = (body: { items: { serial: string }[] }) => body.items.map((d) => d.serial).sort();
const stored = (id: number) => t.db.selectFrom('iot_devices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
let serialCount = 0;
const freshSerial = () => `SD-T${process.pid}-${++serialCount}`;

describe('the device registry', () => {
  it('lists every type with its fields and its own default rules', async () => {
    const res = await get(w.grid, '/api/iot/device-types');
    expect(res.statusCode).toBe(200);
    const smoke = res.json().items.find((x: { code: string }) => x.code === 'smoke_detector');
    expect(smoke).toMatchObject({ name: '独立式烟感探测器', category: '消防安全', offlineMinutes: 60 });
    expect(smoke.fields.map((f: { key: string }) => f.key)).toEqual(['smoke', 'battery', 'tamper']);
    expect(smoke.rules.map((r: { code: string }) => r.code)).toEqual(['smoke', 'battery_low', 'tamper', 'offline']);
  });

  it("registers a smoke detector in a house of the community, in the house's grid, answering the secret once", async () => {
    const serial = freshSerial();
    const res = await send(w.desk, 'POST', '/api/iot/devices', {
      serial,
      typeCode: 'smoke_detector',
      houseId: w.ours.house.id,
      streamUrl: 'rtsp://10.0.0.8/live',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id, credentials } = res.json();
    expect(Object.keys(credentials).sort()).toEqual(['httpToken', 'password', 'username']);
    const row = await stored(id);
    expect(row).toMatchObject({
      region_path: w.ours.house.region_path,
      region_id: w.ours.house.grid_id,
      house_id: w.ours.house.id,
      unit_name: '1单元',
    });
    expect(secretMatches(credentials.password, row.secret_sha256)).toBe(true);

    const detail = await get(w.desk, `/api/iot/devices/${id}`);
    expect(detail.json()).toMatchObject({
      serial,
      mqttUsername: credentials.username,
      state: 'offline',
      streamUrl: 'rtsp://10.0.0.8/live',
    });
    for (const leak of [credentials.password, row.secret_sha256, 'secret', 'password']) expect(detail.body).not.toContain(leak);
    const listed = await get(w.desk, `/api/iot/devices?q=${serial}`);
    expect(listed.json().items).toHaveLength(1);
    expect(listed.body).not.toContain(row.secret_sha256);
  });

  it("keeps a community's administrator out of another community's places and devices", async () => {
    const res = await send(w.desk, 'POST', '/api/iot/devices', {
      serial: freshSerial(),
      typeCode: 'smoke_detector',
      estateId: w.theirs.house.estateId,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PLACE_NOT_IN_SCOPE');
    expect((await get(w.desk, `/api/iot/devices/${w.theirs.device.id}`)).statusCode).toBe(404);
    expect((await send(w.desk, 'PATCH', `/api/iot/devices/${w.theirs.device.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await send(w.desk, 'POST', `/api/iot/devices/${w.theirs.device.id}/credentials`)).statusCode).toBe(404);
    expect(serials((await get(w.desk, '/api/iot/devices?pageSize=200')).json())).not.toContain(w.theirs.device.serial);
  });

  it('refuses a serial registered anywhere in the county with 409 DEVICE_SERIAL_EXISTS', async () => {
    const res = await send(w.county, 'POST', '/api/iot/devices', {
      serial: w.theirs.device.serial,
      typeCode: 'smoke_detector',
      estateId: w.ours.house.estateId,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DEVICE_SERIAL_EXISTS' });
  });

  it('issues one device for a retried registration, answering the retry without the secret', async () => {
    const body = { serial: freshSerial(), typeCode: 'smoke_detector', buildingId: w.ours.device.building_id! };
    const key = { 'idempotency-key': `reg-${body.serial}` };
    const first = await send(w.desk, 'POST', '/api/iot/devices', body, key);
    const retry = await send(w.desk, 'POST', '/api/iot/devices', body, key);
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    expect(retry.json()).toEqual({ id: first.json().id, credentials: null, replayed: true });
    const other = await send(w.desk, 'POST', '/api/iot/devices', { ...body, name: '另一台' }, key);
    expect(other.statusCode).toBe(422);
    const count = await t.db
      .selectFrom('iot_devices')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('serial', '=', body.serial)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('lets a grid worker read the devices of the grid but not register, and shows property staff their estates only', async () => {
    expect(serials((await get(w.grid, '/api/iot/devices')).json())).toContain(w.ours.device.serial);
    expect(
      (await send(w.grid, 'POST', '/api/iot/devices', { serial: freshSerial(), typeCode: 'smoke_detector', houseId: w.ours.house.id }))
        .statusCode,
    ).toBe(403);
    const seen = serials((await get(w.property, '/api/iot/devices?pageSize=200')).json());
    expect(seen).toContain(w.ours.device.serial);
    expect(seen).not.toContain(w.neighbours.device.serial);
    expect((await get(w.property, `/api/iot/devices/${w.neighbours.device.id}`)).statusCode).toBe(404);
    expect((await send(w.property, 'PATCH', `/api/iot/devices/${w.ours.device.id}`, { name: 'x' })).statusCode).toBe(403);
  });

  it('filters by type, status, online and estate, and counts the alarms not yet closed', async () => {
    await t.db.updateTable('iot_devices').set({ online: true, battery: 64 }).where('id', '=', w.neighbours.device.id).execute();
    const now = new Date();
    await t.db
      .insertInto('iot_alarms')
      .values({
        device_id: w.neighbours.device.id,
        rule_code: 'lel_high',
        rule_name: '可燃气体泄漏',
        severity: 'critical',
        region_path: w.neighbours.house.region_path,
        estate_id: w.neighbours.house.estateId,
        raised_at: now,
        last_at: now,
        detail: '测试',
      })
      .execute();
    const gas = (await get(w.desk, '/api/iot/devices?typeCode=gas_detector&online=true')).json();
    expect(gas.items).toEqual([
      expect.objectContaining({
        serial: w.neighbours.device.serial,
        state: 'online',
        battery: 64,
        openAlarms: 1,
        typeName: '可燃气体探测器',
      }),
    ]);
    const inEstate = (await get(w.desk, `/api/iot/devices?estateId=${w.ours.house.estateId}&status=active`)).json();
    expect(serials(inEstate)).toContain(w.ours.device.serial);
    expect(serials(inEstate)).not.toContain(w.neighbours.device.serial);
    const jindong = await regionByName(t.db, '锦东社区');
    expect((await get(w.desk, `/api/iot/devices?regionId=${jindong.id}`)).statusCode).toBe(404);
  });

  it('edits the name, the place, the owner unit and the status, and refuses a javascript: address', async () => {
    const unit = await t.db
      .insertInto('org_units')
      .values({ name: '平阴县消防救援大队（测试）', kind: 'department' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await send(w.desk, 'PATCH', `/api/iot/devices/${w.ours.device.id}`, {
      name: '3号楼东烟感',
      estateId: w.ours.house.estateId,
      floor: 3,
      ownerUnitId: unit.id,
      status: 'maintenance',
      lon: 116.4551,
      lat: 36.2869,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '3号楼东烟感',
      state: 'maintenance',
      buildingId: null,
      floor: 3,
      ownerUnitName: '平阴县消防救援大队（测试）',
      lon: 116.4551,
    });
    expect((await stored(w.ours.device.id)).region_path).toBe((await regionByName(t.db, '锦源社区')).path);
    const bad = await send(w.desk, 'PATCH', `/api/iot/devices/${w.ours.device.id}`, { snapshotUrl: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
  });

  it('re-issues credentials: the old secret stops matching at once, and the re-issue is audited', async () => {
    const before = await stored(w.ours.device.id);
    const res = await send(w.county, 'POST', `/api/iot/devices/${w.ours.device.id}/credentials`);
    expect(res.statusCode).toBe(200);
    const after = await stored(w.ours.device.id);
    expect(after.mqtt_username).toBe(res.json().credentials.username);
    expect(after.mqtt_username).not.toBe(before.mqtt_username);
    expect(secretMatches(w.ours.credentials.password, after.secret_sha256)).toBe(false);
    expect(secretMatches(res.json().credentials.password, after.secret_sha256)).toBe(true);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'reissue_device_credentials')
      .where('entity_id', '=', String(w.ours.device.id))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.detail)).not.toContain(res.json().credentials.password);
  });
});
