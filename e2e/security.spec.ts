import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiAs, baseUrl, eventually, launch, login, newPage, screenshot } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading } from './support/pages.js';
import { DESK, PHONE, actionDialog } from './support/cases.js';

/**
 * What the security review (issue 7) changed, as people see it: a note for the people working a
 * case stays with them (marked 内部 on the desk, absent from the reporter's phone); a county
 * department cannot open a community grid's case by its URL; a department that hands a case back
 * (退回) is told it has left its desk; someone who said "我也遇到了" follows the case without the
 * staff's notes; the API documentation and the 404 page work under the Content-Security-Policy.
 */
const INTERNAL_NOTE = '内部备注：已电话联系反映人，约定明早现场查看';
const STREETLIGHT_AT = { lon: 116.4551, lat: 36.2869 };

interface Created {
  caseId: number;
  number: string;
}
let browser: Browser;
let ours: Created; // 锦源社区, reported by resident.demo, dispatched to 县城市管理局
let theirs: Created; // 锦东社区, dispatched to one of its grids

async function reportAndDispatch(
  desk: string,
  reporter: string,
  target: { orgUnitId: number } | { regionId: number } | null,
  extra: Record<string, unknown> = {},
) {
  const api = await apiAs(reporter);
  const categories = (
    await api.get<{ items: { code: string; id: number; children?: { code: string; id: number }[] }[] }>('/api/case-categories')
  ).body.items;
  const streetlight = categories.flatMap((c) => c.children ?? []).find((c) => c.code === 'streetlight')!;
  const made = await api.post<Created>('/api/cases', {
    categoryId: streetlight.id,
    description: '路灯不亮，晚上很黑',
    ...STREETLIGHT_AT,
    ...extra,
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const staff = await apiAs(desk);
  for (const body of [
    { action: 'accept' },
    { action: 'register' },
    { action: 'dispatch', ...(target ? { target, reason: '安全测试派遣' } : {}) },
  ]) {
    const res = await staff.post(`/api/cases/${made.body.caseId}/actions`, body);
    expect(res.status, `${body.action}: ${JSON.stringify(res.body)}`).toBe(200);
  }
  return { api: staff, created: made.body };
}

beforeAll(async () => {
  browser = await launch();
  const a = await reportAndDispatch('jinyuan.staff', 'resident.demo', null);
  ours = a.created;
  expect((await a.api.post(`/api/cases/${ours.caseId}/actions`, { action: 'comment', note: INTERNAL_NOTE, internal: true })).status).toBe(
    200,
  );
  const jindong = await apiAs('jindong.staff');
  const regions = (
    await jindong.get<{ items: { id: number; parentId: number | null; name: string; level: string }[] }>('/api/case-regions')
  ).body.items;
  const community = regions.find((r) => r.name === '锦东社区')!;
  const grid = regions.find((r) => r.parentId === community.id && r.level === 'grid')!;
  const b = await reportAndDispatch('jindong.staff', 'jindong.staff', { regionId: grid.id }, { regionId: grid.id });
  theirs = b.created;
  expect((await b.api.post(`/api/cases/${theirs.caseId}/actions`, { action: 'comment', note: INTERNAL_NOTE, internal: true })).status).toBe(
    200,
  );
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe('who sees a case, and how much of it', () => {
  it('marks the desk’s internal note 内部 on the case page, and keeps it off the reporter’s phone', async () => {
    const desk = await newPage(browser, DESK);
    await login(desk, 'admin', 'jinyuan.staff');
    await desk.goto(`${baseUrl()}/admin/cases/${ours.caseId}`);
    await eventually(() => heading(desk).textContent()).toBe(`事件 ${ours.number}`);
    const line = desk.locator('.timeline__item').filter({ hasText: INTERNAL_NOTE });
    await line.waitFor();
    expect(await line.getByText('内部（办理人员）').count()).toBe(1);
    await checkpoint(desk, 'security-01-desk-internal-note');

    const phone = await newPage(browser, PHONE);
    await login(phone, 'm', 'resident.demo');
    await phone.goto(`${baseUrl()}/m/cases/${ours.caseId}`);
    await phone.getByText(ours.number).first().waitFor();
    expect(await phone.getByText(INTERNAL_NOTE).count()).toBe(0);
    await checkpoint(phone, 'security-02-reporter-without-internal-note');
  });

  it('gives a county department no way into a community grid’s case, whatever the URL says', async () => {
    const page = await newPage(browser, DESK);
    await login(page, 'admin', 'chengguan.handler');
    await page.goto(`${baseUrl()}/admin/cases/${theirs.caseId}`);
    await page
      .getByText(/不存在|没有找到/)
      .first()
      .waitFor();
    expect(await page.getByText(INTERNAL_NOTE).count()).toBe(0);
    expect((await (await apiAs('chengguan.handler')).get(`/api/cases/${theirs.caseId}`)).status).toBe(404);
    await checkpoint(page, 'security-03-department-grid-case-not-found');
  });

  it('tells a department that hands a case back (退回) that it has left its desk, and takes it back to the workbench', async () => {
    const page = await newPage(browser, DESK);
    await login(page, 'admin', 'chengguan.handler');
    await page.goto(`${baseUrl()}/admin/cases/${ours.caseId}`);
    await eventually(() => heading(page).textContent()).toBe(`事件 ${ours.number}`);
    await page.getByRole('complementary', { name: '办理与时限' }).getByRole('button', { name: '退回', exact: true }).click();
    const { dialog, confirm } = actionDialog(page, '退回');
    await dialog.waitFor();
    await dialog.getByRole('textbox').first().fill('路灯归属县供电公司维护，不属于本单位');
    await checkpoint(page, 'security-04-return-dialog');
    await confirm.click();
    await page.getByText('已办理，该事件已离开您的工作台').waitFor();
    await page.waitForURL((url) => url.pathname === '/admin/cases');
    await screenshot(page, 'security-05-returned-back-at-workbench');
    expect((await (await apiAs('chengguan.handler')).get(`/api/cases/${ours.caseId}`)).status).toBe(404);
  });

  it('lets a grid worker who said "我也遇到了" in another community follow the case, without the staff’s notes or steps', async () => {
    const grid = await apiAs('jinyuan.grid');
    expect((await grid.post(`/api/cases/${theirs.caseId}/join`, { note: '我也遇到了' })).status).toBe(200);
    const phone = await newPage(browser, PHONE);
    await login(phone, 'm', 'jinyuan.grid');
    await phone.goto(`${baseUrl()}/m/cases/${theirs.caseId}`);
    await phone.getByText(theirs.number).first().waitFor();
    expect(await phone.getByText(INTERNAL_NOTE).count()).toBe(0);
    expect(await phone.getByRole('button', { name: /签收|处置完成|核查/ }).count()).toBe(0);
    const seen = (await grid.get<{ relations: string[]; actions: string[] }>(`/api/cases/${theirs.caseId}`)).body;
    expect(seen).toMatchObject({ relations: ['co_reporter'], actions: [] });
    await checkpoint(phone, 'security-06-co-reporter-view');
  });
});

describe('pages under the Content-Security-Policy', () => {
  it('renders the API documentation and a Chinese 404 page', async () => {
    const page = await newPage(browser, DESK);
    const docs = await page.goto(`${baseUrl()}/api/docs`);
    expect(docs?.status()).toBeLessThan(400);
    await page.getByText('CivicGrid API').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'security-07-api-docs');
    const missing = await page.goto(`${baseUrl()}/no-such-page`);
    expect(missing?.status()).toBe(404);
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    await checkpoint(page, 'security-08-not-found');
  });
});
