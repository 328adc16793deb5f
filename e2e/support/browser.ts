import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, inject, onTestFinished } from 'vitest';

export const ARTIFACTS = path.resolve('e2e/artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The office's laptop screen (1366×768), the smallest the admin's county-office pages are checked at. */
export const LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const baseUrl = () => inject('baseUrl');

/**
 * expect.poll with a patience fit for a loaded 2-core machine (Vitest's default is one second):
 * for what the page shows after a request, without fixed sleeps.
 */
export function eventually<T>(fn: () => T | Promise<T>, message?: string) {
  return expect.poll(fn, { timeout: 20_000, interval: 100, message });
}

/** Uncaught errors of each page, so every checkpoint can say none happened. */
const pageErrors = new WeakMap<Page, string[]>();

/**
 * A fresh context and page for the running test, closed when the test finishes (with a
 * FAILED-… screenshot first if it failed). Chinese locale and China's time zone, as the county's
 * users have them; reduced motion, so Element's collapse animations do not have to be waited out.
 */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
    acceptDownloads: true,
    ...options,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  // A script, style or picture the Content-Security-Policy blocks is a broken page, not a warning.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  onTestFinished(async ({ task }) => {
    try {
      if (task.result?.state === 'fail' && !page.isClosed()) {
        await screenshot(page, `FAILED-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}`).catch(() => {});
      }
    } finally {
      await context.close();
    }
  });
  return page;
}

/** Signs in through the client's login form (the keyboard journey is in admin-journey.spec). */
export async function login(page: Page, client: 'admin' | 'm', username: string) {
  await page.goto(`${baseUrl()}/${client}/login`);
  await page
    .getByLabel(/用户名|账号/)
    .first()
    .fill(username);
  await page.getByLabel('密码').first().fill(inject('password'));
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

/**
 * A full-page screenshot into e2e/artifacts/. Chromium draws a bar stuck to the bottom of the
 * viewport (the H5 tab bar) in the middle of a full-page image, over the content; for the
 * capture only, such bars are put back in the flow, at the end of the page where they belong.
 */
export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const unstuck = await page.evaluate(() => {
    const bars = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => {
      const style = getComputedStyle(el);
      return (style.position === 'sticky' || style.position === 'fixed') && style.bottom !== 'auto' && style.top === 'auto';
    });
    bars.forEach((el) => el.setAttribute('data-e2e-unstuck', ''));
    return bars.length;
  });
  try {
    await page.screenshot({
      path: path.join(ARTIFACTS, `${name}.png`),
      fullPage: true,
      animations: 'disabled',
      caret: 'hide',
      style: unstuck ? '[data-e2e-unstuck] { position: static !important; }' : undefined,
    });
  } finally {
    if (unstuck)
      await page.evaluate(() => document.querySelectorAll('[data-e2e-unstuck]').forEach((el) => el.removeAttribute('data-e2e-unstuck')));
  }
}

/**
 * axe-core on the page as it stands: no serious or critical violation is allowed. A soft
 * assertion: the test fails, but the journey goes on, so one run names every page's problems.
 */
export async function expectAccessible(page: Page, name: string) {
  // resultTypes: only violations are listed in full, which spares axe most of its bookkeeping.
  const result = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
  expect.soft(bad, `axe on ${name}`).toEqual([]);
}

/** No uncaught exception has happened in the page so far (soft, like the other page checks). */
export function expectNoPageErrors(page: Page, name: string) {
  expect.soft(pageErrors.get(page) ?? [], `uncaught errors in the page by ${name}`).toEqual([]);
}

/** Text content of the focused element's accessible name, role and id, for keyboard steps. */
export function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      id: el?.id ?? '',
      tag: el?.tagName.toLowerCase() ?? '',
      role: el?.getAttribute('role') ?? '',
      text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      label: el?.getAttribute('aria-label') ?? '',
    };
  });
}

/**
 * One API sign-in try from Node (not a browser): its status, code, the advice for the next try,
 * the account as the server answered it, and the session cookie.
 */
export async function apiSignIn(username: string, password: string) {
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as {
    code?: string;
    details?: { retryAfterSeconds?: number; challengeRequired?: boolean };
    user?: { mustChangePassword: boolean };
  };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { status: res.status, code: body.code, details: body.details, user: body.user, cookie };
}

/** The API as a user sees it, from Node: signs in with fetch and keeps the session cookie. */
export async function apiAs(username: string) {
  const { status, cookie } = await apiSignIn(username, inject('password'));
  expect(status, `API login as ${username}`).toBe(200);
  return {
    async get<T>(pathAndQuery: string): Promise<{ status: number; body: T }> {
      const r = await fetch(`${baseUrl()}${pathAndQuery}`, { headers: { cookie, accept: 'application/json' } });
      return { status: r.status, body: (await r.json()) as T };
    },
    async post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
      const r = await fetch(`${baseUrl()}${path}`, {
        method: 'POST',
        headers: { cookie, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: (await r.json()) as T };
    },
  };
}
