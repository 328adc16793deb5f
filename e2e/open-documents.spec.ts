import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eventually, launch, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading } from './support/pages.js';

/**
 * 政府信息公开专栏 without signing in: the county government's column, browsed by year, searched in
 * Chinese with the words marked, a document opened (on a 375 px phone at 200 % text too) and
 * downloaded as a .docx. It reads the seed gazette's 平政办发〔2023〕5号, which the demo county
 * loads into the library through the gazette importer.
 */
const NUMBER = '平政办发〔2023〕5号';
const TITLE = '平阴县人民政府办公室关于印发2023年平阴县政务公开工作要点的通知';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('the public column', () => {
  it('is browsed by year, searched with the words marked, and a document opened and downloaded as .docx', async () => {
    const page = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await page.goto('/open/');
    await eventually(() => heading(page).textContent()).toContain('政府信息公开专栏');
    // The government's name comes from the region tree, not from the page.
    await eventually(() => heading(page).textContent()).toContain('平阴县人民政府');
    await page.getByRole('heading', { name: '最新文件' }).waitFor();
    await page.getByRole('link', { name: TITLE }).waitFor();
    await checkpoint(page, 'open-documents-home');

    await page.getByRole('link', { name: /^2023年/ }).click();
    await page.waitForURL(/\/open\/documents\?year=2023/);
    await page.getByRole('link', { name: TITLE }).waitFor();

    // From the keyboard: type the words, Enter.
    await page.getByRole('searchbox', { name: '全文检索' }).fill('政务公开');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    const results = page.getByRole('list').filter({ has: page.getByRole('link', { name: TITLE }) });
    await eventually(() => results.locator('mark').first().textContent()).toBe('政务公开');
    expect(await page.getByRole('combobox', { name: '年份' }).inputValue()).toBe('2023');
    await checkpoint(page, 'open-documents-search');

    await page.getByRole('link', { name: TITLE }).click();
    await eventually(() => heading(page).textContent()).toBe(TITLE);
    await page.getByText('平政办发/2023-00005').waitFor();
    await checkpoint(page, 'open-document');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Word 版（.docx）' }).click()]);
    expect(download.suggestedFilename()).toBe(`${NUMBER}.docx`);
    const docx = readFileSync((await download.path())!);
    expect(docx.subarray(0, 2).toString()).toBe('PK');

    await page.getByRole('link', { name: '政府公报', exact: true }).click();
    await eventually(() => heading(page).textContent()).toBe('政府公报');
  });

  it('reads a document on a 375 px phone at 200 % text without sideways scrolling', async () => {
    const page = await newPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await page.goto(`/open/documents?q=${encodeURIComponent('政务公开')}`);
    await page.getByRole('link', { name: TITLE }).click();
    await eventually(() => heading(page).textContent()).toBe(TITLE);
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    await eventually(() => noSidewaysScroll(page)).toBe(true);
    await checkpoint(page, 'open-document-phone-200');
    await page.goto('/open/');
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    await page.getByRole('link', { name: TITLE }).waitFor();
    await eventually(() => noSidewaysScroll(page)).toBe(true);
  });
});
