import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiAs, eventually, launch, login, newPage } from './support/browser.js';
import { checkpoint, chooseFilesWithKeyboard } from './support/controls.js';
import { heading, navLink } from './support/pages.js';
import {
  DESK,
  PHONE,
  actionDialog,
  caseAs,
  describeWithPhoto,
  expectStatus,
  jpegPhoto,
  submitReport,
  useCurrentLocation,
} from './support/cases.js';

/**
 * The closed loop of a case across both clients, as its people do it:
 *  a. resident.demo reports a broken street lamp on the phone (category search, a photo, the
 *     phone's position) and gets a case number;
 *  b. 锦源社区's desk accepts, registers and dispatches it as the routing rule suggests (县城市管理局);
 *  c. the bureau's handler signs for it and reports it handled, with a result and a photo;
 *  d. the 网格员 of the grid the case belongs to checks it on the phone (核查通过), and the desk closes it;
 *  e. the resident sees the steps and the result photo under 我的上报 and rates it 满意.
 * Every step is taken in the browser; the API is only asked afterwards what the case now is.
 */
const WGS84_IN_PINGYIN = { longitude: 116.4497, latitude: 36.2887 };
const stamp = Date.now().toString(36);
const DESCRIPTION = `锦源小区东门外的路灯一到晚上就不亮，已经三天了，行人看不清路（e2e ${stamp}）`;
const RESULT = `已更换锦源小区东门路灯灯头并检修线路，夜间亮灯正常（e2e ${stamp}）`;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** What the journey carries from one step to the next. */
const journey: { caseId: number | null; number: string } = { caseId: null, number: '' };
function theCase(): number {
  expect(journey.caseId, 'step a reported a case (an earlier step failed)').not.toBeNull();
  return journey.caseId!;
}

/** The admin client: a case opened from a workbench queue, by its number, with real clicks. */
async function openFromQueue(page: Page, queue: string) {
  await navLink(page, '事件工作台').click();
  await page.waitForURL((url) => url.pathname === '/admin/cases');
  await page
    .getByRole('navigation', { name: '事件队列' })
    .getByRole('link', { name: new RegExp(`^${queue}`) })
    .click();
  const table = page.getByRole('table', { name: `事件工作台：${queue}`, exact: true });
  await table.waitFor();
  const link = table.getByRole('link', { name: journey.number, exact: true });
  await eventually(() => link.count(), `case ${journey.number} is listed in ${queue}`).toBe(1);
  await checkpoint(page, `loop-admin-queue-${queue}`);
  await link.click();
  await page.waitForURL((url) => url.pathname === `/admin/cases/${journey.caseId}`);
  await eventually(() => heading(page).textContent()).toBe(`事件 ${journey.number}`);
}

/** One step on the admin case page: its button, its dialog, the confirm button, the toast. */
async function takeAction(
  page: Page,
  action: string,
  fill?: (dialog: ReturnType<typeof actionDialog>['dialog']) => Promise<void>,
  shot?: string,
) {
  const side = page.getByRole('complementary', { name: '办理与时限' });
  await side.getByRole('button', { name: action, exact: true }).click();
  const { dialog, confirm } = actionDialog(page, action);
  await dialog.waitFor();
  if (fill) await fill(dialog);
  if (shot) await checkpoint(page, shot);
  await confirm.click();
  await page
    .getByRole('alert')
    .filter({ hasText: `已${action}` })
    .or(page.getByText(`已${action}`, { exact: true }))
    .first()
    .waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

describe('a case goes round the whole loop: resident → desk → bureau → grid → desk → resident', () => {
  it('a. resident.demo reports a broken street lamp from the phone and gets its number', async () => {
    const page = await newPage(browser, { ...PHONE, geolocation: WGS84_IN_PINGYIN, permissions: ['geolocation'] });
    await login(page, 'm', 'resident.demo');
    await page.waitForURL((url) => url.pathname === '/m/');
    await page.getByRole('link', { name: /^我要上报/ }).click();
    await page.waitForURL((url) => url.pathname === '/m/report');
    await eventually(() => heading(page).textContent()).toBe('我要上报');

    // 问题类型 by the words a resident uses: "路灯".
    const search = page.getByRole('searchbox', { name: '搜索问题类型' });
    await search.click();
    await search.pressSequentially('路灯');
    await page
      .getByRole('status')
      .filter({ hasText: /找到 \d+ 个类型/ })
      .waitFor();
    await checkpoint(page, 'loop-a1-h5-category-search');
    await page.getByRole('button', { name: /^路灯损坏/ }).click();
    await page.getByText('已选择').waitFor();
    expect(await page.locator('#report-category').textContent()).toContain('公共设施 › 路灯损坏');

    // 补充信息 (灯杆编号, optional), 问题描述 typed, a JPEG from the album.
    await page.getByLabel('灯杆编号').fill('YS-0412');
    await describeWithPhoto(page, DESCRIPTION, await jpegPhoto('streetlight-report'));

    // 使用当前位置: the phone's GPS (granted), converted to GCJ-02 by the page.
    await useCurrentLocation(page);
    await checkpoint(page, 'loop-a2-h5-report-filled');

    const { number, caseId } = await submitReport(page, () => checkpoint(page, 'loop-a3-h5-duplicate-question'));
    journey.caseId = caseId;
    journey.number = number;
    await checkpoint(page, 'loop-a4-h5-report-done');

    // What was filed: as the resident reported it, in their home grid, with the photo and the position.
    const filed = await caseAs('resident.demo', caseId);
    expect(filed).toMatchObject({ number, status: 'reported' });
    expect(filed.photos.length, 'the report photo is on the case').toBe(1);
    const home = (await (await apiAs('resident.demo')).get<{ grid: { id: number; name: string } }>('/api/me/home')).body;
    expect(filed.regionId, "a GPS report without a community goes to the reporter's home grid").toBe(home.grid.id);
    const full = (
      await (
        await apiAs('jinyuan.staff')
      ).get<{ lon: number; lat: number; attributes: Record<string, unknown>; description: string }>(`/api/cases/${caseId}`)
    ).body;
    expect(full.description).toBe(DESCRIPTION);
    expect(full.attributes).toEqual({ pole_no: 'YS-0412' });
    // WGS-84 → GCJ-02 moves a point in 平阴 by a few hundred metres, not more.
    expect(Math.abs(full.lon - WGS84_IN_PINGYIN.longitude)).toBeLessThan(0.01);
    expect(Math.abs(full.lat - WGS84_IN_PINGYIN.latitude)).toBeLessThan(0.01);
  }, 180_000);

  it("b. 锦源社区's desk accepts, registers and dispatches it to 县城市管理局 as suggested", async () => {
    const id = theCase();
    // The desk of the community the resident's home (and so the case) is in.
    const staffMe = (await (await apiAs('jinyuan.staff')).get<{ region: { name: string } }>('/api/auth/me')).body;
    expect((await caseAs('jinyuan.staff', id)).regionName, 'the case is in a grid of 锦源社区').toBeTruthy();
    expect(staffMe.region.name).toBe('锦源社区');

    const page = await newPage(browser, DESK);
    await login(page, 'admin', 'jinyuan.staff');
    await openFromQueue(page, '待受理');
    await checkpoint(page, 'loop-b1-admin-case-reported');

    await takeAction(page, '受理', async (d) => {
      await d.getByLabel('说明').fill('属实，予以受理');
    });
    await expectStatus('jinyuan.staff', id, 'accepted', '受理');
    await takeAction(page, '立案');
    await expectStatus('jinyuan.staff', id, 'registered', '立案');

    const side = page.getByRole('complementary', { name: '办理与时限' });
    await side.getByText('县城市管理局').first().waitFor();
    await takeAction(
      page,
      '派遣',
      async (d) => {
        const suggested = d.getByRole('radio', { name: '按建议：县城市管理局' });
        expect(await suggested.isChecked(), 'the routing suggestion is chosen by default').toBe(true);
        await d.getByText(/^依据：/).waitFor();
      },
      'loop-b2-admin-dispatch-dialog',
    );
    await expectStatus('jinyuan.staff', id, 'dispatched', '派遣');
    expect((await caseAs('jinyuan.staff', id)).handler).toBe('县城市管理局');
    await checkpoint(page, 'loop-b3-admin-case-dispatched');
  }, 180_000);

  it("c. 县城市管理局's handler signs for it and reports it handled, with a result and a photo", async () => {
    const id = theCase();
    const page = await newPage(browser, DESK);
    await login(page, 'admin', 'chengguan.handler');
    await openFromQueue(page, '待我处理');
    await takeAction(page, '签收');
    await expectStatus('chengguan.handler', id, 'in_progress', '签收');

    const photo = await jpegPhoto('streetlight-fixed', 45);
    await takeAction(
      page,
      '处置完成',
      async (d) => {
        await d.getByRole('textbox', { name: '处置结果' }).fill(RESULT);
        await chooseFilesWithKeyboard(d.getByRole('button', { name: /将照片拖到此处/ }), photo);
        await d.getByText('已上传 1 张').waitFor({ timeout: 30_000 });
        await d.getByRole('img', { name: '第 1 张照片' }).waitFor();
      },
      'loop-c1-admin-handle-dialog',
    );
    await expectStatus('chengguan.handler', id, 'handled', '处置完成');
    const handled = await caseAs('chengguan.handler', id);
    expect(handled.result).toBe(RESULT);
    const handleEvent = handled.events.find((e) => e.action === 'handle');
    expect(handled.photos.filter((p) => p.eventId === handleEvent?.id).length, 'the result photo is on the 处置完成 step').toBe(1);
    await checkpoint(page, 'loop-c2-admin-case-handled');
  }, 180_000);

  it("d. the 网格员 of the case's grid checks it on the phone (核查通过), and the desk closes it", async () => {
    const id = theCase();
    // jinyuan.grid works the grid the resident lives in, which is the case's grid.
    const gridMe = (await (await apiAs('jinyuan.grid')).get<{ region: { id: number; name: string } }>('/api/auth/me')).body;
    expect((await caseAs('jinyuan.grid', id)).regionId, "the case is in jinyuan.grid's grid").toBe(gridMe.region.id);

    const phone = await newPage(browser, PHONE);
    await login(phone, 'm', 'jinyuan.grid');
    await phone.waitForURL((url) => url.pathname === '/m/');
    await phone.getByRole('link', { name: /^我的网格/ }).click();
    await phone.waitForURL((url) => url.pathname === '/m/grid');
    await phone
      .getByRole('group', { name: '按状态筛选' })
      .getByRole('button', { name: /^待核查/ })
      .click();
    const item = phone.getByRole('link', { name: new RegExp(journey.number) });
    await item.waitFor();
    await checkpoint(phone, 'loop-d1-h5-grid-queue');
    await item.click();
    await phone.waitForURL((url) => url.pathname === `/m/cases/${id}`);
    const verify = phone.getByRole('form', { name: '核查' });
    await verify.waitFor();
    await verify.getByRole('radio', { name: '核查通过' }).check();
    await verify.getByRole('textbox', { name: /核查意见/ }).fill('现场查看，路灯夜间亮灯正常');
    await checkpoint(phone, 'loop-d2-h5-verify');
    await verify.getByRole('button', { name: '提交' }).click();
    await phone.getByRole('status').filter({ hasText: '已提交：核查通过。' }).waitFor();
    await expectStatus('jinyuan.grid', id, 'verified', '核查通过');

    const desk = await newPage(browser, DESK);
    await login(desk, 'admin', 'jinyuan.staff');
    await openFromQueue(desk, '待结案');
    await takeAction(desk, '结案', async (d) => {
      await d.getByLabel('说明').fill('处置到位，予以结案');
    });
    await expectStatus('jinyuan.staff', id, 'closed', '结案');
    await checkpoint(desk, 'loop-d3-admin-case-closed');
  }, 180_000);

  it('e. resident.demo follows it under 我的上报, sees the steps and the result photo, and rates it 满意', async () => {
    const id = theCase();
    const page = await newPage(browser, PHONE);
    await login(page, 'm', 'resident.demo');
    await page.waitForURL((url) => url.pathname === '/m/');
    await page.getByRole('link', { name: /^我的上报/ }).click();
    await page.waitForURL((url) => url.pathname === '/m/my-cases');
    const item = page.getByRole('link', { name: new RegExp(journey.number) });
    await item.waitFor();
    expect(await item.textContent()).toContain('已结案');
    await checkpoint(page, 'loop-e1-h5-my-cases');
    await item.click();
    await page.waitForURL((url) => url.pathname === `/m/cases/${id}`);

    // 办理过程: every step, by unit, oldest first.
    const timeline = page.getByRole('region', { name: '办理过程' }).getByRole('list').first();
    await timeline.waitFor();
    const lines = await timeline.locator(':scope > li').evaluateAll((lis) =>
      lis.map((li) => ({
        action: (li.querySelector('strong')?.textContent ?? '').trim(),
        text: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
    const actions = lines.map((l) => l.action);
    const steps = lines.map((l) => l.text);
    expect(actions).toEqual(['上报', '受理', '立案', '派遣', '签收', '处置完成', '核查通过', '结案']);
    expect(steps[3]).toContain('派遣至县城市管理局');
    expect(steps[4]).toContain('县城市管理局');
    expect(steps[5]).toContain('县城市管理局');
    expect(steps[5]).toContain(RESULT);
    expect(steps.join('\n'), 'a resident sees units, not staff names').not.toContain('承办人');
    // 处理结果 with its photo, which opens the display copy.
    const result = page.getByRole('region', { name: '处理结果' });
    expect(await result.textContent()).toContain(RESULT);
    const resultPhoto = result.getByRole('list', { name: '处理结果照片' }).getByRole('img');
    await eventually(() => resultPhoto.count()).toBe(1);
    await eventually(
      () => resultPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
      'the result photo loads',
    ).toBeGreaterThan(0);
    await checkpoint(page, 'loop-e2-h5-case-closed');

    // 评价: 满意.
    const evaluate = page.getByRole('form', { name: '评价处理结果' });
    await evaluate.getByRole('radio', { name: '满意', exact: true }).check();
    await evaluate.getByRole('textbox', { name: /意见或建议/ }).fill('修得很快，谢谢');
    await evaluate.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('status').filter({ hasText: '感谢您的评价。' }).waitFor();
    await expectStatus('resident.demo', id, 'evaluated', '评价');
    expect((await caseAs('resident.demo', id)).satisfaction).toBe('satisfied');
    await page.getByText('已评价', { exact: true }).first().waitFor();
    await checkpoint(page, 'loop-e3-h5-case-evaluated');
  }, 180_000);
});
