import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiAs, eventually, launch, login, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { definition, heading, navLink, tableRows } from './support/pages.js';

/**
 * The county's leaders as the 分工 notices set them out (平政办发〔2023〕4号, 6号), read by the gazette
 * importer: 赵传资 sits in both 班子 and is one person, listed once with both; 县公安局 is 主持 by
 * 陈剑, so its page names him. County administrator, read only.
 */
const DESK = { viewport: { width: 1440, height: 900 } };
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('领导分工: one person, two roles', () => {
  it('lists 赵传资 once with both 班子, and his page shows the 班子 of each duty', async () => {
    const page = await newPage(browser, DESK);
    await login(page, 'admin', 'county.admin');
    await navLink(page, '领导分工').click();
    await eventually(() => heading(page).textContent()).toBe('领导分工');
    const table = page.getByRole('table').first();
    await table.getByRole('link', { name: '赵传资', exact: true }).waitFor();
    const rows = await tableRows(table);
    expect(rows.filter((r) => r['姓名'] === '赵传资')).toHaveLength(1);
    expect(rows.find((r) => r['姓名'] === '赵传资')?.['所属班子']).toBe('县政府、县政府办公室');
    expect(rows).toHaveLength(14);
    await checkpoint(page, 'orgs-1-leaders');

    await table.getByRole('link', { name: '赵传资', exact: true }).click();
    await eventually(() => heading(page).textContent()).toBe('领导：赵传资');
    const duties = page.getByRole('table').first();
    await duties.waitFor();
    const bodies = new Set((await tableRows(duties)).map((r) => r['所属班子']));
    expect(bodies).toEqual(new Set(['县政府', '县政府办公室']));
    await checkpoint(page, 'orgs-2-leader-two-posts');
  }, 120_000);

  it('names 陈剑 (主持) on 县公安局, once', async () => {
    const page = await newPage(browser, DESK);
    await login(page, 'admin', 'county.admin');
    await navLink(page, '单位').click();
    await page.getByPlaceholder('单位名称或简称').fill('县公安局');
    await page.keyboard.press('Enter');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: '县公安局', exact: true }) });
    await row.waitFor();
    await expect.poll(async () => (await row.textContent())?.replace(/\s+/g, '')).toContain('陈剑（主持）');
    await checkpoint(page, 'orgs-3-unit-police');
  }, 120_000);
});

type TreeNode = { id: number; name: string; children: TreeNode[] };
const find = (nodes: TreeNode[], name: string): TreeNode | undefined =>
  nodes.map((n) => (n.name === name ? n : find(n.children, name))).find(Boolean);

describe('智慧社区 pilots as 平政办字〔2023〕9号 states them', () => {
  it('shows 新安里社区 still to complete 基础型, and what the reply leaves open about 锦源社区', async () => {
    const api = await apiAs('county.admin');
    const tree = (await api.get<TreeNode[] | TreeNode>('/api/regions/tree')).body;
    const roots = Array.isArray(tree) ? tree : [tree];
    const page = await newPage(browser, DESK);
    await login(page, 'admin', 'county.admin');

    await page.goto(`${page.url().split('/admin')[0]}/admin/regions/${find(roots, '新安里社区')!.id}`);
    await definition(page, '目标等级').getByText('基础型').waitFor();
    expect((await definition(page, '当前等级').textContent())?.trim()).toBe('—');
    expect((await definition(page, '试点年份').textContent())?.replace(/\s+/g, '')).toContain('2023');

    await page.goto(`${page.url().split('/admin')[0]}/admin/regions/${find(roots, '锦源社区')!.id}`);
    await definition(page, '待明确').getByText('未写明哪个社区争创成长型').waitFor();
    expect((await definition(page, '当前等级').textContent())?.trim()).toBe('基础型');
    await checkpoint(page, 'orgs-4-region-pilot-open');
  }, 120_000);
});
