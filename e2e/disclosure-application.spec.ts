import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, eventually, LAPTOP, launch, login, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading, navLink } from './support/pages.js';

/**
 * 依申请公开 from end to end: a citizen applies on /open on a phone and keeps the tracking code;
 * the county office registers it, sees its deadline counted on the calendar, answers it with a
 * numbered letter; the citizen finds the answer on the status page and downloads the letter.
 * Each run files a new application, so a reused server is fine.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = '13812345678';

async function apply(page: Page): Promise<string> {
  await page.goto(`${baseUrl()}/open/apply`);
  await eventually(() => heading(page).textContent()).toBe('政府信息公开申请');
  // Sending it empty names what is missing and sends nothing.
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByText('不能为空').first().waitFor();
  await page.getByLabel('姓名').fill('端到端申请人');
  await page.getByLabel('证件号码').fill('370124198001010013');
  await page.getByLabel('联系电话').fill(PHONE);
  await page.getByLabel('电子邮箱').fill('e2e@example.com');
  await page.getByLabel(/所需政府信息/).fill('2023年平阴县政务公开工作要点的任务分解表');
  await page.getByLabel('电子文档').check();
  await page.getByLabel('电子邮件').check();
  await checkpoint(page, 'disclosure-01-form-phone');
  await page.getByRole('button', { name: '提交申请' }).click();
  const code = page.getByTestId('tracking-code');
  await code.waitFor({ timeout: 30_000 });
  await checkpoint(page, 'disclosure-02-receipt-phone');
  return (await code.textContent())!.trim();
}

async function lookUp(page: Page, code: string) {
  await page.goto(`${baseUrl()}/open/apply/status?code=${code}`);
  await page.getByLabel('申请时填写的联系电话或电子邮箱').fill(PHONE);
  await page.getByRole('button', { name: '查询' }).click();
}

describe('依申请公开: an application from the public form to the reply', () => {
  it('is filed on /open, answered by the office and read by the applicant', async () => {
    const phone = await newPage(browser, { viewport: { width: 375, height: 812 } });
    const code = await apply(phone);
    expect(code).toMatch(/^YS\d{4}-[A-Z2-9]{8}$/);

    await lookUp(phone, code);
    await eventually(() => phone.getByTestId('state').textContent()).toBe('已提交');

    const office = await newPage(browser, LAPTOP);
    await login(office, 'admin', 'county.admin');
    await navLink(office, '依申请公开').click();
    await eventually(() => heading(office).textContent()).toBe('依申请公开');
    await office.getByLabel('搜索', { exact: true }).fill(code);
    await office.getByLabel('搜索', { exact: true }).press('Enter');
    await office.getByRole('link', { name: code }).waitFor();
    await checkpoint(office, 'disclosure-03-list');
    await office.getByRole('link', { name: code }).click();
    await eventually(() => heading(office).textContent()).toBe(`申请 ${code}`);
    // The office works masked.
    await office.getByText('138****5678').waitFor();

    await office.getByRole('button', { name: '登记（确认收到）' }).click();
    await office.getByRole('dialog', { name: '登记（确认收到）' }).getByRole('button', { name: '确定' }).click();
    await office.getByText(/收到申请 \d{4}-\d{2}-\d{2} \+ 20 个工作日/).waitFor();
    await checkpoint(office, 'disclosure-04-registered');

    await office.getByRole('button', { name: '作出答复' }).click();
    const reply = office.getByRole('dialog', { name: '作出答复' });
    await reply.getByLabel('答复类型').selectOption({ label: '予以公开' });
    await reply.getByLabel('答复内容').fill('任务分解表已通过电子邮件发送给您。');
    await checkpoint(office, 'disclosure-05-reply-dialog');
    await reply.getByRole('button', { name: '确定' }).click();
    await office
      .getByText(/平政办依复〔\d{4}〕\d+号/)
      .first()
      .waitFor();
    const download = office.waitForEvent('download');
    await office.getByRole('button', { name: '下载答复书' }).click();
    expect((await download).suggestedFilename()).toMatch(/^答复书-平政办依复〔\d{4}〕\d+号\.docx$/);
    await checkpoint(office, 'disclosure-06-replied');

    // The year's table counts it (the sums are checked by the server before it shows the table).
    await navLink(office, '年度报告 申请情况表').click();
    await office.getByRole('table', { name: /政府信息公开工作年度报告 表三/ }).waitFor();
    await checkpoint(office, 'disclosure-08-annual-table');

    await lookUp(phone, code);
    await eventually(() => phone.getByTestId('state').textContent()).toBe('已答复');
    await phone
      .getByTestId('reply')
      .getByText(/平政办依复〔\d{4}〕\d+号/)
      .waitFor();
    const letter = phone.waitForEvent('download');
    await phone.getByRole('button', { name: '下载答复书（.docx）' }).click();
    expect((await letter).suggestedFilename()).toMatch(/\.docx$/);
    await checkpoint(phone, 'disclosure-07-status-replied-phone');
  });
});
