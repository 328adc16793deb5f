import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { eventually, launch, login, newPage, screenshot } from './support/browser.js';
import { checkpoint, expectReachableByTab } from './support/controls.js';
import { heading } from './support/pages.js';

/**
 * 居民端 H5 on a 375 px phone: a resident signs in, sees their home, turns on 大字模式 from the
 * keyboard, and every page — login, 我的家, 设置 — is checked in both modes, at 100 % and at
 * 200 % text size, before they sign out.
 */
const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

interface Member {
  id: number;
  name: string;
  relation: string;
  gender: string;
  age: number;
}
interface Home {
  resident: { id: number; name: string; idCard: string; household: { members: Member[] } | null };
  community: { name: string } | null;
  grid: { name: string } | null;
  gridWorkers: { name: string; phone: string }[];
}

const RELATION: Record<string, string> = {
  self: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
};
const GENDER: Record<string, string> = { male: '男', female: '女' };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const isElder = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('elder'));
const rootFontSize = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

/**
 * 200 % text size, emulated by doubling the root font size of the mode in force (32 px normally,
 * 40 px in 大字模式). Every size in the H5 client is in rem (web/resident/styles.css) and
 * 大字模式 itself works by raising the root size (html.elder { font-size: 20px },
 * web/resident/elder-mode.ts only toggles that class), so this is the same mechanism the app
 * relies on, taken to the WCAG 1.4.4 figure. (Chromium's page zoom would instead shrink the CSS
 * viewport; that case is checked separately below, at 375 / 2 px wide.)
 */
async function setTextSize(page: Page, percent: number) {
  // (Callers poll the computed size: with reduced motion, base.css gives every property a
  // 0.01 ms transition, so the new size is computed on the next frame, not at once.)
  await page.evaluate((factor) => {
    const html = document.documentElement;
    html.style.fontSize = '';
    if (factor !== 1) html.style.fontSize = `${parseFloat(getComputedStyle(html).fontSize) * factor}px`;
  }, percent / 100);
}

/** No horizontal scrolling; on failure, names what sticks out past the right edge. */
async function expectNoHorizontalOverflow(page: Page, name: string) {
  const { scrollWidth, clientWidth, offenders } = await page.evaluate(() => {
    const doc = document.documentElement;
    const offenders = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 1 && r.right > doc.clientWidth + 0.5;
      })
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}" right=${Math.round(el.getBoundingClientRect().right)}`,
      );
    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, offenders };
  });
  expect.soft(scrollWidth, `horizontal overflow on ${name}: ${offenders.join('; ')}`).toBeLessThanOrEqual(clientWidth);
}

/**
 * A page in the current mode: screenshot, axe and labels at 100 %; then at 200 % text, no
 * horizontal scrolling and every control reachable by Tab with a name; then at 200 % zoom
 * (a 187 px wide viewport), no horizontal scrolling.
 */
async function checkPageInMode(page: Page, name: string) {
  await checkpoint(page, name);
  await setTextSize(page, 200);
  await eventually(() => rootFontSize(page)).toBe((await isElder(page)) ? '40px' : '32px');
  await screenshot(page, `${name}-text200`);
  await expectNoHorizontalOverflow(page, `${name} at 200% text`);
  await expectReachableByTab(page, `${name} at 200% text`);
  await setTextSize(page, 100);
  await eventually(() => rootFontSize(page)).toBe((await isElder(page)) ? '20px' : '16px');
  await page.setViewportSize({ width: Math.floor(PHONE.viewport.width / 2), height: Math.floor(PHONE.viewport.height / 2) });
  await screenshot(page, `${name}-zoom200`);
  await expectNoHorizontalOverflow(page, `${name} at 200% zoom`);
  await page.setViewportSize(PHONE.viewport);
}

/** Presses Tab from the top of the page until `target` has focus; returns how many presses. */
async function tabTo(page: Page, target: Locator, most = 6) {
  await page.evaluate(() => {
    const start = document.createElement('span');
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
    start.remove();
  });
  for (let i = 1; i <= most; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return i;
  }
  throw new Error(`${target} is not among the first ${most} Tab stops`);
}

/** The 大字模式 switch in the header, from the keyboard. */
async function toggleElderModeWithKeyboard(page: Page, on: boolean) {
  const toggle = page.getByRole('banner').getByRole('switch', { name: '大字模式' });
  expect(await toggle.getAttribute('aria-checked')).toBe(on ? 'false' : 'true');
  expect(await tabTo(page, toggle), 'the switch is one of the first Tab stops').toBeLessThanOrEqual(3);
  await page.keyboard.press('Enter');
  await eventually(() => toggle.getAttribute('aria-checked')).toBe(on ? 'true' : 'false');
  expect(await isElder(page)).toBe(on);
  await eventually(() => rootFontSize(page)).toBe(on ? '20px' : '16px');
}

describe('resident H5 on a phone, as resident.demo of 锦源社区', () => {
  it('shows my home, works in 大字模式 at 200% text, and signs out', async () => {
    const page = await newPage(browser, PHONE);

    // 登录, normal mode.
    await page.goto('/m/');
    await page.waitForURL('**/m/login**');
    await eventually(() => heading(page).textContent()).toBe('居民登录');
    expect(await isElder(page)).toBe(false);
    await checkPageInMode(page, 'h5-01-login');

    await login(page, 'm', 'resident.demo');
    await page.waitForURL((url) => url.pathname === '/m/');

    // 我的家: my name, my household, my grid workers.
    const home = (await (await page.request.get('/api/me/home')).json()) as Home;
    const me = home.resident;
    await eventually(() => heading(page).textContent()).toBe('我的家');
    await page.getByRole('heading', { name: `${me.name}，您好` }).waitFor();
    const info = page.getByRole('region', { name: '我的信息' });
    expect(await info.textContent()).toContain(me.name);
    // The own ID number is masked until tapped, and hidden again by a second tap.
    const ownId = info.getByTestId('own-id-card');
    expect(await info.textContent()).not.toContain(me.idCard);
    expect(await ownId.textContent()).toContain(`${me.idCard.slice(0, 6)}********${me.idCard.slice(-4)}`);
    await ownId.click();
    await eventually(() => ownId.textContent()).toContain(me.idCard);
    await ownId.click();
    await eventually(async () => (await ownId.textContent())?.includes(me.idCard)).toBe(false);
    const household = page.getByRole('region', { name: '家庭成员' });
    const members = me.household!.members.filter((m) => m.id !== me.id);
    expect(members.length, 'the demo resident has a family').toBeGreaterThan(0);
    for (const m of members) {
      await household.getByText(m.name, { exact: true }).waitFor();
      expect(await household.textContent()).toContain(`${RELATION[m.relation]} · ${GENDER[m.gender]} · ${m.age}岁`);
    }
    expect(await household.textContent()).not.toContain(`${me.name}户主`);
    const workers = page.getByRole('region', { name: '我的网格员' });
    expect(home.gridWorkers.length).toBeGreaterThan(0);
    for (const w of home.gridWorkers) {
      expect(await workers.textContent()).toContain(w.name);
      expect(await workers.getByRole('link', { name: `拨打网格员 ${w.name} 的电话` }).getAttribute('href')).toBe(`tel:${w.phone}`);
    }
    expect(await page.getByRole('region', { name: '我的社区' }).textContent()).toContain(home.community!.name);
    await checkPageInMode(page, 'h5-02-home');

    // 大字模式 from the keyboard: bigger type everywhere, and it stays on after a reload.
    await toggleElderModeWithKeyboard(page, true);
    await page.reload();
    await page.getByRole('heading', { name: `${me.name}，您好` }).waitFor();
    expect(await isElder(page), '大字模式 is remembered').toBe(true);
    await checkPageInMode(page, 'h5-03-home-elder');

    // 设置 in 大字模式; the switch there turns it off again, from the keyboard.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '设置' }).tap();
    await page.waitForURL((url) => url.pathname === '/m/settings');
    await eventually(() => heading(page).textContent()).toBe('设置');
    const elderSwitch = page.getByRole('main').getByRole('switch', { name: /大字模式/ });
    expect(await elderSwitch.isChecked()).toBe(true);
    expect(await page.getByRole('region', { name: '账号' }).textContent()).toContain('resident.demo');
    await checkPageInMode(page, 'h5-04-settings-elder');
    await elderSwitch.focus();
    await page.keyboard.press('Space');
    await page.getByRole('status').getByText('已关闭大字模式').waitFor();
    expect(await elderSwitch.isChecked()).toBe(false);
    expect(await isElder(page)).toBe(false);
    await checkPageInMode(page, 'h5-05-settings');

    // 退出登录, confirmed in a dialog; the session is gone.
    await page.getByRole('button', { name: '退出登录' }).tap();
    const dialog = page.getByRole('dialog', { name: '确定要退出登录吗？' });
    await dialog.waitFor();
    await checkpoint(page, 'h5-06-logout-confirm');
    await dialog.getByRole('button', { name: '退出登录' }).tap();
    await page.waitForURL('**/m/login');
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    await page.goto('/m/');
    await page.waitForURL('**/m/login**');

    // 登录 in 大字模式.
    await toggleElderModeWithKeyboard(page, true);
    await checkPageInMode(page, 'h5-07-login-elder');
  });
});
