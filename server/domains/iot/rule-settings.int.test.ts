import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildDevice, buildStaff, seedTestRegions } from '../../test/factories.js';
import { loadDevicesForRules } from './rules-for-devices.js';
import { syncDeviceTypes } from './device-types.js';

/**
 * 规则设置 through the API and a real database (docs/decisions/032): a county administrator edits
 * a type's rule, a community administrator only its own devices' overrides; every bad body is
 * refused in Chinese and changes nothing; what is saved is what ingest loads for the next batch;
 * an edit of when a rule fires starts its stored condition over and keeps an open alarm open.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;

async function world() {
  await seedTestRegions(t.db);
  const ours = await buildDevice(t.db, '锦源社区', 'gas_detector');
  const theirs = await buildDevice(t.db, '锦东社区', 'gas_detector');
  const cookie = async (role: Parameters<typeof buildStaff>[1], region: string) => {
    const username = await buildStaff(t.db, role, region);
    return { username, cookie: (await loginAs(t.app, username)).cookie };
  };
  return {
    ours: ours.device,
    theirs: theirs.device,
    county: await cookie('county_admin', '平阴县'),
    desk: await cookie('community_staff', '锦源社区'),
    town: await cookie('town_staff', '榆山街道'),
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  w = await world();
}, 60_000);
afterAll(async () => t?.close());

const CO = '/api/iot/device-types/gas_detector/rules/co_high';
const call = (who: { cookie: string }, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: who.cookie }, ...(payload && { payload }) });
const coRow = () =>
  t.db
    .selectFrom('iot_rules')
    .selectAll()
    .where('type_code', '=', 'gas_detector')
    .where('code', '=', 'co_high')
    .where('device_id', 'is', null)
    .executeTakeFirstOrThrow();
const overrideRows = (deviceId: number) => t.db.selectFrom('iot_rules').selectAll().where('device_id', '=', deviceId).execute();
const runningRule = async (deviceId: number, code: string) =>
  (await loadDevicesForRules(t.db, [deviceId])).get(deviceId)!.rules.find((r) => r.code === code);
const coRule = {
  name: '一氧化碳浓度超标',
  kind: 'threshold',
  severity: 'major',
  enabled: true,
  field: 'co',
  operator: '>',
  value: 50,
  holdSeconds: 30,
  clearHysteresis: 5,
};

describe("a device type's rules", () => {
  it('reads them in words to anyone who reads devices, editable only county-wide', async () => {
    const county = await call(w.county, 'GET', '/api/iot/device-types/gas_detector/rules');
    expect(county.statusCode).toBe(200);
    const co = county.json().rules.find((r: { code: string }) => r.code === 'co_high');
    expect(co.description).toBe('一氧化碳 > 50 ppm 持续 30 秒（回落至 45 ppm 以下解除）');
    expect(county.json().editable).toBe(true);
    expect((await call(w.desk, 'GET', '/api/iot/device-types/gas_detector/rules')).json().editable).toBe(false);
    expect((await call(w.county, 'GET', '/api/iot/device-types/no_such_type/rules')).statusCode).toBe(404);
  });

  it('refuses a community administrator and town staff, changing nothing', async () => {
    const before = await coRow();
    const desk = await call(w.desk, 'PUT', CO, { ...coRule, value: 60 });
    expect(desk.statusCode).toBe(403);
    expect(desk.json()).toMatchObject({ code: 'TYPE_RULES_COUNTY_ONLY' });
    expect((await call(w.town, 'PUT', CO, { ...coRule, value: 60 })).statusCode).toBe(403);
    expect(await coRow()).toEqual(before);
  });

  it.each([
    [{ ...coRule, value: 'abc' }, '> 需要数值 value'],
    [{ ...coRule, holdSeconds: -1 }, 'holdSeconds 须为 0 到 86400 之间的整数'],
    [{ ...coRule, operator: 'between' }, 'between 需要 value 和 value2，且 value < value2'],
    [{ ...coRule, kind: 'magic' }, '规则类型须为 threshold、repeat、rate、event、offline、battery 或 tamper'],
    [{ ...coRule, name: '' }, '请填写规则名称'],
    [{ ...coRule, code: 'lel_high' }, '规则编码不能修改'],
  ])('refuses %j with a Chinese reason and changes nothing', async (body, message) => {
    const before = await coRow();
    const res = await call(w.county, 'PUT', CO, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toContain(message);
    expect(await coRow()).toEqual(before);
  });

  it("saves a valid edit, audited, kept from the type file, run from the next batch, and starts the devices' condition over", async () => {
    // The device is over the threshold and its alarm is active: the edit must not silently close it.
    await t.db
      .insertInto('iot_device_state')
      .values({
        device_id: w.ours.id,
        ts: new Date(),
        values: JSON.stringify({ co: 70 }),
        rule_state: JSON.stringify({
          co_high: { active: true, watermark: 1000, condition: { kind: 'level', runStart: 900 }, flapping: { raises: [] } },
        }),
      })
      .execute();
    const res = await call(w.county, 'PUT', CO, { ...coRule, value: 60, holdSeconds: 20 });
    expect(res.statusCode, res.body).toBe(200);
    const co = res.json().rules.find((r: { code: string }) => r.code === 'co_high');
    expect(co).toMatchObject({ edited: true, description: '一氧化碳 > 60 ppm 持续 20 秒（回落至 55 ppm 以下解除）' });
    expect(await runningRule(w.ours.id, 'co_high')).toMatchObject({ value: 60, holdSeconds: 20 });
    const state = await t.db
      .selectFrom('iot_device_state')
      .select('rule_state')
      .where('device_id', '=', w.ours.id)
      .executeTakeFirstOrThrow();
    expect(state.rule_state.co_high).toEqual({ active: true, watermark: 1000, condition: { kind: 'edited' }, flapping: { raises: [] } });
    const [line] = await auditLinesOf(t.db, w.county.username, 'edit_iot_rule');
    expect(line.detail).toMatchObject({ typeCode: 'gas_detector', code: 'co_high', changed: ['value', 'holdSeconds'] });
    await syncDeviceTypes(t.db);
    expect((await coRow()).definition).toMatchObject({ value: 60, holdSeconds: 20 });
  });
});

describe("a device's overrides", () => {
  const url = (id: number, code = 'co_high') => `/api/iot/devices/${id}/rules/${code}`;

  it("lets the community's administrator override its own device, keeping only what differs", async () => {
    const res = await call(w.desk, 'PUT', url(w.ours.id), { value: 60, holdSeconds: 90, severity: 'critical' });
    expect(res.statusCode, res.body).toBe(200);
    const co = res.json().rules.find((r: { code: string }) => r.code === 'co_high');
    expect(co.override).toEqual({ holdSeconds: 90, severity: 'critical' });
    expect(co.description).toBe('一氧化碳 > 60 ppm 持续 1 分 30 秒（回落至 55 ppm 以下解除）');
    expect(await runningRule(w.ours.id, 'co_high')).toMatchObject({ holdSeconds: 90, severity: 'critical', value: 60 });
    expect(await auditLinesOf(t.db, w.desk.username, 'override_device_rule')).toHaveLength(1);
  });

  it("refuses another community's device as not there, and town staff without the permission", async () => {
    expect((await call(w.desk, 'PUT', url(w.theirs.id), { holdSeconds: 90 })).statusCode).toBe(404);
    expect((await call(w.desk, 'GET', `/api/iot/devices/${w.theirs.id}/rules`)).statusCode).toBe(404);
    expect((await call(w.town, 'PUT', url(w.ours.id), { holdSeconds: 90 })).statusCode).toBe(403);
    expect(await overrideRows(w.theirs.id)).toEqual([]);
  });

  it.each([
    [{ kind: 'event' }, 'RULE_KEY_FIXED', '单台设备不能修改规则的 kind'],
    [{ code: 'x' }, 'RULE_KEY_FIXED', '单台设备不能修改规则的 code'],
    [{ eventType: 'fire' }, 'RULE_KEY_UNKNOWN', '该类规则没有 eventType 这一项'],
    [{ value: 'abc' }, 'RULE_INVALID', '> 需要数值 value'],
    [{ clearHysteresis: -2 }, 'RULE_INVALID', 'clearHysteresis 须为不小于 0 的数值'],
    [{ severity: 'urgent' }, 'RULE_INVALID', '告警级别须为'],
  ])('refuses %j and keeps the override as it was', async (body, code, message) => {
    const before = await overrideRows(w.ours.id);
    const res = await call(w.desk, 'PUT', url(w.ours.id), body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code });
    expect(res.json().message).toContain(message);
    expect(await overrideRows(w.ours.id)).toEqual(before);
  });

  it('turns a rule off for one device and back on, and removes the override', async () => {
    const off = await call(w.desk, 'PUT', url(w.ours.id), { enabled: false });
    expect(off.json().rules.find((r: { code: string }) => r.code === 'co_high').effective.enabled).toBe(false);
    expect(await runningRule(w.ours.id, 'co_high')).toBeUndefined();
    expect(await runningRule(w.theirs.id, 'co_high')).toBeDefined();

    const removed = await call(w.desk, 'DELETE', url(w.ours.id));
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().rules.find((r: { code: string }) => r.code === 'co_high').override).toBeNull();
    expect(await runningRule(w.ours.id, 'co_high')).toMatchObject({ holdSeconds: 20, severity: 'major' });
    expect((await call(w.desk, 'DELETE', url(w.ours.id))).statusCode).toBe(404);
  });

  it('takes the whole rule as the form sends it, keeping what differs', async () => {
    const { code: _code, kind: _kind, ...form } = { code: 'co_high', ...coRule, value: 60, holdSeconds: 75 };
    const res = await call(w.desk, 'PUT', url(w.ours.id), form);
    expect(res.statusCode, res.body).toBe(200);
    const override = res.json().rules.find((r: { code: string }) => r.code === 'co_high').override;
    expect(override).toMatchObject({ holdSeconds: 75 });
    expect(Object.keys(override)).not.toContain('name');
    await call(w.desk, 'DELETE', url(w.ours.id));
  });

  it('removes an override that comes back to the type rule', async () => {
    await call(w.desk, 'PUT', url(w.ours.id), { holdSeconds: 45 });
    const same = await call(w.desk, 'PUT', url(w.ours.id), { holdSeconds: 20 });
    expect(same.statusCode).toBe(200);
    expect(await overrideRows(w.ours.id)).toEqual([]);
  });
});
