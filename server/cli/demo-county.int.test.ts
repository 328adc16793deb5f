import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../test/app.js';
import { installState, loadDemoCounty } from './demo-county.js';
import { demoCredentials } from '../domains/iot/index.js';
import { secretMatches } from '../domains/iot/credentials.js';

describe('demo county', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  beforeAll(async () => {
    t = await buildTestApp({ mode: 'demo' });
    expect(await installState(t.db)).toBe('empty');
    await loadDemoCounty(t.db, { residents: 1500, seed: 3, password: 'Demo@2023pass' }, { line: () => {}, count: () => {} });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('is marked ready and has the contract accounts, each scoped as promised', async () => {
    expect(await installState(t.db)).toBe('ready');
    const me = async (username: string) => {
      const session = await loginAs(t.app, username, 'Demo@2023pass');
      return (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).json();
    };
    expect(await me('county.admin')).toMatchObject({ role: 'county_admin', region: { code: '370124', level: 'county' } });
    expect(await me('jinyuan.staff')).toMatchObject({ role: 'community_staff', region: { name: '锦源社区' } });
    expect(await me('jindong.staff')).toMatchObject({ role: 'community_staff', region: { name: '锦东社区' } });
    expect(await me('resident.demo')).toMatchObject({ role: 'resident', region: { name: '锦源社区' } });
    expect(await me('jinyuan.grid')).toMatchObject({ role: 'grid_worker', region: { level: 'grid' } });
  });

  it('installs sensors inside the places they belong to, signed in with credentials derived from the demo password', async () => {
    const devices = await t.db
      .selectFrom('iot_devices as d')
      .leftJoin('estates as e', 'e.id', 'd.estate_id')
      .select(['d.serial', 'd.type_code', 'd.region_path', 'd.mqtt_username', 'd.secret_sha256', 'e.region_path as estate_path'])
      .execute();
    const types = new Set(devices.map((d) => d.type_code));
    for (const code of ['smoke_detector', 'fire_lane_camera', 'manhole_cover', 'gas_detector', 'emergency_button'])
      expect(types).toContain(code);
    expect(new Set(devices.map((d) => d.serial)).size).toBe(devices.length);
    // A device in an estate stands in that estate's community or one of its grids.
    for (const d of devices) if (d.estate_path) expect(d.region_path.startsWith(d.estate_path)).toBe(true);
    const one = devices[0];
    const demo = demoCredentials('Demo@2023pass', one.serial);
    expect(one.mqtt_username).toBe(demo.username);
    expect(secretMatches(demo.password, one.secret_sha256)).toBe(true);
    expect(secretMatches(demoCredentials('another password', one.serial).password, one.secret_sha256)).toBe(false);
  });

  it('gives the demo resident a home with household and grid workers', async () => {
    const session = await loginAs(t.app, 'resident.demo', 'Demo@2023pass');
    const home = (await t.app.inject({ method: 'GET', url: '/api/me/home', headers: session })).json();
    expect(home.resident.communityName).toBe('锦源社区');
    expect(home.resident.idCard).toMatch(/^\d{17}[\dX]$/); // their own number, in full
    expect(home.gridWorkers.length).toBeGreaterThan(0);
    // Their own numbers in full, everyone else's in the household masked.
    const others = home.resident.household.members.filter((m: { id: number }) => m.id !== home.resident.id);
    expect(others.length).toBeGreaterThan(0);
    for (const m of others) expect(m.idCard).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  });

  it('lists residents by the contract: items with masked numbers for the county, total', async () => {
    const session = await loginAs(t.app, 'county.admin', 'Demo@2023pass');
    const body = (await t.app.inject({ method: 'GET', url: '/api/residents?page=2&pageSize=10', headers: session })).json();
    expect(body.total).toBeGreaterThan(1400);
    expect(body.items).toHaveLength(10);
    for (const r of body.items) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'name', 'communityName', 'idCard', 'phone']));
      expect(r.idCard).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
  });

  it('has the leaders and units of the gazette', async () => {
    const session = await loginAs(t.app, 'county.admin', 'Demo@2023pass');
    const leaders = (await t.app.inject({ method: 'GET', url: '/api/orgs/leaders', headers: session })).json().items;
    const zhang = leaders.find((l: { name: string }) => l.name === '张伟');
    expect(zhang.abPartner.name).toBe('李培振');
    expect(zhang.duties.map((d: { unitName: string }) => d.unitName)).toContain('县城市管理局');
  });
});
