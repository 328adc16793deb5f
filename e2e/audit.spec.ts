import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiAs, launch, login, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading, loadedTable, tableRows } from './support/pages.js';

/**
 * 审计日志 as a county administrator reads it: a community worker's look at a resident's 特殊人群
 * record is found by who, what, which days and whom, and reads as a sentence.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

describe('audit log', () => {
  it('finds a restricted read by user, action, days and record, in words', async () => {
    const staff = await apiAs('jinyuan.staff');
    const residents = await staff.get<{ items: { id: number; name: string }[] }>('/api/residents?pageSize=1');
    const resident = residents.body.items[0];
    expect((await staff.get(`/api/residents/${resident.id}/special-groups`)).status).toBe(200);

    const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await login(page, 'admin', 'county.admin');
    await page.goto('/admin/audit');
    await heading(page).getByText('审计日志').waitFor();
    await loadedTable(page, '审计日志');

    await page.getByLabel('操作人').fill('jinyuan.staff');
    await page.getByRole('combobox', { name: '操作' }).click();
    await page.getByRole('option', { name: '查看特殊人群', exact: true }).click();
    // The range picker takes typed days, as a keyboard user enters them.
    await page.getByPlaceholder('开始日期').fill(today());
    await page.getByPlaceholder('结束日期').fill(today());
    await page.getByPlaceholder('结束日期').press('Enter');
    await page.getByLabel('记录或地址').fill(resident.name);
    const answered = page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('record='));
    await page.getByRole('button', { name: '查询' }).click();
    await answered;

    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      user: 'jinyuan.staff',
      action: 'read_special_groups',
      from: today(),
      to: today(),
    });
    const rows = await tableRows(await loadedTable(page, '审计日志'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ 操作: '查看特殊人群', 内容: `锦源社区工作人员 查看了 ${resident.name} 的特殊人群信息` });
    expect(rows[0]['所涉地址']).toContain('锦源社区');
    await checkpoint(page, 'admin-audit-log');
  });
});
