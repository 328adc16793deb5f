import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiAs, baseUrl, eventually, expectNoPageErrors, launch, login, newPage, screenshot } from './support/browser.js';

/**
 * An alarm's case on the admin's case page (docs/decisions/030): a smoke detector registered by
 * 锦源社区's staff reports `smoke: true` over HTTP ingest; the alarm opens its case at once, and
 * the case page shows the alarm, its device (a link to 设备管理) and its place, at two widths.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('an alarm’s case', () => {
  it('shows the alarm that opened it, with its device and place', async () => {
    const staff = await apiAs('jinyuan.staff');
    const devices = await staff.get<{ items: { id: number }[] }>('/api/iot/devices?pageSize=1');
    const first = await staff.get<{ estateId: number | null; buildingId: number | null }>(`/api/iot/devices/${devices.body.items[0].id}`);
    const { estateId, buildingId } = first.body;
    const serial = `SD-CASE-${Date.now().toString(36).toUpperCase()}`;
    const issued = await staff.post<{ id: number; credentials: { username: string; password: string } }>('/api/iot/devices', {
      serial,
      typeCode: 'smoke_detector',
      ...(buildingId ? { buildingId } : { estateId }),
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const sent = await fetch(`${baseUrl()}/api/iot/telemetry`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${issued.body.credentials.username}:${issued.body.credentials.password}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ readings: [{ msgId: 'fire', values: { smoke: true, battery: 77 } }] }),
    });
    expect(sent.status).toBe(200);
    const alarmOf = async () =>
      (await staff.get<{ items: { id: number; caseId: number | null }[] }>(`/api/iot/alarms?deviceId=${issued.body.id}&status=all`)).body
        .items[0];
    await eventually(async () => (await alarmOf())?.caseId ?? null).not.toBeNull();
    const { id: alarmId, caseId } = (await alarmOf())!;
    // Acknowledged, as the duty desk would have: an unacknowledged fire keeps its popup over every
    // admin page (docs/decisions/031), over this page and the later specs' pages too.
    expect((await staff.post(`/api/iot/alarms/${alarmId}/actions`, { action: 'acknowledge' })).status).toBe(200);

    const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    expectNoPageErrors(page, 'alarm case');
    await login(page, 'admin', 'jinyuan.staff');
    await page.goto(`${baseUrl()}/admin/cases/${caseId!}`);
    const panel = page
      .getByRole('region', { name: '物联感知告警' })
      .or(page.locator('section', { has: page.getByRole('heading', { name: '物联感知告警' }) }));
    await panel.first().waitFor();
    await eventually(() => panel.first().textContent()).toContain(serial);
    expect(await panel.first().textContent()).toContain('紧急');
    expect(
      await panel
        .first()
        .getByRole('link', { name: new RegExp(serial) })
        .count(),
    ).toBe(1);
    await screenshot(page, 'iot-alarm-case');
    await page.setViewportSize({ width: 1366, height: 768 });
    await panel.first().scrollIntoViewIfNeeded();
    await screenshot(page, 'iot-alarm-case-1366');
    const closed = await staff.post(`/api/iot/alarms/${alarmId}/actions`, { action: 'close', outcome: 'test', note: '端到端测试' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  });
});
