import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eventually, LAPTOP, launch, login, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading } from './support/pages.js';

/**
 * 政府信息公开专栏 without signing in: the county government's column, browsed by year, searched in
 * Chinese with the words marked, a document opened (on a 375 px phone at 200 % text too) and
 * downloaded as a .docx. It reads the seed gazette's 平政办发〔2023〕5号, which the demo county
 * loads into the library through the gazette importer. Before that, the county office decides
 * a document whose 附注 said nothing and publishes it as a policy document under 三同步; and it
 * enters a notice by hand, publishes it, and withdraws it (撤回) from the column.
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
  it('takes a document the county office decided and published as a policy document, with the reason it has no interpretation', async () => {
    const page = await newPage(browser, LAPTOP);
    await login(page, 'admin', 'county.admin');
    await page.goto('/admin/documents?disclosure=undecided');
    const first = page.getByRole('table').getByRole('link').first();
    const number = (await first.textContent())!.trim();
    await first.click();
    await eventually(() => heading(page).textContent()).toBe(number);
    await checkpoint(page, 'admin-document');
    const id = /\/documents\/(\d+)/.exec(page.url())![1];
    const title = (await page.locator('.page-header__subtitle').textContent())?.trim();
    const settings = page.locator('section', { has: page.getByRole('heading', { name: '公开属性与分类' }) });
    await settings.getByLabel('公开属性', { exact: true }).selectOption('public');
    // Element's checkbox hides its input under the box drawn for it: the label is what a user clicks.
    await settings.locator('label.el-checkbox', { hasText: '政策性文件' }).click();
    expect(await settings.getByRole('checkbox', { name: '政策性文件' }).isChecked()).toBe(true);
    await settings.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').first().waitFor();

    await page.getByRole('button', { name: '主动公开发布' }).click();
    const dialog = page.getByRole('dialog', { name: '主动公开发布' });
    await dialog.getByText('三同步').waitFor();
    // Without a reason the policy document stays unpublished, and the dialog says why.
    await dialog.getByRole('button', { name: '主动公开发布' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('不同步发布解读的理由').fill('解读随办理情况通报另行发布');
    await dialog.getByRole('button', { name: '主动公开发布' }).click();
    await page.getByRole('heading', { name: '三同步例外' }).waitFor();
    await checkpoint(page, 'admin-document-published');

    // Now the public reads it, without signing in.
    const visitor = await newPage(browser, LAPTOP);
    await visitor.goto(`/open/documents/${id}`);
    await visitor.getByText(number).first().waitFor();
    if (title) await eventually(() => heading(visitor).textContent()).toBe(title);
  });

  it('is browsed by year, searched with the words marked, and a document opened and downloaded as .docx', async () => {
    const page = await newPage(browser, LAPTOP);
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
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载 Word 版（.docx）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${NUMBER}.docx`);
    const docx = readFileSync((await download.path())!);
    expect(docx.subarray(0, 2).toString()).toBe('PK');

    await page.getByRole('link', { name: '政府公报', exact: true }).click();
    await eventually(() => heading(page).textContent()).toBe('政府公报');
  });

  it('takes a notice the county office entered by hand, found by search, until its publication is withdrawn', async () => {
    // A fresh number and word each run, so a demo server that has seen this spec before is fine.
    const serial = 100 + (Date.now() % 9000);
    const word = `金银花${serial}`;
    const page = await newPage(browser, LAPTOP);
    await login(page, 'admin', 'county.admin');
    await page.goto('/admin/documents');
    await page.getByRole('button', { name: '新建文件' }).click();
    const form = page.getByRole('dialog', { name: /新建文件/ });
    // A number not written by GB/T 9704 is refused in words under the field, saying how to write it.
    await form.getByLabel('发文字号').fill(`平农发〔2026〕0${serial}号`);
    await form.getByLabel('发文机关').fill('平阴县农业农村局');
    await form.getByLabel('标题').fill(`平阴县农业农村局关于做好${word}种植基地春季管护工作的通知`);
    await form.getByLabel('主送').fill('各镇（街道）农业综合服务中心、县直有关部门');
    await form.getByLabel('成文日期').fill('2026-03-02');
    await form.getByLabel('成文日期').press('Enter');
    await form.getByLabel('正文').fill(`为做好${word}种植基地春季管护工作，现将有关事项通知如下。\n一、及时开展病虫害防治。`);
    await form.getByLabel('公开属性').selectOption('public');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText(`应写作 平农发〔2026〕${serial}号`).waitFor();
    await form.getByText('新建文件（未刊登公报的文件）').scrollIntoViewIfNeeded();
    await checkpoint(page, 'document-entry-form');
    await form.getByLabel('发文字号').fill(`平农发〔2026〕${serial}号`);
    await form.getByRole('button', { name: '保存' }).click();
    await eventually(() => heading(page).textContent()).toBe(`平农发〔2026〕${serial}号`);
    const id = /\/documents\/(\d+)/.exec(page.url())![1];

    await page.getByRole('button', { name: '主动公开发布' }).click();
    const publish = page.getByRole('dialog', { name: '主动公开发布' });
    await publish.getByRole('button', { name: '主动公开发布' }).click();
    await page.getByRole('button', { name: '撤回发布' }).waitFor();

    const visitor = await newPage(browser, LAPTOP);
    await visitor.goto(`/open/documents?q=${encodeURIComponent(word)}`);
    await visitor.getByRole('link', { name: new RegExp(word) }).waitFor();

    await page.getByRole('button', { name: '撤回发布' }).click();
    const withdraw = page.getByRole('dialog', { name: '撤回发布' });
    await withdraw.getByLabel('撤回理由').fill('主送机关有误，更正后重新发布');
    await withdraw.getByRole('button', { name: '撤回发布' }).click();
    await page.getByRole('heading', { name: '撤回记录' }).waitFor();
    await page.getByText('主送机关有误，更正后重新发布').waitFor();
    await page.getByRole('button', { name: '编辑正文' }).waitFor();
    await checkpoint(page, 'document-withdrawn');

    await visitor.goto(`/open/documents?q=${encodeURIComponent(word)}`);
    await visitor.getByText('没有找到符合条件的文件').waitFor();
    await visitor.goto(`/open/documents/${id}`);
    await visitor.getByText('文件不存在或尚未公开').waitFor();
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
