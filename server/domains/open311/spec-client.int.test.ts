import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { wgs84ToGcj02 } from '../../../common/coordinates.js';
import { buildTestApp, loginAs, uploadTestPhoto } from '../../test/app.js';
import { buildHouse, buildResident, buildStaff, categoryByCode, countCases, seedCasework } from '../../test/factories.js';
import { createOpen311Client, DEMO_CLIENT_NAME, ensureDemoOpen311Client, retireDemoOpen311Client } from './clients.js';
import { GeoReportClient, type Answer, type ServiceRequest, type Value } from './spec-client.js';

/**
 * Open311 through a client that knows only the GeoReport v2 spec, over real HTTP: discover the
 * services, file requests the spec's way, follow them while staff work the case in the
 * workbench, and look through every answer for anything personal.
 */
const clock = manualClock('2026-08-03T10:00:00+08:00'); // a Monday, four months before "now"
const NOW = '2026-11-30T10:00:00+08:00';
const KEY = 'pingyin-open311-test-key-0001';
const at = { lat: 36.2869, long: 116.4551 };

// Personal data that must never come back out of Open311.
const reporter = { first_name: '丽华', last_name: '赵', email: 'zhao.lihua@example.cn', phone: '13800138000' };
const residentPhone = '13912340000';
const handlerPhone = '13912345678';
const deskPhone = '0531-87881234';
const room = '5021';

let t: Awaited<ReturnType<typeof buildTestApp>>;
let client: GeoReportClient;
let w: Awaited<ReturnType<typeof world>>;

async function world() {
  await seedCasework(t.db);
  const house = await buildHouse(t.db, '锦源社区', { room });
  const resident = await buildResident(t.db, house, { name: '王秀兰', phone: residentPhone });
  const users = {
    resident: await buildStaff(t.db, 'resident', '锦源社区', { residentId: resident.id }),
    desk: await buildStaff(t.db, 'county_admin', '平阴县'),
    handler: await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县城市管理局' }),
  };
  const cookies = Object.fromEntries(
    await Promise.all(Object.entries(users).map(async ([k, u]) => [k, (await loginAs(t.app, u)).cookie])),
  ) as Record<keyof typeof users, string>;
  return { house, resident, users, cookies };
}

const staff = (who: keyof typeof w.cookies, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: { cookie: w.cookies[who] }, payload });
async function act(who: keyof typeof w.cookies, id: number, payload: Record<string, unknown>) {
  const res = await staff(who, 'POST', `/api/cases/${id}/actions`, payload);
  expect(res.statusCode, res.body).toBe(200);
}
const caseIdOf = async (number: string) =>
  (await t.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
const caseCount = () => countCases(t.db);

const uploadPhoto = (who: keyof typeof w.cookies) => uploadTestPhoto(t.app, w.cookies[who]);

/** The same answer read from JSON and from XML compares equal once every leaf is text. */
function leaves(v: unknown): Value {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.map(leaves);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, leaves(x)]));
  return String(v);
}

function expectXml(a: Answer<unknown>, root: string) {
  expect(a.contentType).toBe('text/xml; charset=utf-8');
  expect(a.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(a.body).toMatch(new RegExp(`^<${root}(/?)>$`, 'm'));
}

const errorCodes = (a: Answer<unknown>) => (a.data as { code: Value; description: Value }[]).map((e) => `${e.code}`);
const descriptions = (a: Answer<unknown>) => (a.data as { description: Value }[]).map((e) => String(e.description)).join(' ');
const numbers = (a: Answer<ServiceRequest[]>) => a.data.map((r) => String(r.service_request_id));

const vehicle = {
  service_code: 'abandoned_vehicle',
  ...at,
  ...reporter,
  description: `锦源路北侧一辆白色轿车停放半年，联系人赵丽华 ${reporter.phone}`,
  media_url: 'https://img.example.cn/p/1.jpg?size=large&v=2',
  attributes: { brand: '大众', vehicle_kind: 'car', signs: ['dust', 'flat_tyres'], location_kind: 'road' },
};

beforeAll(async () => {
  t = await buildTestApp({ clock });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  w = await world();
  await ensureDemoOpen311Client(t.db, KEY);
  client = new GeoReportClient(`http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/open311/v2`, KEY);
});
afterAll(async () => t?.close());

describe('clients and keys', () => {
  it('the demo client is upserted under one name; a re-keyed demo refuses the old key', async () => {
    await ensureDemoOpen311Client(t.db, 'another-demo-key-0002');
    await ensureDemoOpen311Client(t.db, KEY);
    const rows = await t.db.selectFrom('open311_clients').select(['name', 'api_key_sha256']).execute();
    expect(rows.filter((r) => r.name === DEMO_CLIENT_NAME)).toHaveLength(1);
    expect(rows.every((r) => !r.api_key_sha256.includes(KEY))).toBe(true);
    const stale = await client.createRequest({ service_code: 'streetlight', ...at }, 'json', { apiKey: 'another-demo-key-0002' });
    expect(stale.status).toBe(403);
  });

  it('outside demo mode the demo key opens nothing; a demo start brings it back', async () => {
    await retireDemoOpen311Client(t.db);
    expect((await client.createRequest({ service_code: 'streetlight', ...at })).status).toBe(403);
    await ensureDemoOpen311Client(t.db, KEY);
  });

  it('a new client gets a key once; the name cannot be taken twice', async () => {
    const app = await createOpen311Client(t.db, '平阴通 App');
    expect(app.apiKey).toMatch(/^o311k_[A-Za-z0-9_-]{32}$/);
    await expect(createOpen311Client(t.db, '平阴通 App')).rejects.toMatchObject({ code: 'CLIENT_EXISTS' });
    const res = await client.createRequest({ service_code: 'streetlight', ...at, description: '第二个应用' }, 'json', {
      apiKey: app.apiKey,
    });
    expect(res.status, res.body).toBe(200);
  });
});

describe('discovery and services', () => {
  it('discovery names the GeoReport v2 endpoint and both formats, in JSON and XML', async () => {
    const json = await client.discovery('json');
    expect(json.status).toBe(200);
    expect(json.contentType).toBe('application/json; charset=utf-8');
    const d = json.data as { endpoints: { specification: string; url: string; formats: string[]; type: string }[]; changeset: string };
    expect(d.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: client.endpoint,
      type: 'production',
    });
    expect([...d.endpoints[0].formats].sort()).toEqual(['application/json', 'text/xml']);
    const xml = await client.discovery('xml');
    expectXml(xml, 'discovery');
    expect(xml.body).toMatch(/<formats>\s*<format>text\/xml<\/format>\s*<format>application\/json<\/format>\s*<\/formats>/);
    expect(leaves(xml.data)).toEqual(leaves(json.data));
  });

  it('lists the public leaf categories only', async () => {
    const json = await client.services();
    expect(json.status).toBe(200);
    const codes = json.data.map((s) => s.service_code);
    expect(codes).toEqual(expect.arrayContaining(['streetlight', 'manhole', 'garbage', 'abandoned_vehicle', 'fire_passage']));
    // Private categories (燃气, 供暖, 治安, 纠纷, 物业, 食品, 其他) and parents are not services.
    for (const hidden of [
      'gas',
      'heating',
      'security_risk',
      'neighbour_dispute',
      'property_repair',
      'food_safety_issue',
      'other_issue',
      'public_facilities',
    ]) {
      expect(codes).not.toContain(hidden);
    }
    const streetlight = json.data.find((s) => s.service_code === 'streetlight')!;
    expect(streetlight).toMatchObject({
      service_name: '路灯损坏',
      metadata: true,
      type: 'realtime',
      group: '公共设施',
      keywords: '路灯, 不亮, 灯',
    });
    expect(json.data.find((s) => s.service_code === 'garbage')!.metadata).toBe(false);
    const xml = await client.services('xml');
    expectXml(xml, 'services');
    expect(xml.body).toMatch(/<services>\s*<service>\s*<service_code>[a-z_]+<\/service_code>\s*<service_name>/);
    expect(leaves(xml.data)).toEqual(leaves(json.data));
  });

  it("a definition carries the category's public fields only, in the spec's datatypes", async () => {
    const json = await client.serviceDefinition('abandoned_vehicle');
    expect(json.status).toBe(200);
    expect(json.data.service_code).toBe('abandoned_vehicle');
    const attrs = json.data.attributes;
    expect(attrs.map((a) => a.code)).toEqual(['brand', 'vehicle_kind', 'signs', 'location_kind']); // not the plate
    expect(attrs.map((a) => a.datatype)).toEqual(['string', 'singlevaluelist', 'multivaluelist', 'singlevaluelist']);
    expect(attrs.map((a) => a.required)).toEqual([false, false, true, true]);
    expect(attrs.map((a) => a.order)).toEqual([1, 2, 3, 4]);
    expect(attrs.every((a) => a.variable === true)).toBe(true);
    expect(attrs[2]).toMatchObject({ description: '弃用特征' });
    expect(attrs[2].values).toContainEqual({ key: 'flat_tyres', name: '胎瘪' });
    expect(attrs[0].values).toBeUndefined();
    const manhole = await client.serviceDefinition('manhole');
    expect(manhole.data.attributes[0]).toMatchObject({
      code: 'danger',
      datatype: 'singlevaluelist',
      required: true,
      values: [
        { key: 'true', name: '是' },
        { key: 'false', name: '否' },
      ],
    });
    const xml = await client.serviceDefinition('abandoned_vehicle', 'xml');
    expectXml(xml, 'service_definition');
    expect(xml.body).toMatch(
      /<attributes>\s*<attribute>\s*<variable>true<\/variable>\s*<code>brand<\/code>\s*<datatype>string<\/datatype>/,
    );
    expect(xml.body).toMatch(/<values>\s*<value>\s*<key>dust<\/key>\s*<name>积灰<\/name>\s*<\/value>/);
    expect(leaves(xml.data)).toEqual(leaves(json.data));
  });

  it('the endpoints are in the OpenAPI document beside the rest of the API', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/open311/v2/requests.{format}', '/open311/v2/services/{service_code}.{format}']),
    );
  });

  it('an unknown, a private and a parent service code are all 404, in either format', async () => {
    for (const code of ['no_such_service', 'gas', 'public_facilities']) {
      const json = await client.serviceDefinition(code);
      expect(json.status).toBe(404);
      expect(errorCodes(json)).toEqual(['404']);
    }
    const xml = await client.serviceDefinition('gas', 'xml');
    expect(xml.status).toBe(404);
    expectXml(xml, 'errors');
    expect(xml.body).toMatch(/<errors>\s*<error>\s*<code>404<\/code>\s*<description>[^<]+<\/description>\s*<\/error>\s*<\/errors>/);
  });
});

describe('POST requests', () => {
  let vehicleNumber: string;
  let vehicleToken: string;

  it('files a request form-encoded, with lat/long, attributes (a list too) and media_url', async () => {
    const res = await client.createRequest(vehicle);
    expect(res.status, res.body).toBe(200);
    expect(res.data).toHaveLength(1);
    const [created] = res.data;
    expect(String(created.service_request_id)).toMatch(/^PY20260803\d{6}$/);
    expect(String(created.token)).toMatch(/^o311-/);
    expect(created.service_notice).toContain('20个工作日');
    expect(created.account_id).toBeNull();
    vehicleNumber = String(created.service_request_id);
    vehicleToken = String(created.token);
    // Stored as the casework needs it: the form's values, the reporter on the source, the link.
    const c = await t.db.selectFrom('cases').selectAll().where('number', '=', vehicleNumber).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ source: 'open311', is_public: true, status: 'reported' });
    // The spec's WGS-84 is stored as the case API's GCJ-02: about half a kilometre east here.
    const stored = wgs84ToGcj02({ lat: at.lat, lon: at.long });
    expect(c.lat).toBeCloseTo(stored.lat, 9);
    expect(c.lon).toBeCloseTo(stored.lon, 9);
    expect(c.lon! - at.long).toBeGreaterThan(0.004);
    expect(c.attributes).toEqual({ brand: '大众', vehicle_kind: 'car', signs: ['dust', 'flat_tyres'], location_kind: 'road' });
    const source = await t.db.selectFrom('case_sources').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(source).toMatchObject({ source: 'open311', reference: vehicleToken, reporter_name: '赵丽华', reporter_phone: reporter.phone });
    const link = await t.db.selectFrom('case_photos').select('media_url').where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(link.media_url).toBe(vehicle.media_url);
  });

  it('the old request is outside the default 90 days, and the token finds it', async () => {
    clock.set(NOW);
    const list = await client.requests();
    expect(numbers(list)).not.toContain(vehicleNumber);
    const json = await client.token(vehicleToken);
    expect(json.status).toBe(200);
    expect(json.data).toEqual([{ service_request_id: vehicleNumber, token: vehicleToken }]);
    const xml = await client.token(vehicleToken, 'xml');
    expectXml(xml, 'service_requests');
    expect(xml.body).toMatch(
      /<service_requests>\s*<request>\s*<service_request_id>PY\d+<\/service_request_id>\s*<token>o311-[^<]+<\/token>/,
    );
    expect(leaves(xml.data)).toEqual(leaves(json.data));
    expect((await client.token('o311-nosuchtoken')).status).toBe(404);
    const inAugust = await client.requests({ start_date: '2026-08-01T00:00:00+08:00', end_date: '2026-08-31T00:00:00+08:00' });
    expect(numbers(inAugust)).toContain(vehicleNumber);
    // A bare start date: 90 days from it.
    expect(numbers(await client.requests({ start_date: '2026-08-01' }))).toContain(vehicleNumber);
    expect(numbers(await client.requests({ start_date: '2026-08-04' }))).not.toContain(vehicleNumber);
  });

  it('files a request by address_string, answering in XML; a typed home address is never shown', async () => {
    const res = await client.createRequest(
      {
        service_code: 'streetlight',
        address_string: `锦源小区3号楼2单元${room}室门口`,
        description: '楼下路灯不亮+闪烁',
        attributes: { pole_no: 'LD-0231' },
        ...reporter,
      },
      'xml',
    );
    expect(res.status, res.body).toBe(200);
    expectXml(res, 'service_requests');
    expect(res.body).toMatch(
      /<service_requests>\s*<request>\s*<service_request_id>PY20261130\d{6}<\/service_request_id>\s*<token>o311-[^<]+<\/token>\s*<service_notice>[^<]+<\/service_notice>\s*<account_id\/>\s*<\/request>/,
    );
    const [created] = res.data as { service_request_id: string }[];
    const c = await t.db
      .selectFrom('cases')
      .select(['description', 'address', 'lat'])
      .where('number', '=', created.service_request_id)
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({ description: '楼下路灯不亮+闪烁', lat: null, address: `锦源小区3号楼2单元${room}室门口` });
    const [shown] = (await client.request(created.service_request_id)).data;
    expect(shown).toMatchObject({ address: '平阴县', address_id: '370124', lat: null, long: null, description: '灯杆编号：LD-0231' });
  });

  it('a plain street address is shown as given; address_id names a town', async () => {
    const street = await client.createRequest({ service_code: 'garbage', address_string: '榆山路与翠屏街交叉口' });
    expect(street.status, street.body).toBe(200);
    const [shown] = (await client.request(String(street.data[0].service_request_id))).data;
    expect(shown).toMatchObject({ address: '榆山路与翠屏街交叉口', description: null, service_name: '垃圾清运不及时' });
    const town = await client.createRequest({ service_code: 'garbage', address_id: '370124001000', description: '街道垃圾桶满溢' });
    expect(town.status, town.body).toBe(200);
    const [inTown] = (await client.request(String(town.data[0].service_request_id))).data;
    expect(inTown).toMatchObject({ address: '榆山街道，平阴县', address_id: '370124001000' });
    expect((await client.createRequest({ service_code: 'garbage', address_id: '999999' })).status).toBe(400);
  });

  it('a JSON body works too; a retried POST with the same Idempotency-Key gives the same request and token', async () => {
    const json = await client.raw('POST', 'requests.json', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: KEY, service_code: 'manhole', lat: at.lat, long: at.long, attribute: { danger: true } }),
    });
    expect(json.status, json.body).toBe(200);
    const fields = { service_code: 'manhole', ...at, attributes: { danger: 'false' } };
    const headers = { 'idempotency-key': 'o311-retry-000001' };
    const first = await client.createRequest(fields, 'json', { headers });
    const again = await client.createRequest(fields, 'json', { headers });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.data).toEqual(first.data);
    expect(
      await t.db.selectFrom('cases').select('id').where('idempotency_key', 'like', 'open311:%:o311-retry-000001').execute(),
    ).toHaveLength(1);
  });

  it('a missing or wrong api_key is 403 and files nothing', async () => {
    const before = await caseCount();
    const wrong = await client.createRequest({ service_code: 'streetlight', ...at }, 'json', { apiKey: 'not-a-real-key-at-all' });
    expect(wrong.status).toBe(403);
    expect(errorCodes(wrong)).toEqual(['403']);
    const missing = await client.createRequest({ service_code: 'streetlight', ...at }, 'xml', { apiKey: null });
    expect(missing.status).toBe(403);
    expectXml(missing, 'errors');
    expect(missing.body).toMatch(/<error>\s*<code>403<\/code>/);
    expect(await caseCount()).toBe(before);
  });

  it('unknown and private service codes are 404; a missing one is 400', async () => {
    const before = await caseCount();
    expect((await client.createRequest({ service_code: 'no_such_service', ...at })).status).toBe(404);
    expect((await client.createRequest({ service_code: 'gas', ...at, description: '燃气味' })).status).toBe(404);
    expect((await client.createRequest({ service_code: 'public_facilities', ...at })).status).toBe(404);
    const none = await client.createRequest({ ...at, description: '没写服务' });
    expect(none.status).toBe(400);
    expect(descriptions(none)).toContain('service_code');
    expect(await caseCount()).toBe(before);
  });

  it('refuses a request with no place, half a point, or a point outside the county', async () => {
    const before = await caseCount();
    const nowhere = await client.createRequest({ service_code: 'streetlight', description: '哪里都不是' });
    expect(nowhere.status).toBe(400);
    expect(descriptions(nowhere)).toContain('address_string');
    expect((await client.createRequest({ service_code: 'streetlight', lat: at.lat })).status).toBe(400);
    const jinan = await client.createRequest({ service_code: 'streetlight', lat: 36.65, long: 117.0 });
    expect(jinan.status).toBe(400);
    expect(descriptions(jinan)).toContain('OUTSIDE_COUNTY');
    expect(await caseCount()).toBe(before);
  });

  it('checks the attributes: only public ones, the required ones, real options, at most 20', async () => {
    const before = await caseCount();
    const base = { service_code: 'abandoned_vehicle', ...at };
    const plate = await client.createRequest({ ...base, attributes: { ...vehicle.attributes, plate: '鲁A12345' } });
    expect(plate.status).toBe(400);
    expect(descriptions(plate)).toContain('UNKNOWN_FIELD');
    const required = await client.createRequest({ ...base, attributes: { location_kind: 'road' } });
    expect(descriptions(required)).toContain('FIELD_REQUIRED');
    const option = await client.createRequest({ ...base, attributes: { signs: ['dust'], location_kind: 'moon' } });
    expect(descriptions(option)).toContain('FIELD_INVALID');
    const danger = await client.createRequest({ service_code: 'manhole', ...at, attributes: { danger: 'maybe' } });
    expect(descriptions(danger)).toContain('FIELD_INVALID');
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`a${i}`, 'x']));
    const tooMany = await client.createRequest({ ...base, attributes: many });
    expect(tooMany.status).toBe(400);
    expect(descriptions(tooMany)).toContain('20');
    const long = await client.createRequest({ service_code: 'streetlight', ...at, description: '灯'.repeat(2001) });
    expect(long.status).toBe(400);
    const media = await client.createRequest({ service_code: 'streetlight', ...at, media_url: 'javascript:alert(1)' });
    expect(media.status).toBe(400);
    const email = await client.createRequest({ service_code: 'streetlight', ...at, email: 'not-an-email' });
    expect(email.status).toBe(400);
    expect(await caseCount()).toBe(before);
  });
});

describe('following requests while staff work them', () => {
  let lamp: string;
  let refused: string;
  let residentCase: number;
  let privateCase: number;
  let residentPhoto: number;
  let privatePhoto: number;

  beforeAll(async () => {
    const a = await client.createRequest({
      service_code: 'streetlight',
      ...at,
      description: '路灯不亮',
      ...reporter,
      attributes: { pole_no: 'LD-0777' },
    });
    lamp = String(a.data[0].service_request_id);
    const b = await client.createRequest({ service_code: 'illegal_ads', ...at, description: '电线杆小广告' });
    refused = String(b.data[0].service_request_id);
    residentPhoto = await uploadPhoto('resident');
    const mine = await staff('resident', 'POST', '/api/cases', {
      categoryId: (await categoryByCode(t.db, 'streetlight')).id,
      houseId: w.house.id,
      lat: at.lat,
      lon: at.long,
      description: `我家门口路灯坏了，电话${residentPhone}`,
      photoIds: [residentPhoto],
    });
    expect(mine.statusCode, mine.body).toBe(201);
    residentCase = mine.json().caseId;
    privatePhoto = await uploadPhoto('resident');
    const dispute = await staff('resident', 'POST', '/api/cases', {
      categoryId: (await categoryByCode(t.db, 'neighbour_dispute')).id,
      houseId: w.house.id,
      description: '楼上邻居漏水',
      photoIds: [privatePhoto],
    });
    expect(dispute.statusCode, dispute.body).toBe(201);
    privateCase = dispute.json().caseId;
  });

  it('a new request is open, with the SLA notice and no agency yet', async () => {
    const json = await client.request(lamp);
    expect(json.status).toBe(200);
    expect(json.data).toHaveLength(1);
    expect(json.data[0]).toMatchObject({
      service_request_id: lamp,
      status: 'open',
      status_notes: '待受理',
      service_code: 'streetlight',
      service_name: '路灯损坏',
      description: '灯杆编号：LD-0777',
      agency_responsible: null,
      expected_datetime: null,
      requested_datetime: NOW,
      updated_datetime: NOW,
      address: '平阴县',
      lat: at.lat,
      long: at.long,
      media_url: null,
    });
    expect(json.data[0].service_notice).toContain('5个工作日');
    const xml = await client.request(lamp, 'xml');
    expectXml(xml, 'service_requests');
    expect(xml.body).toMatch(/<request>\s*<service_request_id>PY\d+<\/service_request_id>\s*<status>open<\/status>\s*<status_notes>/);
    expect(leaves(xml.data)).toEqual(leaves(json.data));
    expect((await client.request('PY20261130999999')).status).toBe(404);
    expect((await client.request('PY20261130999999', 'xml')).body).toMatch(/<code>404<\/code>/);
  });

  it('accepted and dispatched: the unit is named and the promise dated', async () => {
    const id = await caseIdOf(lamp);
    await act('desk', id, { action: 'accept' });
    await act('desk', id, { action: 'register' });
    await act('desk', id, { action: 'dispatch' });
    const [r] = (await client.request(lamp)).data;
    // 公共设施: five working days from acceptance on Mon 30 Nov → end of Mon 7 Dec.
    expect(r).toMatchObject({
      status: 'open',
      agency_responsible: '县城市管理局',
      expected_datetime: '2026-12-07T17:00:00+08:00',
      status_notes: '派遣至县城市管理局',
    });
  });

  it('handled, verified and closed through the workbench: closed, with public notes only', async () => {
    const id = await caseIdOf(lamp);
    await act('handler', id, { action: 'sign' });
    await act('handler', id, { action: 'handle', result: `已更换灯泡，现场联系人电话 ${handlerPhone}`, photoIds: [] });
    expect((await client.request(lamp)).data[0]).toMatchObject({ status: 'open', status_notes: '已更换灯泡，现场联系人电话 ***' });
    await act('desk', id, { action: 'comment', note: '内部备注：请城管局下周复查', internal: true });
    await act('desk', id, { action: 'verify', note: '现场核查路灯已亮' });
    clock.advance(3600_000);
    await act('desk', id, { action: 'close', note: '路灯已修复，结案' });
    const [r] = (await client.request(lamp)).data;
    expect(r).toMatchObject({ status: 'closed', status_notes: '路灯已修复，结案', updated_datetime: '2026-11-30T11:00:00+08:00' });
  });

  it('a refused report is closed too, its reason without the phone number', async () => {
    await act('desk', await caseIdOf(refused), { action: 'reject', reason: `经核实已由供电公司处理，详询 ${deskPhone}` });
    const [r] = (await client.request(refused)).data;
    expect(r).toMatchObject({ status: 'closed', status_notes: '经核实已由供电公司处理，详询 ***' });
  });

  it("a resident's report at home shows the region, never the house; its photo is served without a session", async () => {
    const number = (await t.db.selectFrom('cases').select('number').where('id', '=', residentCase).executeTakeFirstOrThrow()).number;
    const [r] = (await client.request(number)).data;
    expect(String(r.address)).toMatch(/^第\d+网格，锦源社区，榆山街道，平阴县$/);
    expect(r.media_url).toBe(`${client.endpoint}/media/${residentPhoto}.jpg`);
    const photo = await fetch(String(r.media_url));
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect((await photo.arrayBuffer()).byteLength).toBeGreaterThan(100);
    // A private case's photo is not served, nor a link, nor a photo never attached.
    expect((await client.raw('GET', `media/${privatePhoto}.jpg`)).status).toBe(404);
    expect((await client.raw('GET', 'media/999999.jpg')).status).toBe(404);
    const [linked] = (
      await client.requests({
        service_request_id: [
          (
            await t.db
              .selectFrom('cases')
              .select('number')
              .where('source', '=', 'open311')
              .where('category_id', '=', (await categoryByCode(t.db, 'abandoned_vehicle')).id)
              .orderBy('id')
              .executeTakeFirstOrThrow()
          ).number,
        ],
      })
    ).data;
    expect(linked.media_url).toBe(vehicle.media_url);
    const xml = await client.requests({ service_request_id: [String(linked.service_request_id)] }, 'xml');
    expect(xml.body).toContain('<media_url>https://img.example.cn/p/1.jpg?size=large&amp;v=2</media_url>');
    expect((xml.data as ServiceRequest[])[0].media_url).toBe(vehicle.media_url);
  });

  it('a private category never shows: not listed, not by number', async () => {
    const number = (await t.db.selectFrom('cases').select('number').where('id', '=', privateCase).executeTakeFirstOrThrow()).number;
    expect((await client.request(number)).status).toBe(404);
    expect(numbers(await client.requests())).not.toContain(number);
    expect(numbers(await client.requests({ service_request_id: [number, lamp] }))).toEqual([lamp]);
  });

  it('GET requests filters by id list, service code, dates and status', async () => {
    const all = await client.requests();
    expect(all.status).toBe(200);
    expect(numbers(all)).toEqual(expect.arrayContaining([lamp, refused]));
    const times = all.data.map((r) => String(r.requested_datetime));
    expect([...times].sort().reverse()).toEqual(times); // newest first
    // The id list overrides every other argument.
    const byId = await client.requests({ service_request_id: [lamp, refused], service_code: ['garbage'], status: ['open'] });
    expect(numbers(byId).sort()).toEqual([lamp, refused].sort());
    const lamps = await client.requests({ service_code: ['streetlight'] });
    expect(lamps.data.length).toBeGreaterThan(1);
    expect(lamps.data.every((r) => r.service_code === 'streetlight')).toBe(true);
    const two = await client.requests({ service_code: ['streetlight', 'illegal_ads'] });
    expect(new Set(two.data.map((r) => r.service_code))).toEqual(new Set(['streetlight', 'illegal_ads']));
    const closed = await client.requests({ status: ['closed'] });
    expect(numbers(closed).sort()).toEqual([lamp, refused].sort());
    const open = await client.requests({ status: ['open'] });
    expect(open.data.every((r) => r.status === 'open')).toBe(true);
    expect(numbers(open)).not.toContain(lamp);
    expect((await client.requests({ status: ['open', 'closed'] })).data).toHaveLength(all.data.length);
    const later = await client.requests({ start_date: '2026-11-30T10:30:00+08:00', end_date: '2026-12-01T00:00:00+08:00' });
    expect(later.data).toEqual([]);
    // '+' unencoded in a query string arrives as a space; the zone is still read.
    expect((await client.raw('GET', 'requests.json?start_date=2026-11-30T00:00:00+08:00')).status).toBe(200);
    const xml = await client.requests({}, 'xml');
    expectXml(xml, 'service_requests');
    expect(leaves(xml.data)).toEqual(leaves(all.data));
  });

  it('GET requests refuses bad parameters with the error array', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ status: 'pending' }, 'status'],
      [{ start_date: '2026-08-01T00:00:00' }, 'start_date'],
      [{ start_date: '2026-02-30' }, 'start_date'],
      [{ start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' }, '90'],
      [{ start_date: '2026-06-01T00:00:00Z', end_date: '2026-05-01T00:00:00Z' }, 'start_date'],
      [{ service_request_id: 'PY1;DROP' }, 'service_request_id'],
    ];
    for (const [query, word] of cases) {
      const res = await client.raw('GET', `requests.json?${new URLSearchParams(query)}`);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(errorCodes(res)).toContain('400');
      expect(descriptions(res)).toContain(word);
    }
    const xml = await client.raw('GET', 'requests.xml?status=pending');
    expect(xml.status).toBe(400);
    expectXml(xml, 'errors');
    const unknown = await client.raw('GET', 'nothing-here.xml');
    expect(unknown.status).toBe(404);
    expectXml(unknown, 'errors');
  });
});

describe('nothing personal', () => {
  it('no answer, in any format, carries a name, phone, e-mail, ID number, room or staff account', async () => {
    expect(client.transcript.length).toBeGreaterThan(40);
    const forbidden = [
      '赵丽华',
      reporter.first_name,
      reporter.phone,
      reporter.email,
      '王秀兰',
      residentPhone,
      w.resident.id_card,
      handlerPhone,
      deskPhone,
      `${room}室`,
      room,
      '单元',
      w.house.standard_address!,
      '楼上邻居漏水',
      '内部备注',
      ...Object.values(w.users),
    ];
    const found = client.transcript.flatMap((a) => forbidden.filter((f) => a.body.includes(f)).map((f) => `${f} in ${a.method} ${a.url}`));
    expect(found).toEqual([]);
  });
});
