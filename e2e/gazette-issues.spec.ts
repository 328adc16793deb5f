import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, LAPTOP, launch, login, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading } from './support/pages.js';

/**
 * 政府公报: the county office makes an issue, puts a document of the library in it, publishes it
 * and opens its printable view; the public column lists the issue with its document. The issue
 * number is fresh each run, so a demo server that has seen this spec before is fine.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('政府公报: an issue from the library to the public column', () => {
  it('is made, filled, published and printed by the office, and read by the public', async () => {
    const issueNumber = 100 + (Date.now() % 800);
    const title = `平阴县人民政府公报 2023年第${issueNumber}期`;
    const office = await newPage(browser, LAPTOP);
    await login(office, 'admin', 'county.admin');
    await office.goto('/admin/gazette');
    await eventually(() => heading(office).textContent()).toBe('政府公报');
    await office.getByRole('button', { name: '新建一期' }).click();
    const form = office.getByRole('dialog', { name: '新建一期' });
    await form.getByLabel('年份').fill('2023');
    await form.getByLabel('期号').fill(String(issueNumber));
    await form.getByLabel('标题').fill(title);
    await form.getByRole('button', { name: '保存' }).click();
    await eventually(() => heading(office).textContent()).toBe(title);

    // Nothing to publish yet: an empty issue is refused in words.
    await office.getByRole('button', { name: '发布本期' }).click();
    await office.getByRole('alert').waitFor();
    expect(await office.getByRole('alert').textContent()).toMatch(/文件/);

    const picker = office.getByRole('combobox', { name: '加入文件' });
    await picker.click();
    await picker.fill('政务公开工作要点');
    await office.getByRole('option', { name: /平政办发〔2023〕5号/ }).click();
    await office.getByRole('link', { name: '平政办发〔2023〕5号' }).waitFor();
    await office.getByRole('button', { name: '保存顺序' }).click();
    await office.getByText('已保存').first().waitFor();
    await office.getByRole('button', { name: '发布本期' }).click();
    await office
      .getByText(/已发布/)
      .first()
      .waitFor();
    await checkpoint(office, 'gazette-issue-admin');

    const [print] = await Promise.all([office.context().waitForEvent('page'), office.getByRole('link', { name: '打印版' }).click()]);
    await print.waitForLoadState();
    await print.getByText('平阴县人民政府办公室关于印发2023年平阴县政务公开工作要点的通知').first().waitFor();
    expect(await print.getByText('平政办发〔2023〕5号').count()).toBeGreaterThan(0);
    // The whole document is printed: the 要点 the notice issues, and its task table with all 49 rows.
    await print.getByRole('heading', { name: '2023年平阴县政务公开工作要点', exact: true }).waitFor();
    await print.getByRole('heading', { name: '2023年平阴县政务公开重点工作任务分解表' }).waitFor();
    expect(await print.locator('table tbody tr').count()).toBe(49);
    await checkpoint(print, 'gazette-issue-print');

    const reader = await newPage(browser, { viewport: { width: 375, height: 812 } });
    await reader.goto('/open/gazette');
    await reader.getByRole('link', { name: title }).click();
    await eventually(() => heading(reader).textContent()).toBe(title);
    await reader.getByRole('link', { name: '平阴县人民政府办公室关于印发2023年平阴县政务公开工作要点的通知' }).waitFor();
    await checkpoint(reader, 'gazette-issue-public-phone');
  });
});
