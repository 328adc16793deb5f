import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEVICE_COLUMNS } from '../server/domains/exchange/sheet-columns.js';
import { ARTIFACTS, eventually, launch, login, newPage, screenshot } from './support/browser.js';
import { checkpoint, chooseFilesWithKeyboard } from './support/controls.js';
import { heading, loadedTable, navLink, tableRows } from './support/pages.js';

/**
 * 设备管理 (docs/decisions/028): 锦源社区's staff register a smoke detector on a building of
 * their estate, see its credentials once (with a warning, and never again on the page), find it
 * in the list, edit it into maintenance and re-issue its credentials; at 1366×768 too. Then a
 * devices workbook imported from 设备管理's 批量导入, and its credentials downloaded once. Every
 * run uses fresh serials, so a reused server is fine.
 */
const VIEWPORT = { width: 1440, height: 900 };
const SMALL = { width: 1366, height: 768 };
const CAPTION = '设备列表';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const freshSerial = () => `SD-E2E-${Date.now().toString(36).toUpperCase()}`;

async function chooseFirstEnabled(dialog: Locator, label: string) {
  const select = dialog.getByLabel(label, { exact: true });
  await eventually(() => select.evaluate((el) => (el as HTMLSelectElement).options.length)).toBeGreaterThan(1);
  const value = await select.evaluate((el) => [...(el as HTMLSelectElement).options].find((o) => o.value && !o.disabled)?.value ?? '');
  await select.selectOption(value);
}

async function openDevices(page: Page) {
  await navLink(page, '设备管理').click();
  await eventually(() => heading(page).textContent()).toContain('设备管理');
  return loadedTable(page, CAPTION);
}

async function search(page: Page, serial: string) {
  await page.getByRole('search').getByLabel('编号或名称').fill(serial);
  await page.getByRole('search').getByRole('button', { name: '查询' }).click();
  await eventually(async () => (await tableRows(await loadedTable(page, CAPTION))).map((r) => r['设备编号'])).toEqual([serial]);
  return (await tableRows(await loadedTable(page, CAPTION)))[0];
}

/** Registers a smoke detector on the first building of the first estate; answers its one-time password. */
async function register(page: Page, serial: string, shot: string) {
  await page.getByRole('button', { name: '登记设备' }).click();
  const form = page.getByRole('dialog', { name: '登记设备' });
  await form.waitFor();
  await form.getByLabel('设备编号').fill(serial);
  await form.getByLabel('设备类型').selectOption({ label: '独立式烟感探测器' });
  await form.getByLabel('名称', { exact: true }).fill('1号楼楼道烟感');
  // Nothing placed yet: refused in the dialog before anything is sent.
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByRole('alert').getByText('请选择安装位置').waitFor();
  await chooseFirstEnabled(form, '小区');
  await chooseFirstEnabled(form, '楼栋');
  await chooseFirstEnabled(form, '单元');
  await form.getByLabel('楼层').fill('3');
  await form.getByLabel('视频流地址').fill('javascript:alert(1)');
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByRole('alert').getByText('只接受 http、https 或 rtsp 地址').waitFor();
  await form.getByLabel('视频流地址').fill('');
  await checkpoint(page, `${shot}-register`);
  await form.getByRole('button', { name: '保存' }).click();

  const once = page.getByRole('dialog', { name: `设备凭据 · ${serial}` });
  await once.waitFor();
  await once.getByText('密钥只显示这一次').waitFor();
  const password = (await once.getByTestId('credential-password').textContent())!.trim();
  expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(await once.getByTestId('credential-username').textContent()).toContain(`${serial}.`);
  await checkpoint(page, `${shot}-credentials`);
  await once.getByRole('button', { name: '我已保存，关闭' }).click();
  await once.waitFor({ state: 'hidden' });
  return password;
}

describe('设备管理', () => {
  it('registers a smoke detector, shows its credentials once, finds it, edits it and re-issues them', async () => {
    const serial = freshSerial();
    const page = await newPage(browser, { viewport: VIEWPORT });
    await login(page, 'admin', 'jinyuan.staff');
    await openDevices(page);
    const password = await register(page, serial, 'iot-devices-01');

    const row = await search(page, serial);
    expect(row).toMatchObject({ 名称: '1号楼楼道烟感', 设备类型: '独立式烟感探测器', 状态: '离线', 最后上报: '从未上报', 未关闭告警: '0' });
    expect(row['安装位置']).toMatch(/ · .+ · .+ · 3层$/);
    // Once closed, the secret is nowhere on the page.
    expect(await page.content()).not.toContain(password);
    await checkpoint(page, 'iot-devices-02-list');

    await page.getByRole('button', { name: `编辑设备 ${serial}` }).click();
    const edit = page.getByRole('dialog', { name: `编辑设备 ${serial}` });
    await edit.waitFor();
    await eventually(() => edit.getByLabel('名称', { exact: true }).inputValue()).toBe('1号楼楼道烟感');
    await edit.getByLabel('名称', { exact: true }).fill('1号楼东侧楼道烟感');
    await edit.getByLabel('设备状态').selectOption({ label: '维护中' });
    await edit.getByLabel('固件版本').fill('v2.1.0');
    await checkpoint(page, 'iot-devices-03-edit');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'hidden' });
    await eventually(async () => (await search(page, serial))['状态']).toBe('维护');
    expect((await search(page, serial))['名称']).toBe('1号楼东侧楼道烟感');

    await page.getByRole('button', { name: `重发凭据：${serial}` }).click();
    const confirm = page.getByRole('dialog', { name: '重新签发凭据' });
    await confirm.getByText('旧的用户名和密钥立即失效').waitFor();
    await confirm.getByRole('button', { name: '重发凭据' }).click();
    const again = page.getByRole('dialog', { name: `设备凭据 · ${serial}` });
    await again.waitFor();
    expect((await again.getByTestId('credential-password').textContent())!.trim()).not.toBe(password);
    await screenshot(page, 'iot-devices-04-reissued');
    await again.getByRole('button', { name: '我已保存，关闭' }).click();
    await page.close();
  });

  it('fits 1366×768: the list and the register dialog', async () => {
    const page = await newPage(browser, { viewport: SMALL });
    await login(page, 'admin', 'jinyuan.staff');
    await openDevices(page);
    await register(page, freshSerial(), 'iot-devices-05-small');
    await checkpoint(page, 'iot-devices-06-small-list');
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(sideways).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('imports a devices workbook from 批量导入 and gives the credentials of the new devices once', async () => {
    const page = await newPage(browser, { viewport: VIEWPORT });
    await login(page, 'admin', 'jinyuan.staff');
    await openDevices(page);
    await page.getByRole('button', { name: '批量导入' }).click();
    await eventually(() => heading(page).textContent()).toBe('导入导出');
    expect(await page.getByRole('radio', { name: '设备' }).isChecked()).toBe(true);

    const estate = await page.evaluate(async () => (await (await fetch('/api/estates?pageSize=1')).json()).items[0]);
    const serials = [freshSerial(), `${freshSerial()}-2`];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('设备');
    sheet.addRow(DEVICE_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)));
    const cells = (values: Record<string, string>) => DEVICE_COLUMNS.map((c) => values[c.key] ?? '');
    const place = { town: '榆山街道', community: estate.communityName, estate: estate.name };
    sheet.addRow(cells({ serial: serials[0], type: '独立式烟感探测器', ...place, floor: '2' }));
    sheet.addRow(cells({ serial: serials[1], type: 'gas_detector', ...place }));
    sheet.addRow(cells({ serial: freshSerial(), type: '不存在的类型', ...place }));
    const filePath = path.join(ARTIFACTS, `设备导入-e2e-${Date.now()}.xlsx`);
    await workbook.xlsx.writeFile(filePath);

    await chooseFilesWithKeyboard(page.getByRole('button', { name: /将文件拖到此处/ }), filePath);
    await page.getByRole('button', { name: '开始导入' }).click();
    const progress = page.getByRole('region', { name: '导入进度' });
    await progress.getByText('已完成', { exact: true }).waitFor({ timeout: 30_000 });
    await progress.getByText('新登记设备的凭据只能下载一次').waitFor();
    await checkpoint(page, 'iot-devices-07-import-report');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      progress.getByRole('button', { name: '下载设备凭据（仅一次）' }).click(),
    ]);
    const saved = path.join(ARTIFACTS, 'device-credentials.xlsx');
    await download.saveAs(saved);
    const credentials = new ExcelJS.Workbook();
    await credentials.xlsx.readFile(saved);
    const rows = credentials.worksheets[0].getSheetValues().slice(2) as string[][];
    expect(rows.map((r) => r[1]).sort()).toEqual([...serials].sort());
    await progress.getByText('设备凭据已下载').waitFor();
    await screenshot(page, 'iot-devices-08-import-downloaded');
    await page.close();
  });
});
