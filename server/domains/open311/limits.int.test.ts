import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildStaff, countCases, seedCasework } from '../../test/factories.js';
import { OPEN311_LIMITS } from './open311.service.js';
import { GeoReportClient } from './spec-client.js';

/**
 * Open311 applications registered and revoked by the county administrator through the API, and
 * filing at a bounded rate (issue 7, finding 11: 100 requests in 4.6 s were all accepted).
 */
const at = { lat: 36.2869, long: 116.4551 };
let t: Awaited<ReturnType<typeof buildTestApp>>;
let georeport: GeoReportClient;
let admin: { cookie: string };

beforeAll(async () => {
  t = await buildTestApp();
  await seedCasework(t.db);
  admin = await loginAs(t.app, await buildStaff(t.db, 'county_admin', '平阴县'));
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  georeport = new GeoReportClient(`http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/open311/v2`, 'unused');
});
afterAll(async () => t?.close());

const register = async (name: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/open311-clients', headers: admin, payload: { name } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; name: string; apiKey: string };
};
const file = (apiKey: string) =>
  georeport.createRequest({ service_code: 'streetlight', ...at, description: '路灯不亮' }, 'json', { apiKey });

describe('Open311 client applications through the API', () => {
  it('are registered with a key shown once, listed without it, and revoked so the key stops working', async () => {
    const app = await register('镇街便民小程序');
    expect(app.apiKey).toMatch(/^o311k_/);
    const list = await t.app.inject({ url: '/api/open311-clients', headers: admin });
    expect(list.body).not.toContain(app.apiKey);
    expect(list.json().items.find((c: { id: number }) => c.id === app.id)).toMatchObject({ name: '镇街便民小程序', active: true });
    expect((await file(app.apiKey)).status).toBe(200);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/open311-clients/${app.id}`, headers: admin });
    expect(revoked.json()).toMatchObject({ alreadyRevoked: false, client: { active: false } });
    expect((await file(app.apiKey)).status).toBe(403);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'open311_client').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['open311_client_created', 'open311_client_revoked']);
  });
});

describe('Open311 filing rate', () => {
  const caseCount = () => countCases(t.db);

  it('answers 429 with Retry-After once an application files more than its share in a minute, and files nothing more', async () => {
    const app = await register('限流测试应用');
    const before = await caseCount();
    const statuses: number[] = [];
    for (let i = 0; i < OPEN311_LIMITS.perClient.limit + 5; i++) statuses.push((await file(app.apiKey)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(OPEN311_LIMITS.perClient.limit);
    expect(statuses.slice(OPEN311_LIMITS.perClient.limit)).toEqual([429, 429, 429, 429, 429]);
    const after = await caseCount();
    expect(after - before).toBe(OPEN311_LIMITS.perClient.limit);
    const refused = await file(app.apiKey);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toContain('RATE_LIMITED');
  });
});
