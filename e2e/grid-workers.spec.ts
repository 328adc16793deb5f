import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { GridItem } from '../common/contracts/regions.js';
import path from 'node:path';
import { apiAs, ARTIFACTS, eventually, launch, login, newPage, screenshot } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading, loadedTable, tableRows } from './support/pages.js';

/**
 * 网格员 managed on their grid's page (docs/decisions/047): 锦源社区's staff add a worker to a grid
 * of theirs (a name in letters refused in words), correct the phone, see it masked, reveal it with
 * a reason and get a tel: link, and remove the worker after confirming; the page at 200 % zoom;
 * a 锦东社区 grid is "not found" for them whatever the URL says. Fresh names each run.
 */
const VIEWPORT = { width: 1440, height: 900 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh Chinese name: 测试 and three characters from the clock, so a reused server is fine. */
const freshName = () => `测试${[...Date.now().toString().slice(-3)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`;

async function firstGridOf(username: string) {
  const { body } = await (await apiAs(username)).get<{ items: GridItem[] }>('/api/grids?pageSize=1');
  return body.items[0];
}

const workerRow = async (page: Page, name: string) =>
  (await tableRows(await loadedTable(page, '本网格的网格员'))).find((r) => r['姓名'] === name);

describe('grid workers', () => {
  it('a community worker adds, corrects, reveals and removes a worker of their grid', async () => {
    const grid = await firstGridOf('jinyuan.staff');
    const name = freshName();
    const page = await newPage(browser, { viewport: VIEWPORT });
    await login(page, 'admin', 'jinyuan.staff');
    await page.goto(`/admin/grids/${grid.id}`);
    await eventually(() => heading(page).textContent()).toContain(grid.name);
    await checkpoint(page, 'grid-workers-01-grid-page');

    await page.getByRole('button', { name: '新增网格员' }).click();
    const form = page.getByRole('dialog', { name: '新增网格员' });
    await form.getByLabel('姓名').fill('Zhang San');
    await form.getByLabel('联系电话').fill('138 0531 2468');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByRole('alert').getByText('请填写中文姓名（少数民族姓名用“·”分隔）').waitFor();
    await form.getByLabel('姓名').fill(name);
    await form.getByText('兼职', { exact: true }).click();
    expect(await form.getByRole('radio', { name: '兼职' }).isChecked()).toBe(true);
    await checkpoint(page, 'grid-workers-02-add-form');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });
    await eventually(async () => (await workerRow(page, name))?.['联系电话']).toContain('138****2468');
    expect((await workerRow(page, name))?.['类型']).toBe('兼职');

    await page.getByRole('button', { name: `编辑网格员 ${name}` }).click();
    const edit = page.getByRole('dialog', { name: '编辑网格员' });
    await eventually(() => edit.getByLabel('姓名').inputValue()).toBe(name);
    await edit.getByLabel('联系电话').fill('1390531');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit
      .getByRole('alert')
      .getByText(/请填写11位手机号/)
      .waitFor();
    await edit.getByLabel('联系电话').fill('13905318642');
    await screenshot(page, 'grid-workers-03-edit-form');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'hidden' });
    await eventually(async () => (await workerRow(page, name))?.['联系电话']).toContain('139****8642');
    expect(await page.locator('main').textContent()).not.toContain('13905318642');
    await checkpoint(page, 'grid-workers-04-masked');

    await page.getByRole('button', { name: `查看完整号码：联系电话（${name}）` }).click();
    const reveal = page.getByRole('dialog', { name: `查看完整联系电话（${name}）` });
    await reveal.getByRole('textbox').fill('通知参加网格例会');
    await checkpoint(page, 'grid-workers-05-reveal-reason');
    await reveal.getByRole('button', { name: '确认查看' }).click();
    const call = page.getByRole('link', { name: /13905318642/ });
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:13905318642');
    await checkpoint(page, 'grid-workers-06-revealed');

    await page.getByRole('button', { name: `删除网格员 ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: '删除网格员' });
    await confirm.getByText('关联的登录账号不会被删除').waitFor();
    await screenshot(page, 'grid-workers-07-confirm-remove');
    await confirm.getByRole('button', { name: '删除' }).click();
    await eventually(async () => (await workerRow(page, name)) === undefined).toBe(true);
    await checkpoint(page, 'grid-workers-08-removed');
  });

  it('at 200 % zoom the workers table and its buttons still fit and read', async () => {
    const grid = await firstGridOf('jinyuan.staff');
    // 1440 px at 200 % zoom: 720 CSS pixels drawn on twice the device pixels.
    const page = await newPage(browser, { viewport: { width: 720, height: 900 }, deviceScaleFactor: 2 });
    await login(page, 'admin', 'jinyuan.staff');
    await page.goto(`/admin/grids/${grid.id}`);
    await loadedTable(page, '本网格的网格员');
    await checkpoint(page, 'grid-workers-09-zoom200');
    const panel = page.locator('section', { has: page.getByRole('heading', { name: '网格员', exact: true }) });
    await panel.screenshot({ path: path.join(ARTIFACTS, 'grid-workers-09-zoom200-panel.png') });
    // Nothing wider than the screen: every column and button can be read without scrolling sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it("a 锦东社区 grid is not found for 锦源社区's staff, whatever the URL says", async () => {
    const stranger = await firstGridOf('jindong.staff');
    const page = await newPage(browser, { viewport: VIEWPORT });
    await login(page, 'admin', 'jinyuan.staff');
    await page.goto(`/admin/grids/${stranger.id}`);
    await page.getByRole('alert').getByText('网格不存在或不在您的管辖范围内').waitFor();
    expect(await page.locator('main').textContent()).not.toContain(stranger.name);
    await checkpoint(page, 'grid-workers-10-other-community');
  });
});
