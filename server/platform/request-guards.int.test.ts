import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../test/app.js';
import { buildStaff, seedCasework } from '../test/factories.js';

/**
 * What every request meets before a route (issue 7, findings 9, 10, 14, 15): NUL characters and
 * impossible dates refused as validation errors, not 500s; state-changing requests from other
 * sites and text/plain bodies refused; 404 in Chinese everywhere; the hardening headers.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let admin: { cookie: string };
let desk: { cookie: string };

beforeAll(async () => {
  t = await buildTestApp();
  await seedCasework(t.db);
  admin = await loginAs(t.app, await buildStaff(t.db, 'county_admin', '平阴县'));
  desk = await loginAs(t.app, await buildStaff(t.db, 'community_staff', '锦源社区'));
});
afterAll(async () => t?.close());

describe('NUL characters', () => {
  it('are refused wherever they are: a query, a path, a JSON body, the login', async () => {
    const tries = [
      { method: 'GET' as const, url: '/api/residents?q=%00', headers: desk },
      { method: 'GET' as const, url: '/api/exports/residents.xlsx?q=a%00b', headers: desk },
      { method: 'POST' as const, url: '/api/cases', headers: desk, payload: { categoryId: 1, description: 'a\u0000b' } },
      { method: 'POST' as const, url: '/api/auth/login', payload: { username: 'county\u0000admin', password: 'x' } },
      { method: 'PUT' as const, url: '/api/calendar-overrides/2027-10-08', headers: admin, payload: { kind: 'holiday', note: '\u0000' } },
    ];
    for (const request of tries) {
      const res = await t.app.inject(request);
      expect(res.statusCode, `${request.url} ${res.body}`).toBe(400);
      expect(res.json().code).toBe('NUL_CHARACTER');
    }
  });
});

describe('dates', () => {
  it('refuses days that do not exist and years outside the platform’s, as 400', async () => {
    for (const day of ['2023-02-30', '2023-02-29', '2023-04-31', '0000-01-01']) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/calendar-overrides/${day}`,
        headers: admin,
        payload: { kind: 'holiday' },
      });
      expect(res.statusCode, `${day} ${res.body}`).toBe(400);
    }
    const stats = await t.app.inject({ url: '/api/case-statistics?from=2023-02-30', headers: admin });
    expect(stats.statusCode).toBe(400);
    const campaign = await t.app.inject({
      method: 'POST',
      url: '/api/abandoned-vehicles/campaigns',
      headers: admin,
      payload: {
        code: 'date-check',
        name: '日期检查',
        docNumber: '测试〔2027〕1号',
        issuedOn: '0000-01-01',
        issuingUnit: '县政府办公室',
        legalBasis: '依据',
        phases: [{ code: 'survey', name: '排查', startsOn: '2027-01-05', endsOn: '2027-02-05' }],
      },
    });
    expect(campaign.statusCode, campaign.body).toBe(400);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/calendar-overrides/2024-02-29', headers: admin, payload: { kind: 'holiday' } }))
        .statusCode,
    ).toBe(200);
  });
});

describe('requests from elsewhere', () => {
  it('refuses a state-changing request from another site’s page, and takes one from its own', async () => {
    const body = { action: 'comment', note: 'x' };
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/cases/1/actions',
      headers: { ...desk, origin: 'https://evil.example' },
      payload: body,
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('ORIGIN_REFUSED');
    const blind = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...desk, 'sec-fetch-site': 'cross-site' } });
    expect(blind.statusCode).toBe(403);
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/cases/999999/actions',
      headers: { ...desk, origin: 'http://localhost:80', host: 'localhost:80' },
      payload: body,
    });
    expect(own.statusCode).toBe(404);
    // Reading is not changing: a GET from anywhere gets its answer.
    expect((await t.app.inject({ url: '/api/health', headers: { origin: 'https://evil.example' } })).statusCode).toBe(200);
  });

  it('takes no text/plain body on a JSON route', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: '{"username":"a","password":"b"}',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.json().message).toMatch(/JSON/);
  });
});

describe('answers', () => {
  it('says 404 in Chinese, in JSON under /api/ and as a page elsewhere', async () => {
    const api = await t.app.inject({ url: '/api/no-such-thing' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(api.json().message).toMatch(/没有这个接口/);
    const page = await t.app.inject({ url: '/no-such-page' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('页面不存在');
    expect(page.body).not.toMatch(/Route GET/);
  });

  it('carries the hardening headers', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBeDefined();
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    const docs = await t.app.inject({ url: '/api/docs/static/index.html' });
    expect(docs.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
  });
});
