import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoCredentials } from '../server/domains/iot/credentials.js';
import { baseUrl, eventually, launch, login, newPage, screenshot } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading, loadedTable, navLink, tableRows } from './support/pages.js';

/**
 * A device's page, 设备健康 and 规则设置 (docs/decisions/032): a demo kitchen gas detector reports
 * a day of readings over HTTP ingest (signed in with the demo's device credentials), CO rising
 * over 50 ppm at the end; county.admin opens it from 设备管理 and sees its facts, its place, its
 * latest values, a chart per field with the alarm its readings raised; sets one rule for this
 * device only (a bad form refused in words), edits the type's CO rule in 规则设置, and reads
 * 设备健康. Screenshots at 1440×900 and 1366×768.
 */
const VIEWPORT = { width: 1440, height: 900 };
const SMALL = { width: 1366, height: 768 };
const MINUTE = 60_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A demo gas detector nobody else's spec uses (the last of the demo county's, whose credentials
 * the demo derives: a device another spec registered or imported has its own), and a day of its
 * readings through HTTP ingest.
 */
async function gasDetectorWithADay(page: Page) {
  const res = await page.request.get(`${baseUrl()}/api/iot/devices?typeCode=gas_detector&pageSize=200`);
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: { id: number; serial: string; name: string }[] };
  const device = items.filter((d) => d.serial.startsWith('PY-')).at(-1)!;
  const now = Date.now();
  const readings = Array.from({ length: 96 }, (_, i) => {
    const ts = now - (95 - i) * 15 * MINUTE;
    // Quiet through the day, CO rising over 50 ppm in the last hour: held over 30 s, it raises 一氧化碳浓度超标.
    const co = i >= 92 ? 55 + (i - 92) * 5 : 8 + 6 * Math.sin(i / 6);
    return {
      ts: new Date(ts).toISOString(),
      msgId: `e2e-${ts}`,
      values: { co: Math.round(co * 10) / 10, lel: (i % 7) * 0.5, valve_closed: i >= 94 },
    };
  });
  const token = demoCredentials(inject('password'), device.serial).httpToken;
  const sent = await fetch(`${baseUrl()}/api/iot/telemetry`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ readings }),
  });
  expect(sent.status, await sent.clone().text()).toBe(200);
  expect((await sent.json()).refused).toBe(0);
  return device;
}

async function openDevice(page: Page, serial: string) {
  await navLink(page, '设备管理').click();
  await page.getByRole('search').getByLabel('编号或名称').fill(serial);
  await page.getByRole('search').getByRole('button', { name: '查询' }).click();
  await eventually(async () => (await tableRows(await loadedTable(page, '设备列表'))).map((r) => r['设备编号'])).toEqual([serial]);
  await page.getByRole('link', { name: serial, exact: true }).click();
  await eventually(() => heading(page).textContent()).toContain('设备详情');
  await page.getByRole('heading', { name: '最新读数' }).waitFor();
}

/** A panel (PanelCard) by the id of its heading. */
const panel = (page: Page, headingId: string) => page.locator('section', { has: page.locator(`#${headingId}`) });

async function chartsDrawn(page: Page) {
  await eventually(() => panel(page, 'device-history').locator('canvas').count()).toBeGreaterThanOrEqual(3);
}

describe('设备详情、设备健康、规则设置', () => {
  it("shows a gas detector's day, sets one rule for it, edits the type's rule and reads 设备健康", async () => {
    const page = await newPage(browser, { viewport: VIEWPORT });
    await login(page, 'admin', 'county.admin');
    const device = await gasDetectorWithADay(page);
    await openDevice(page, device.serial);

    // The latest values in the type's units, and an alarm raised by the readings.
    await eventually(() => panel(page, 'device-latest').textContent()).toMatch(/一氧化碳（ppm）\s*70 ppm/);
    const alarms = await loadedTable(page, '最近告警');
    await eventually(async () => (await tableRows(alarms)).map((r) => r['告警'])).toContain('一氧化碳浓度超标');
    await chartsDrawn(page);
    expect(await page.getByRole('img', { name: /一氧化碳：最低 .+，最高 70 ppm/ }).count()).toBe(1);
    await checkpoint(page, 'iot-device-pages-01-detail');

    // Seven days from the keyboard: the radio group moves with the arrow keys.
    await page.getByRole('radio', { name: '24 小时' }).focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => page.getByText(/每 (30 分钟|1 小时|20 分钟|15 分钟) 一个点/).count()).toBe(1);

    // This device only: hold CO for a minute. An emptied name is refused in words first.
    const rules = await loadedTable(page, '生效规则');
    await page.getByRole('button', { name: '为本设备单独设置规则 一氧化碳浓度超标' }).click();
    const form = page.getByRole('dialog', { name: `单独设置 · ${device.serial} · 一氧化碳浓度超标` });
    await form.waitFor();
    await form.getByLabel('规则名称').fill('');
    await form.getByTestId('rule-words').getByText('请填写规则名称').waitFor();
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByRole('alert').getByText('请填写规则名称').waitFor();
    await form.getByLabel('规则名称').fill('一氧化碳浓度超标');
    await form.getByLabel('持续（秒）', { exact: true }).fill('60');
    await form.getByLabel('持续（秒）', { exact: true }).blur();
    await eventually(() => form.getByTestId('rule-words').textContent()).toContain(
      '一氧化碳 > 50 ppm 持续 1 分钟（回落至 45 ppm 以下解除）',
    );
    await checkpoint(page, 'iot-device-pages-02-override');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });
    await eventually(async () => (await tableRows(rules)).find((r) => r['规则名称'] === '一氧化碳浓度超标')?.['来源']).toContain(
      '本设备单独设置',
    );
    await screenshot(page, 'iot-device-pages-03-detail-rules');

    // 规则设置: the type's CO rule, edited county-wide.
    await navLink(page, '规则设置').click();
    await eventually(() => heading(page).textContent()).toContain('规则设置');
    await page.getByLabel('设备类型').selectOption({ label: '可燃气体探测器' });
    const typeRules = await loadedTable(page, '可燃气体探测器的告警规则');
    await eventually(async () => (await tableRows(typeRules)).length).toBeGreaterThan(1);
    await page.getByRole('button', { name: '编辑规则 一氧化碳浓度超标' }).click();
    const edit = page.getByRole('dialog', { name: /修改规则 · 可燃气体探测器 · 一氧化碳浓度超标/ });
    await edit.waitFor();
    await edit.getByLabel('阈值（ppm）').fill('60');
    await edit.getByLabel('阈值（ppm）').blur();
    await eventually(() => edit.getByTestId('rule-words').textContent()).toContain('一氧化碳 > 60 ppm');
    await checkpoint(page, 'iot-device-pages-04-rule-editor');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'hidden' });
    await eventually(async () => (await tableRows(typeRules)).find((r) => r['规则名称'] === '一氧化碳浓度超标')?.['告警条件']).toContain(
      '> 60 ppm',
    );
    await checkpoint(page, 'iot-device-pages-05-rules');

    // 设备健康: the device that just reported is online; charts by type and by town.
    await navLink(page, '设备健康').click();
    await eventually(() => heading(page).textContent()).toContain('设备健康');
    await panel(page, 'health-by-type').locator('canvas').first().waitFor();
    await checkpoint(page, 'iot-device-pages-06-health');
  });

  it('reads the same pages at 1366×768', async () => {
    const page = await newPage(browser, { viewport: SMALL });
    await login(page, 'admin', 'county.admin');
    const device = await gasDetectorWithADay(page);
    await openDevice(page, device.serial);
    await chartsDrawn(page);
    await screenshot(page, 'iot-device-pages-11-detail-1366');
    await navLink(page, '设备健康').click();
    await panel(page, 'health-by-type').locator('canvas').first().waitFor();
    await screenshot(page, 'iot-device-pages-12-health-1366');
    await navLink(page, '规则设置').click();
    await loadedTable(page, '独立式烟感探测器的告警规则');
    await page.getByRole('button', { name: '编辑规则 烟雾报警' }).click();
    await page.getByRole('dialog').getByTestId('rule-words').waitFor();
    await screenshot(page, 'iot-device-pages-13-rule-editor-1366');
  });
});
