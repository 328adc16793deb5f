import sharp from 'sharp';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { apiAs, eventually } from './browser.js';

/** Helpers of the case specs (cases-loop, supervision): photos, phones, and the case as the API tells it. */

/** A phone like the county's residents carry (390 × 844), as in resident-h5.spec. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESK = { viewport: { width: 1440, height: 900 } };

/**
 * A real JPEG, made with sharp: a dusk-blue street with a dark lamp head and a pole, so the
 * server's photo pipeline (metadata strip, display copy, thumbnail) has real pixels to work on.
 */
export async function jpegPhoto(label: string, hue = 210): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <rect width="800" height="600" fill="hsl(${hue},45%,30%)"/>
    <rect x="0" y="470" width="800" height="130" fill="#555"/>
    <rect x="390" y="150" width="20" height="330" fill="#222"/>
    <ellipse cx="400" cy="140" rx="60" ry="22" fill="#333"/>
    <text x="40" y="80" font-size="48" fill="#fff">${label}</text>
  </svg>`;
  const buffer = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
  expect(buffer.subarray(0, 3).toString('hex'), 'a JPEG starts with FF D8 FF').toBe('ffd8ff');
  return { name: `${label}.jpg`, mimeType: 'image/jpeg', buffer };
}

export interface CaseFacts {
  id: number;
  number: string;
  status: string;
  handler: string | null;
  regionId: number;
  regionName: string | null;
  result: string | null;
  satisfaction: string | null;
  events: { id: number; action: string; actor: string | null; actorUnit: string | null; note: string | null; toStatus: string }[];
  photos: { id: number; eventId: number | null }[];
  supervisions?: unknown[];
}

/** The API as one demo user, kept for the whole journey (one sign-in each). */
const sessions = new Map<string, Awaited<ReturnType<typeof apiAs>>>();
export async function caseAs(username: string, id: number): Promise<CaseFacts> {
  let api = sessions.get(username);
  if (!api) {
    api = await apiAs(username);
    sessions.set(username, api);
  }
  const res = await api.get<CaseFacts>(`/api/cases/${id}`);
  expect(res.status, `GET /api/cases/${id} as ${username}`).toBe(200);
  return res.body;
}

/** The status the case has for this user, waited for (the page's request may still be on its way). */
export async function expectStatus(username: string, id: number, status: string, step: string) {
  await eventually(async () => (await caseAs(username, id)).status, `${step}: status of case ${id} as ${username}`).toBe(status);
}

/** A case-action dialog of the admin client, by its title, and its confirm button. */
export function actionDialog(page: Page, action: string): { dialog: Locator; confirm: Locator } {
  const dialog = page.getByRole('dialog', { name: action, exact: true });
  return { dialog, confirm: dialog.getByRole('button', { name: `确认${action}`, exact: true }) };
}

/** On the H5 report page: type the description, add a photo and wait until it is uploaded. */
export async function describeWithPhoto(page: Page, description: string, photo: Awaited<ReturnType<typeof jpegPhoto>>) {
  const box = page.getByRole('textbox', { name: '问题描述' });
  await box.click();
  await box.pressSequentially(description);
  await page.getByLabel('从相册选择').setInputFiles(photo);
  await page.getByRole('img', { name: '照片 1' }).waitFor();
  await page.getByText('已上传', { exact: true }).waitFor({ timeout: 30_000 });
}

/** 使用当前位置: the context's granted GPS, shown converted to GCJ-02 inside the county. */
export async function useCurrentLocation(page: Page) {
  await page.getByRole('radio', { name: '使用当前位置' }).check();
  const located = page.getByRole('status').filter({ hasText: '已定位' });
  await located.waitFor({ timeout: 20_000 });
  expect(await located.textContent()).toMatch(/东经 116\.4\d+，北纬 36\.2\d+/);
}

/**
 * 提交上报 and the case number shown. A nearby open case of the category (an earlier run on a
 * reused server) asks "是这件吗？": this report is a new one, so 不是，继续上报.
 */
export async function submitReport(page: Page, onDuplicate?: () => Promise<void>): Promise<{ number: string; caseId: number }> {
  await page.getByRole('button', { name: '提交上报' }).click();
  const done = page.getByRole('heading', { name: '上报成功' });
  const duplicate = page.getByRole('dialog', { name: /附近已有同类问题/ });
  await done.or(duplicate).first().waitFor({ timeout: 30_000 });
  if (await duplicate.isVisible()) {
    await onDuplicate?.();
    await duplicate.getByRole('button', { name: '不是，继续上报' }).click();
    await done.waitFor({ timeout: 30_000 });
  }
  const outcome = page.getByRole('region', { name: '上报成功' });
  const number = (await outcome.getByText(/^PY\d{14}$/).textContent())!.trim();
  expect(number).toMatch(/^PY\d{14}$/);
  const href = await outcome.getByRole('link', { name: '查看办理进度' }).getAttribute('href');
  const caseId = Number(href?.match(/\/cases\/(\d+)/)?.[1]);
  expect(caseId, `the outcome links to the case (${href})`).toBeGreaterThan(0);
  return { number, caseId };
}
