import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app.js';
import { seedCasework } from '../../test/factories.js';
import { createOpen311Client, listOpen311Clients, revokeOpen311Client } from './clients.js';
import { GeoReportClient } from './spec-client.js';

/**
 * One key per client application, revoked one by one (security review, issue 7, finding 11):
 * the functions the CLI (and later the admin routes) call, checked through the spec's POST.
 */
const at = { lat: 36.2869, long: 116.4551 };
let t: Awaited<ReturnType<typeof buildTestApp>>;
let georeport: GeoReportClient;

beforeAll(async () => {
  t = await buildTestApp();
  await seedCasework(t.db);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  georeport = new GeoReportClient(`http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/open311/v2`, 'unused');
});
afterAll(async () => t?.close());

const file = (apiKey: string) =>
  georeport.createRequest({ service_code: 'streetlight', ...at, description: '路灯不亮' }, 'json', { apiKey });

describe('Open311 client applications', () => {
  it('are listed with id, name, state and creation time, and never a key', async () => {
    const a = await createOpen311Client(t.db, '平阴通');
    const b = await createOpen311Client(t.db, '12345 热线对接');
    const listed = await listOpen311Clients(t.db);
    expect(listed.map((c) => c.name)).toEqual(['平阴通', '12345 热线对接']);
    for (const c of listed) {
      expect(Object.keys(c).sort()).toEqual(['active', 'createdAt', 'id', 'name']);
      expect(c.active).toBe(true);
      expect(c.createdAt).toBeInstanceOf(Date);
    }
    expect(JSON.stringify(listed)).not.toContain(a.apiKey);
    expect(JSON.stringify(listed)).not.toContain(b.apiKey);
  });

  it('revoking one stops its key at POST requests with 403, and only its key', async () => {
    const app = await createOpen311Client(t.db, '街道自建小程序');
    const other = await createOpen311Client(t.db, '物业平台');
    expect((await file(app.apiKey)).status).toBe(200);

    const result = await revokeOpen311Client(t.db, { id: app.id });
    expect(result).toMatchObject({ alreadyRevoked: false, client: { id: app.id, name: '街道自建小程序', active: false } });
    const refused = await file(app.apiKey);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('api_key 无效或已停用');
    expect((await file(other.apiKey)).status).toBe(200);
    expect((await listOpen311Clients(t.db)).find((c) => c.id === app.id)?.active).toBe(false);

    // Again: nothing changes, and the answer says it was already revoked.
    expect(await revokeOpen311Client(t.db, { id: app.id })).toMatchObject({ alreadyRevoked: true, client: { active: false } });
  });

  it('refuses an unknown or malformed id with a stable code', async () => {
    await expect(revokeOpen311Client(t.db, { id: 987654 })).rejects.toMatchObject({ status: 404, code: 'CLIENT_NOT_FOUND' });
    await expect(revokeOpen311Client(t.db, { id: 0 })).rejects.toMatchObject({ status: 400, code: 'CLIENT_ID' });
    await expect(revokeOpen311Client(t.db, { id: 1.5 })).rejects.toMatchObject({ status: 400, code: 'CLIENT_ID' });
  });
});
