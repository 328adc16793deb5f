import { describe, expect, it } from 'vitest';
import type { Insertable, Updateable } from 'kysely';
import type { IotDeviceTable } from '../../platform/db/schema.js';
import type { InstallationPlace } from '../regions/index.js';
import { refusal } from '../../test/fakes.js';
import { secretMatches } from './credentials.js';
import type { DeviceRow } from './devices.repository.js';
import { registerDevice, reissueCredentials, updateDevice, type RegistrationDeps } from './devices.registration.js';

/** Device registration with fake repositories: where a device belongs, what is refused, what a retry gets. */
const HOUSE: InstallationPlace = {
  regionId: 31,
  regionPath: '/1/4/230/31/',
  estateId: 5,
  buildingId: 8,
  houseId: 12,
  unitName: '2单元',
  floor: 5,
  point: { lon: 116.4551, lat: 36.2869 },
};
const ESTATE: InstallationPlace = {
  ...HOUSE,
  regionId: 230,
  regionPath: '/1/4/230/',
  buildingId: null,
  houseId: null,
  unitName: null,
  floor: null,
  point: null,
};

function fakeRegistry() {
  const rows: (Insertable<IotDeviceTable> & { id: number })[] = [];
  const audits: string[] = [];
  const deps: RegistrationDeps = {
    devices: {
      type: async (code) => (code === 'smoke_detector' ? { code, name: '独立式烟感探测器' } : undefined),
      serialRegistered: async (serial) => rows.find((r) => r.serial === serial),
      byIdempotencyKey: async (key) => {
        const row = rows.find((r) => r.idempotency_key === key);
        return row && { id: row.id, idempotency_fingerprint: row.idempotency_fingerprint ?? null };
      },
      insert: async (values) => {
        rows.push({ ...values, id: rows.length + 1 });
        return rows.length;
      },
      update: async (id, values: Updateable<IotDeviceTable>) => {
        Object.assign(rows[id - 1], values);
        return [];
      },
      byId: async (id) => (rows[id - 1] ? ({ ...rows[id - 1] } as unknown as DeviceRow) : undefined),
    },
    place: async (p) => (p.houseId === 12 ? HOUSE : p.estateId === 5 ? ESTATE : undefined),
    ownerUnitExists: async (id) => id === 3,
    audit: async (entry) => audits.push(entry.action),
    transaction: (work) => work(deps),
    now: () => new Date('2026-12-05T08:00:00Z'),
  };
  return { deps, rows, audits };
}

const smoke = { serial: 'SD-0001', typeCode: 'smoke_detector' };

describe('device registration', () => {
  it("puts a device in its house's grid, at the house's unit and floor, and answers the secret that matches the stored hash", async () => {
    const { deps, rows, audits } = fakeRegistry();
    const issued = await registerDevice(deps, 9, { ...smoke, houseId: 12 });
    expect(issued.credentials?.username).toMatch(/^SD-0001\./);
    expect(rows[0]).toMatchObject({ region_id: 31, region_path: '/1/4/230/31/', estate_id: 5, building_id: 8, house_id: 12 });
    expect(rows[0]).toMatchObject({ unit_name: '2单元', floor: 5, name: '独立式烟感探测器', mqtt_username: issued.credentials?.username });
    expect(secretMatches(issued.credentials!.password, rows[0].secret_sha256)).toBe(true);
    expect(audits).toEqual(['register_device']);
  });

  it("stands a device without a point of its own at its place's point, and keeps the form's point over it", async () => {
    const { deps, rows } = fakeRegistry();
    await registerDevice(deps, 9, { ...smoke, houseId: 12 });
    expect(rows[0]).toMatchObject({ lon: 116.4551, lat: 36.2869 });
    await registerDevice(deps, 9, { ...smoke, serial: 'SD-0002', houseId: 12, lon: 116.46, lat: 36.29 });
    expect(rows[1]).toMatchObject({ lon: 116.46, lat: 36.29 });
    // An estate with no position leaves the device without one, as before.
    await registerDevice(deps, 9, { ...smoke, serial: 'SD-0003', estateId: 5 });
    expect(rows[2].lon ?? null).toBeNull();
  });

  it("keeps the form's unit and floor over the place's, and an estate's device in the community", async () => {
    const { deps, rows } = fakeRegistry();
    await registerDevice(deps, 9, { ...smoke, estateId: 5, unitName: '东门', floor: 1, name: '东门烟感' });
    expect(rows[0]).toMatchObject({
      region_id: 230,
      region_path: '/1/4/230/',
      building_id: null,
      unit_name: '东门',
      floor: 1,
      name: '东门烟感',
    });
  });

  it('refuses a place outside the scope (404), an unknown type, an unknown owner unit and a serial already registered (409)', async () => {
    const { deps, rows } = fakeRegistry();
    expect(await refusal(registerDevice(deps, 9, { ...smoke, estateId: 99 }))).toEqual({ status: 404, code: 'PLACE_NOT_IN_SCOPE' });
    expect(await refusal(registerDevice(deps, 9, { ...smoke, typeCode: 'x', estateId: 5 }))).toEqual({
      status: 400,
      code: 'DEVICE_TYPE_UNKNOWN',
    });
    expect(await refusal(registerDevice(deps, 9, { ...smoke, estateId: 5, ownerUnitId: 4 }))).toEqual({
      status: 400,
      code: 'OWNER_UNIT_NOT_FOUND',
    });
    await registerDevice(deps, 9, { ...smoke, estateId: 5 });
    expect(await refusal(registerDevice(deps, 9, { ...smoke, houseId: 12 }))).toEqual({ status: 409, code: 'DEVICE_SERIAL_EXISTS' });
    expect(rows).toHaveLength(1);
  });

  it('answers a retry with the same key by the first device without its secret, and refuses the key with another body', async () => {
    const { deps, rows } = fakeRegistry();
    const first = await registerDevice(deps, 9, { ...smoke, estateId: 5 }, 'key-000001');
    expect(await registerDevice(deps, 9, { ...smoke, estateId: 5 }, 'key-000001')).toEqual({
      id: first.id,
      credentials: null,
      replayed: true,
    });
    expect(await refusal(registerDevice(deps, 9, { ...smoke, houseId: 12 }, 'key-000001'))).toEqual({
      status: 422,
      code: 'IDEMPOTENCY_MISMATCH',
    });
    // Another user's key of the same text is theirs: here it meets the serial, not the replay.
    expect(await refusal(registerDevice(deps, 10, { ...smoke, estateId: 5 }, 'key-000001'))).toEqual({
      status: 409,
      code: 'DEVICE_SERIAL_EXISTS',
    });
    expect(rows).toHaveLength(1);
  });

  it('moves a device to a new place with its region, and changes only what the form gives', async () => {
    const { deps, rows, audits } = fakeRegistry();
    await registerDevice(deps, 9, { ...smoke, estateId: 5, firmware: '1.0' });
    await updateDevice(deps, 1, { houseId: 12, status: 'maintenance' });
    expect(rows[0]).toMatchObject({ region_path: '/1/4/230/31/', house_id: 12, floor: 5, status: 'maintenance', firmware: '1.0' });
    expect(await refusal(updateDevice(deps, 1, { estateId: 99 }))).toEqual({ status: 404, code: 'PLACE_NOT_IN_SCOPE' });
    expect(await refusal(updateDevice(deps, 2, { name: 'x' }))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(audits).toEqual(['register_device', 'update_device']);
  });

  it('re-issues a new user name and secret, after which the old secret no longer matches', async () => {
    const { deps, rows, audits } = fakeRegistry();
    const first = await registerDevice(deps, 9, { ...smoke, estateId: 5 });
    const again = await reissueCredentials(deps, first.id);
    expect(again.credentials.username).not.toBe(first.credentials!.username);
    expect(rows[0].mqtt_username).toBe(again.credentials.username);
    expect(secretMatches(first.credentials!.password, rows[0].secret_sha256)).toBe(false);
    expect(secretMatches(again.credentials.password, rows[0].secret_sha256)).toBe(true);
    expect(audits).toEqual(['register_device', 'reissue_device_credentials']);
  });
});
