import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiSignIn, eventually, launch, login, newPage, screenshot } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading, loadedTable, navLink, tableRows } from './support/pages.js';

/**
 * 账号管理 by the county administrator: a new grid worker's account with its one-time password
 * (which signs in and must be changed), then disabled (it no longer signs in), enabled and its
 * password reset. Each run makes an account of a fresh name, so a reused server is fine.
 */
const VIEWPORT = { width: 1440, height: 900 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The first region of the select that may be chosen (the role's level), chosen by its value. */
async function chooseFirstEnabled(page: Page, label: string) {
  const select = page.getByRole('dialog').getByLabel(label);
  const value = await select.evaluate((el) => [...(el as HTMLSelectElement).options].find((o) => o.value && !o.disabled)?.value ?? '');
  expect(value, `an enabled option in ${label}`).not.toBe('');
  await select.selectOption(value);
}

async function oneTimePassword(page: Page) {
  const dialog = page.getByRole('dialog', { name: '一次性初始密码' });
  await dialog.waitFor();
  const password = (await dialog.getByTestId('one-time-password').textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(12);
  return { dialog, password };
}

describe('账号管理: making and changing accounts', () => {
  it('makes a grid worker, disables, enables and resets their password', async () => {
    const username = `e2e.grid.${Date.now().toString(36)}`;
    const page = await newPage(browser, { viewport: VIEWPORT });
    await login(page, 'admin', 'county.admin');
    await navLink(page, '账号管理').click();
    await eventually(() => heading(page).textContent()).toBe('账号管理');

    await page.getByRole('button', { name: '新建账号' }).click();
    const form = page.getByRole('dialog', { name: '新建工作人员账号' });
    await form.waitFor();
    await form.getByLabel('用户名').fill(username);
    await form.getByLabel('姓名').fill('端到端网格员');
    await form.getByLabel('角色').selectOption({ label: '网格员' });
    // Saving without a region says so and makes nothing.
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByRole('alert').getByText('请选择所属区域').waitFor();
    await chooseFirstEnabled(page, '所属区域');
    await checkpoint(page, 'users-01-create-form');
    await form.getByRole('button', { name: '保存' }).click();

    const { dialog, password } = await oneTimePassword(page);
    await checkpoint(page, 'users-02-one-time-password');
    await dialog.getByRole('button', { name: '我已记下' }).click();
    const signedIn = await apiSignIn(username, password);
    expect(signedIn.status).toBe(200);
    expect(signedIn.user?.mustChangePassword).toBe(true);

    await page.getByLabel('用户名或姓名').fill(username);
    await page.getByLabel('用户名或姓名').press('Enter');
    const table = await loadedTable(page, '账号管理');
    const row = async () => (await tableRows(table)).find((r) => r.用户名 === username);
    await eventually(async () => (await row())?.角色).toBe('网格员');

    await page.getByRole('button', { name: `停用账号：${username}` }).click();
    await page.getByRole('dialog', { name: '停用' }).getByRole('button', { name: '停用' }).click();
    await eventually(async () => (await row())?.登录状态).toContain('已停用');
    expect((await apiSignIn(username, password)).status).toBe(401);
    await checkpoint(page, 'users-03-disabled');

    await page.getByRole('button', { name: `启用账号：${username}` }).click();
    await page.getByRole('dialog', { name: '启用' }).getByRole('button', { name: '启用' }).click();
    await eventually(async () => (await row())?.登录状态).not.toContain('已停用');

    await page.getByRole('button', { name: `重置密码：${username}` }).click();
    await page.getByRole('dialog', { name: '重置密码' }).getByRole('button', { name: '重置密码' }).click();
    const reset = await oneTimePassword(page);
    expect(reset.password).not.toBe(password);
    await screenshot(page, 'users-04-reset-password');
    await reset.dialog.getByRole('button', { name: '我已记下' }).click();
    expect((await apiSignIn(username, password)).status).toBe(401);
    expect((await apiSignIn(username, reset.password)).status).toBe(200);
  }, 180_000);
});
