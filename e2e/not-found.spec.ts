import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, login, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading } from './support/pages.js';
import { PHONE } from './support/cases.js';

/**
 * 404s: an address that does not exist, and a record that is not there for this viewer. None
 * offers 重试 (it would find nothing either), and a resident is never told about 管辖范围.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('not found', () => {
  it('admin: an unknown address says so and leads home, without 重试', async () => {
    const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await login(page, 'admin', 'jinyuan.staff');
    await page.goto('/admin/no-such-page');
    await expect.poll(() => heading(page).textContent()).toContain('页面不存在');
    await page.getByRole('link', { name: '返回首页' }).waitFor();
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);
    await checkpoint(page, 'admin-not-found');
  });

  it('H5: a case that is not the resident’s and an unknown address, in a resident’s words', async () => {
    const page = await newPage(browser, PHONE);
    await login(page, 'm', 'resident.demo');
    await page.goto('/m/cases/99999999');
    const alert = page.getByRole('alert');
    await alert.getByText('没有找到这条内容').waitFor();
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('管辖范围');
    await page.getByRole('link', { name: '查看我的上报' }).waitFor();
    await checkpoint(page, 'h5-case-not-found');

    await page.goto('/m/no-such-page');
    await page.getByRole('alert').getByText('您访问的页面不存在或已被移除。').waitFor();
    await checkpoint(page, 'h5-not-found');
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);
    await page.getByRole('link', { name: '返回首页' }).click();
    await page.waitForURL((url) => url.pathname === '/m/' || url.pathname === '/m');
  });
});
