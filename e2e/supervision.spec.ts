import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiAs, eventually, launch, login, newPage, screenshot } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading, loadedTable, navLink, tableRows } from './support/pages.js';
import { DESK, type CaseFacts } from './support/cases.js';

/**
 * 督办看板 as the county leader sees it: the county's totals, the handling units in red, yellow
 * and green, the overdue cases nearest-first, and from one of them its case page with the
 * 督办单 the overdue clock raised. The demo county's casework (server/seed/cases.ts)
 * is meant to include overdue cases; the spec fails, saying so, when it has none.
 */
interface Board {
  totals: { total: number; handled: number; open: number; overdue: number };
  units: { name: string; red: number; yellow: number; green: number; open: number }[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('督办看板, as county.leader', () => {
  it('shows the totals and the units in red, lists an overdue case, and opens it with its 督办单', async () => {
    const api = await apiAs('county.leader');
    const board = (await api.get<Board>('/api/supervision/board')).body;

    const page = await newPage(browser, DESK);
    await login(page, 'admin', 'county.leader');
    await navLink(page, '督办看板').click();
    await page.waitForURL((url) => url.pathname === '/admin/supervision');
    await eventually(() => heading(page).textContent()).toBe('督办看板');

    // 事件总计 / 已处理 / 未处理 / 超时, as the API counts them.
    const totals = page.getByRole('region', { name: '事件总计' });
    const figures = () =>
      totals
        .locator('li')
        .evaluateAll((items) =>
          Object.fromEntries(items.map((li) => [...li.querySelectorAll('span')].map((s) => (s.textContent ?? '').trim()))),
        );
    await eventually(figures).toEqual({
      事件总计: board.totals.total.toLocaleString('zh-CN'),
      已处理: board.totals.handled.toLocaleString('zh-CN'),
      未处理: board.totals.open.toLocaleString('zh-CN'),
      超时: board.totals.overdue.toLocaleString('zh-CN'),
    });
    // The overdue list has loaded (its caption carries the count) before the page is checked.
    await page.getByRole('heading', { name: /^超时事件（\d+）$/ }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    await checkpoint(page, 'supervision-01-board');

    // The demo county must have overdue casework for the board to show anything in red.
    expect(
      board.totals.total,
      'the demo county has cases at all (GET /api/supervision/board as county.leader: totals.total) — ' +
        'a fresh `civicgrid start` in demo mode generates none: server/cli/demo-county.ts loadDemoCounty() never calls ' +
        'generateCases() of server/seed/cases.ts',
    ).toBeGreaterThan(0);
    expect(board.totals.overdue, 'the demo county has overdue cases (totals.overdue)').toBeGreaterThan(0);

    // A handling unit with red (超时) cases, in the full table under the chart.
    await page.getByText(/^全部承办单位明细（\d+）$/).click();
    const units = await loadedTable(page, '各承办单位红黄灯');
    const unitRows = await tableRows(units);
    const red = unitRows.filter((r) => Number(r['超时'].replace(/,/g, '')) > 0);
    expect(red.length, `a unit row with 超时 > 0 among ${JSON.stringify(unitRows.slice(0, 5))}`).toBeGreaterThan(0);
    expect(board.units.find((u) => u.name === red[0]['承办单位'])?.red).toBe(Number(red[0]['超时'].replace(/,/g, '')));
    await screenshot(page, 'supervision-02-board-units');

    // The overdue list: each case's clock says 已超时; open the first.
    const overdue = await loadedTable(page, `超时事件（${board.totals.overdue}）`);
    const rows = await tableRows(overdue);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r['时限'], `clock of ${r['事件编号']}`).toMatch(/^已超时/);
    const number = rows[0]['事件编号'];
    await overdue.getByRole('link', { name: number, exact: true }).click();
    await page.waitForURL((url) => /^\/admin\/cases\/\d+$/.test(url.pathname));
    await eventually(() => heading(page).textContent()).toBe(`事件 ${number}`);
    const id = Number(new URL(page.url()).pathname.split('/').pop());

    // Its 督办单: the panel lists what the API has for the case.
    const facts = (await api.get<CaseFacts & { supervisions: { reason: string }[]; clock: string }>(`/api/cases/${id}`)).body;
    expect(facts.clock).toBe('red');
    expect(facts.supervisions.length, `case ${number} is overdue and has a 督办单`).toBeGreaterThan(0);
    const notices = page.getByRole('heading', { name: `督办记录（${facts.supervisions.length}）` });
    await notices.waitFor();
    const panel = page.locator('section').filter({ has: notices });
    expect(await panel.textContent()).toContain(facts.supervisions[0].reason);
    await checkpoint(page, 'supervision-03-overdue-case');
  }, 180_000);
});
