import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiAs, eventually, launch, login, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading, navLink } from './support/pages.js';
import { DESK, PHONE, actionDialog } from './support/cases.js';

/**
 * The live event stream (docs/decisions/025) as people see it, two browsers at a time and no
 * reload between: a case the desk dispatches appears in 县城市管理局's workbench with its tab
 * count; the handler's 签收 appears on the desk's open case page; a desk with rows selected is
 * only told 有新事件 until it asks; a resident's phone shows the desk's 受理 on their case.
 */
const STREETLIGHT_AT = { lon: 116.4551, lat: 36.2869 };
const stamp = Date.now().toString(36);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A street lamp reported through the API (by the desk, or a resident), taken to `until` by the desk. */
async function streetlightCase(reporter: string, until: ('accept' | 'register')[]) {
  const api = await apiAs(reporter);
  const categories = (await api.get<{ items: { id: number; children?: { code: string; id: number }[] }[] }>('/api/case-categories')).body
    .items;
  const streetlight = categories.flatMap((c) => c.children ?? []).find((c) => c.code === 'streetlight')!;
  const made = await api.post<{ caseId: number; number: string }>('/api/cases', {
    categoryId: streetlight.id,
    description: `锦源小区北门路灯不亮（e2e 实时 ${stamp}）`,
    ...STREETLIGHT_AT,
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const desk = await apiAs('jinyuan.staff');
  for (const action of until) expect((await desk.post(`/api/cases/${made.body.caseId}/actions`, { action })).status).toBe(200);
  return { ...made.body, desk };
}

/** Marks the page, so that a test can tell it was never reloaded. */
const markUnreloaded = (page: Page) => page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
const stillUnreloaded = async (page: Page) =>
  expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);

/** The count a workbench tab shows, as a number (none yet: -1). */
async function tabCount(page: Page, queue: string) {
  const link = page.getByRole('navigation', { name: '事件队列' }).getByRole('link', { name: new RegExp(`^${queue}`) });
  const text = (await link.textContent()) ?? '';
  const figure = text.replace(queue, '').replace(/[^\d]/g, '');
  return figure ? Number(figure) : -1;
}

async function openWorkbench(page: Page, username: string) {
  await login(page, 'admin', username);
  await navLink(page, '事件工作台').click();
  await page.waitForURL((url) => url.pathname === '/admin/cases');
  await page.getByRole('table').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

describe('live events between two people, without a reload', () => {
  it("a case the desk dispatches appears in the handler's workbench, and the handler's 签收 on the desk's case page", async () => {
    const { caseId, number } = await streetlightCase('jinyuan.staff', ['accept', 'register']);
    const handler = await newPage(browser, DESK);
    await openWorkbench(handler, 'chengguan.handler');
    const table = handler.getByRole('table', { name: '事件工作台：待我处理', exact: true });
    await eventually(() => tabCount(handler, '待我处理'), 'the tab has its count').toBeGreaterThanOrEqual(0);
    const before = await tabCount(handler, '待我处理');
    expect(await table.getByRole('link', { name: number, exact: true }).count()).toBe(0);
    await markUnreloaded(handler);

    // The desk, in its own browser, dispatches the case as the routing rule suggests.
    const desk = await newPage(browser, DESK);
    await login(desk, 'admin', 'jinyuan.staff');
    await desk.goto(`/admin/cases/${caseId}`);
    await eventually(() => heading(desk).textContent()).toBe(`事件 ${number}`);
    const side = desk.getByRole('complementary', { name: '办理与时限' });
    await side.getByRole('button', { name: '派遣', exact: true }).click();
    const dispatch = actionDialog(desk, '派遣');
    await dispatch.dialog.waitFor();
    await dispatch.confirm.click();
    await dispatch.dialog.waitFor({ state: 'hidden' });

    await eventually(() => table.getByRole('link', { name: number, exact: true }).count(), 'the dispatched case appears').toBe(1);
    await eventually(() => tabCount(handler, '待我处理'), 'and the tab counts it').toBe(before + 1);
    await stillUnreloaded(handler);
    await checkpoint(handler, 'live-1-handler-workbench-new-dispatch');

    // The handler signs for it; the desk's case page, left open, shows the line.
    await markUnreloaded(desk);
    const timeline = desk.locator('section', { has: desk.getByRole('heading', { name: '办理过程', exact: true }) });
    expect(await timeline.getByText('签收', { exact: true }).count()).toBe(0);
    const handlerApi = await apiAs('chengguan.handler');
    expect((await handlerApi.post(`/api/cases/${caseId}/actions`, { action: 'sign' })).status).toBe(200);
    await eventually(() => timeline.getByText('签收', { exact: true }).count(), 'the 签收 line appears on the desk').toBeGreaterThan(0);
    await stillUnreloaded(desk);
    await checkpoint(desk, 'live-2-desk-case-page-signed');
  }, 180_000);

  it('only tells a desk with rows selected 有新事件, keeping its selection, until it asks', async () => {
    const waiting = await streetlightCase('jinyuan.staff', ['accept', 'register']);
    const desk = await newPage(browser, DESK);
    await openWorkbench(desk, 'jinyuan.staff');
    await desk
      .getByRole('navigation', { name: '事件队列' })
      .getByRole('link', { name: /^待派遣/ })
      .click();
    const table = desk.getByRole('table', { name: '事件工作台：待派遣', exact: true });
    const row = table.getByRole('row').filter({ has: desk.getByRole('link', { name: waiting.number, exact: true }) });
    await row.waitFor();
    await row.getByRole('checkbox').check();
    await markUnreloaded(desk);

    const next = await streetlightCase('jinyuan.staff', ['accept', 'register']);
    const news = desk.getByRole('button', { name: '有新事件，点击刷新' });
    await news.waitFor();
    expect(await table.getByRole('link', { name: next.number, exact: true }).count(), 'the list waits while rows are selected').toBe(0);
    await checkpoint(desk, 'live-3-desk-news-while-selecting');

    await news.click();
    await eventually(() => table.getByRole('link', { name: next.number, exact: true }).count(), 'asked, the list follows').toBe(1);
    expect(await row.getByRole('checkbox').isChecked(), 'the selection stays').toBe(true);
    expect(await news.count()).toBe(0);
    await stillUnreloaded(desk);
  }, 180_000);

  it("shows the desk's 受理 on the resident's phone, on the case they reported", async () => {
    const { caseId, desk } = await streetlightCase('resident.demo', []);
    const phone = await newPage(browser, PHONE);
    await login(phone, 'm', 'resident.demo');
    await phone.goto(`/m/cases/${caseId}`);
    const timeline = phone.getByRole('region', { name: '办理过程' });
    await timeline.waitFor();
    expect(await timeline.getByText('受理', { exact: true }).count()).toBe(0);
    await markUnreloaded(phone);

    expect((await desk.post(`/api/cases/${caseId}/actions`, { action: 'accept', note: '已受理，尽快安排维修' })).status).toBe(200);
    await eventually(() => timeline.getByText('受理', { exact: true }).count(), 'the new step appears').toBeGreaterThan(0);
    await stillUnreloaded(phone);
    await checkpoint(phone, 'live-4-h5-case-new-step');
  }, 180_000);
});
