import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, LAPTOP, launch, login, newPage } from './support/browser.js';
import { checkpoint, chooseFilesWithKeyboard } from './support/controls.js';
import { heading, loadedTable, navLink, tableRows } from './support/pages.js';

/**
 * 导入公报: the county office imports another county's gazette (half-width brackets, a
 * zero-padded number, a 附注 nobody can read as an attribute) from the admin, with the upload's
 * progress, and reads the report: the documents found and every line a person must look at.
 */
const GAZETTE = path.resolve('server/domains/gazette/test-gazettes/another-county-2024.txt');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('导入公报', () => {
  it('imports a gazette and shows what it found and what a person must check', async () => {
    const page = await newPage(browser, LAPTOP);
    await login(page, 'admin', 'county.admin');
    await navLink(page, '导入公报').click();
    await eventually(() => heading(page).textContent()).toBe('导入县政府公报');

    await chooseFilesWithKeyboard(page.getByRole('button', { name: /将文件拖到此处/ }), GAZETTE);
    await eventually(() => page.getByText(/已选择：another-county-2024\.txt/).isVisible()).toBe(true);
    await page.getByRole('button', { name: '开始导入' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: '导入完成' }).count()).toBe(1);

    const documents = await tableRows(await loadedTable(page, '读出的文件'));
    expect(documents.map((d) => [d['发文字号'], d['成文日期'], d['公开属性'], d['任务']])).toEqual([
      ['东政办发〔2024〕12号', '2024-03-05', '主动公开', '3'],
      ['东政发〔2024〕3号', '2024-04-01', '待人工确认', '0'],
    ]);
    const warnings = await tableRows(await loadedTable(page, '需要人工确认的提示'));
    expect(warnings.map((w) => w['提示'])).toEqual([
      expect.stringContaining('六角括号'),
      expect.stringContaining('不编虚位'),
      expect.stringContaining('没有说明公开属性'),
      expect.stringContaining('文号相同而标题不同'),
    ]);
    await checkpoint(page, 'gazette-import-1366');
  });
});
