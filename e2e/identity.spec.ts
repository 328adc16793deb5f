import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiSignIn, baseUrl, eventually, launch, login, newPage, screenshot } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading, loadedTable, navLink, tableRows } from './support/pages.js';

/**
 * Sign-in without a lock (security review item 7, docs/decisions/008-login-throttling.md):
 * wrong passwords make the next try wait and then ask the browser to solve a challenge, and the
 * right password still opens; a password changed from the header menu (admin) and from 设置
 * (H5); an administrator's 账号管理 clearing an account's failures.
 *
 * The demo accounts used here (jinshui.staff, jindong.staff, yushan.staff, jindong.grid) are
 * used by no other spec; a changed password is changed back, so a reused server stays usable.
 */
const VIEWPORT = { width: 1440, height: 900 };
const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const NEW_PASSWORD = 'E2e#Changed2026';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Wrong passwords from Node until the account has `failures` of them, waiting out each 429. */
async function failLogins(username: string, failures: number) {
  for (let done = 0; done < failures;) {
    const res = await apiSignIn(username, `wrong-${done}`);
    if (res.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, (res.details?.retryAfterSeconds ?? 1) * 1000));
      continue;
    }
    expect(res.code, `wrong password ${done + 1} for ${username}`).toBe('AUTH_INVALID');
    done++;
  }
}

/** Puts a changed password back through the API, as the user would. */
async function changeBack(username: string) {
  const { cookie, status } = await apiSignIn(username, NEW_PASSWORD);
  expect(status, `sign in as ${username} with the changed password`).toBe(200);
  const res = await fetch(`${baseUrl()}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ currentPassword: NEW_PASSWORD, newPassword: inject('password') }),
  });
  expect(res.status, `change ${username}'s password back`).toBe(200);
}

async function typeLogin(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.keyboard.press('Enter');
}

describe('sign-in without a lock', () => {
  it('takes six wrong passwords with waits, then the right one after a challenge solved in the browser', async () => {
    const page = await newPage(browser, { viewport: VIEWPORT });
    await page.goto('/admin/login');
    const submit = page.getByRole('button', { name: /登录|秒后可再次登录/ });
    const alert = page.getByRole('alert');
    const challengeRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/login-challenge')) challengeRequests.push(request.url());
    });

    for (let i = 1; i <= 6; i++) {
      // The button counts the wait down and stays disabled meanwhile; the form never spends a try on a 429.
      await eventually(() => submit.isEnabled(), `try ${i}: the button is enabled again`).toBe(true);
      await typeLogin(page, 'jinshui.staff', `wrong-password-${i}`);
      await eventually(() => alert.textContent()).toContain('用户名或密码错误');
      if (i === 3) {
        await eventually(() => submit.textContent()).toMatch(/\d+ 秒后可再次登录/);
        expect(await submit.isDisabled()).toBe(true);
        await checkpoint(page, 'identity-01-login-wait');
      }
    }
    // The sixth try already needed the challenge: the browser fetched and solved one by itself.
    expect(challengeRequests.length).toBeGreaterThanOrEqual(1);

    await eventually(() => submit.isEnabled(), 'the wait after six failures ends').toBe(true);
    await typeLogin(page, 'jinshui.staff', inject('password'));
    await page.waitForURL((url) => url.pathname === '/admin/');
    expect(challengeRequests.length).toBeGreaterThanOrEqual(2);
    await eventually(() => heading(page).textContent()).toContain('锦水街道工作人员');
    await checkpoint(page, 'identity-02-signed-in-after-challenge');
  }, 120_000);

  it('answers an unknown username as it answers a known one', async () => {
    const known = await apiSignIn('jinshui.staff', 'not-it');
    const unknown = await apiSignIn('no.such.person', 'not-it');
    expect([unknown.status, unknown.code, unknown.details]).toEqual([known.status, known.code, known.details]);
  });
});

describe('password change', () => {
  it('changes a password from the admin header menu, then signs in with the new one', async () => {
    const page = await newPage(browser, { viewport: VIEWPORT });
    await login(page, 'admin', 'jindong.staff');
    // Demo mode: the demo password is flagged but not forced; the header link carries the hint.
    await page.getByRole('link', { name: /修改密码/ }).click();
    await page.waitForURL((url) => url.pathname === '/admin/password');
    await eventually(() => heading(page).textContent()).toBe('修改密码');
    await page.locator('main').getByText('建议尽快修改').waitFor();
    await checkpoint(page, 'identity-03-admin-change-password');

    // The server's policy speaks for itself.
    await page.getByLabel('当前密码').fill(inject('password'));
    await page.getByLabel('新密码', { exact: true }).fill('abcdefgh');
    await page.getByLabel('确认新密码').fill('abcdefgh');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.getByRole('alert').filter({ hasText: '至少三类' }).waitFor();

    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/');
    await page.getByText('密码已修改').waitFor();

    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL('**/admin/login**');
    await typeLogin(page, 'jindong.staff', NEW_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/admin/');
    const me = (await (await page.request.get('/api/auth/me')).json()) as { mustChangePassword: boolean };
    expect(me.mustChangePassword).toBe(false);
    await changeBack('jindong.staff');
  }, 90_000);

  it('changes a password in the H5 from 设置', async () => {
    const page = await newPage(browser, PHONE);
    await login(page, 'm', 'jindong.grid');
    await page.goto('/m/settings');
    await page.getByRole('button', { name: /修改登录密码/ }).click();
    await page.waitForURL((url) => url.pathname === '/m/password');
    await eventually(() => heading(page).textContent()).toBe('修改密码');
    await checkpoint(page, 'identity-04-h5-change-password');
    await page.getByLabel('当前密码').fill(inject('password'));
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '确认修改' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: '密码已修改' }).count()).toBe(1);
    await screenshot(page, 'identity-05-h5-password-changed');
    await changeBack('jindong.grid');
  }, 90_000);
});

describe('账号管理', () => {
  it("shows an account's failures to the county administrator, who clears them", async () => {
    await failLogins('yushan.staff', 5);
    const page = await newPage(browser, { viewport: VIEWPORT });
    await login(page, 'admin', 'county.admin');
    await navLink(page, '账号管理').click();
    await page.waitForURL((url) => url.pathname === '/admin/users');
    await eventually(() => heading(page).textContent()).toBe('账号管理');

    const table = await loadedTable(page, '账号管理');
    const row = async () => (await tableRows(table)).find((r) => r.用户名 === 'yushan.staff');
    await eventually(async () => (await row())?.连续失败).toBe('5');
    expect((await row())?.登录状态).toContain('需安全验证');
    await checkpoint(page, 'identity-06-accounts');

    await page.getByRole('button', { name: '解除限制：yushan.staff' }).click();
    const dialog = page.getByRole('dialog', { name: '解除登录限制' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('yushan.staff');
    await screenshot(page, 'identity-07-unlock-confirm');
    await dialog.getByRole('button', { name: '解除限制' }).click();
    await page.getByText('已解除 yushan.staff 的登录限制').waitFor();
    await eventually(async () => (await row())?.连续失败).toBe('无');
    await checkpoint(page, 'identity-08-unlocked');

    // At once, without a wait or a challenge.
    expect((await apiSignIn('yushan.staff', inject('password'))).status).toBe(200);
  }, 120_000);
});
