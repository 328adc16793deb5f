import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { ARTIFACTS, baseUrl, eventually, launch, login, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading, navLink, tableRows } from './support/pages.js';
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
 * 废弃汽车专项治理 (平政办字〔2023〕7号), one car from survey to disposal:
 *  a. 网格员 jinyuan.grid finds a dusty car with flat tyres off the road and reports it on the phone
 *     (巡查上报: 废弃车辆 › 废弃汽车, plate, signs, 道路以外公共区域, a photo, the phone's position);
 *  b. 锦源社区's desk accepts, registers and dispatches it as suggested (县城市管理局);
 *  c. the bureau's handler signs for it and works its 一车一档: 车找人 (an unregistered plate: owner
 *     unknown), 限期清理通知书 issued and its .docx downloaded, an objection that pauses disposal and
 *     is resolved, then the outcome the rules allow before the notice's deadline (自行清理);
 *  d. the campaign page shows the campaign, its phases and the town's figures with this car in
 *     them, and the monthly report comes down as an .xlsx.
 * Steps are taken in the browser; the API is asked afterwards what the case and its dossier are.
 */
const WGS84_IN_PINGYIN = { longitude: 116.4497, latitude: 36.2887 };
const stamp = Date.now().toString(36).toUpperCase();
/** A plate no demo vehicle carries (the demo registry's plates have no Q in second place). */
const PLATE = `鲁Q${stamp.slice(-5)}`;
const DESCRIPTION = `锦源小区北侧空地一辆白色轿车停放半年以上，车身积灰、轮胎干瘪，无人挪动（e2e ${stamp}）`;

type Dossier = {
  caseId: number;
  caseNumber: string;
  vehicle: { plate: string | null; signs: string[]; locationKind: string | null };
  owner: { status: string };
  publicNotice: { deadline: string; method: string; issuingUnit: string | null } | null;
  objections: { id: number; resolvedAt: string | null; resolution: string | null }[];
  objectionOpen: boolean;
  disposal: { outcome: string; unit: string | null; note: string | null } | null;
  steps: string[];
  campaign: { name: string } | null;
};
type Measures = { found: number; notified: number; selfCleared: number; disposed: number; pending: number };
type Progress = {
  campaign: { name: string; docNumber: string; phases: { name: string }[] };
  towns: (Measures & { key: string; name: string })[];
  total: Measures;
};

/** The API as one demo user, with POST and raw responses (support's apiAs only reads JSON). */
const sessions = new Map<string, string>();
async function cookieOf(username: string) {
  if (!sessions.has(username)) {
    const res = await fetch(`${baseUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: inject('password') }),
    });
    expect(res.status, `API login as ${username}`).toBe(200);
    sessions.set(
      username,
      res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    );
  }
  return sessions.get(username)!;
}
async function call<T>(username: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { cookie: await cookieOf(username), accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: (await r.json()) as T };
}
async function dossierAs(username: string, id: number) {
  const res = await call<Dossier>(username, 'GET', `/api/abandoned-vehicles/dossiers/${id}`);
  expect(res.status, `GET dossier ${id} as ${username}`).toBe(200);
  return res.body;
}

/** One entry of a zip (a .docx, an .xlsx), read with zlib: the central directory, then the local header. */
function unzipEntry(zip: Buffer, name: string): Buffer | null {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('broken central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entry = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

const zhDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};
/** A day in China's calendar, n days from now. */
function chinaDay(offsetDays: number) {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const journey: { caseId: number | null; number: string; deadline: string; progressBefore: Progress | null } = {
  caseId: null,
  number: '',
  deadline: chinaDay(15),
  progressBefore: null,
};
function theCase(): number {
  expect(journey.caseId, 'step a reported a case (an earlier step failed)').not.toBeNull();
  return journey.caseId!;
}

async function openFromQueue(page: Page, queue: string, shot: string) {
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
  await checkpoint(page, shot);
  await link.click();
  await page.waitForURL((url) => url.pathname === `/admin/cases/${journey.caseId}`);
  await eventually(() => heading(page).textContent()).toBe(`事件 ${journey.number}`);
}

async function takeAction(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>, shot?: string) {
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

/** The 一车一档 panel of the case page: the <section> holding the h2. */
const dossierPanel = (page: Page) => page.locator('section').filter({ has: page.getByRole('heading', { name: '一车一档', level: 2 }) });

/** One dossier step from its button: the dialog (all but 车找人), filled, confirmed, the toast. */
async function dossierStep(page: Page, label: string, fill?: (dialog: Locator) => Promise<void>, shot?: string) {
  const panel = dossierPanel(page);
  await panel.getByRole('group', { name: '一车一档' }).getByRole('button', { name: label, exact: true }).click();
  if (fill) {
    const dialog = page.getByRole('dialog', { name: label, exact: true });
    await dialog.waitFor();
    await fill(dialog);
    if (shot) await checkpoint(page, shot);
    await dialog.getByRole('button', { name: '确定', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
  await page.getByText(`已办理：${label}`).first().waitFor();
}

const stepButtons = (page: Page) =>
  dossierPanel(page)
    .getByRole('group', { name: '一车一档' })
    .getByRole('button')
    .evaluateAll((bs) => bs.map((b) => (b.textContent ?? '').trim()));

describe('an abandoned car goes from survey to disposal, with its 限期清理通知书', () => {
  it('a. 网格员 jinyuan.grid reports the abandoned car from the phone (巡查上报)', async () => {
    journey.progressBefore = (await call<Progress>('jinyuan.staff', 'GET', '/api/abandoned-vehicles/progress')).body;
    // 锦源社区 lies in 榆山街道: its desk's progress is that one town's, and the total is its figures.
    const { towns, total } = journey.progressBefore;
    expect(
      towns.map((t) => t.name),
      'progress before the survey: the town of 锦源社区',
    ).toEqual(['榆山街道']);
    const { key: _key, name: _name, ...figures } = towns[0];
    expect(total, "progress before the survey: the total is the one town's").toEqual(figures);

    const page = await newPage(browser, { ...PHONE, geolocation: WGS84_IN_PINGYIN, permissions: ['geolocation'] });
    await login(page, 'm', 'jinyuan.grid');
    await page.waitForURL((url) => url.pathname === '/m/');
    await page
      .getByRole('link', { name: /^巡查上报/ })
      .first()
      .click();
    await page.waitForURL((url) => url.pathname === '/m/report');
    await eventually(() => heading(page).textContent()).toBe('巡查上报');

    const search = page.getByRole('searchbox', { name: '搜索问题类型' });
    await search.click();
    await search.pressSequentially('僵尸车');
    await page
      .getByRole('status')
      .filter({ hasText: /找到 \d+ 个类型/ })
      .waitFor();
    await page.getByRole('button', { name: /^废弃汽车/ }).click();
    await page.getByText('已选择').waitFor();
    expect(await page.locator('#report-category').textContent()).toContain('废弃车辆 › 废弃汽车');

    await page.getByLabel(/^号牌/).fill(PLATE);
    const signs = page.getByRole('group', { name: /弃用特征/ });
    await signs.getByRole('checkbox', { name: '积灰', exact: true }).check();
    await signs.getByRole('checkbox', { name: '胎瘪', exact: true }).check();
    await page.getByRole('combobox', { name: /^停放位置/ }).selectOption({ label: '道路以外公共区域' });
    await describeWithPhoto(page, DESCRIPTION, await jpegPhoto('abandoned-car', 30));
    await useCurrentLocation(page);
    await checkpoint(page, 'av-a1-h5-patrol-report-filled');

    const { number, caseId } = await submitReport(page);
    journey.caseId = caseId;
    journey.number = number;
    await checkpoint(page, 'av-a2-h5-report-done');

    const filed = await caseAs('jinyuan.staff', caseId);
    expect(filed).toMatchObject({ number, status: 'reported' });
    expect(filed.photos.length, 'the survey photo is on the case').toBe(1);
    const full = (await call<{ attributes: Record<string, unknown>; caseType?: string }>('jinyuan.staff', 'GET', `/api/cases/${caseId}`))
      .body;
    expect(full.attributes).toMatchObject({
      plate: PLATE,
      signs: expect.arrayContaining(['dust', 'flat_tyres']),
      location_kind: 'public_area',
    });
    const d = await dossierAs('jinyuan.staff', caseId);
    expect(d.vehicle).toMatchObject({ plate: PLATE, locationKind: 'public_area' });
    expect(d.owner.status).toBe('unchecked');
  }, 180_000);

  it("b. 锦源社区's desk accepts, registers and dispatches it to 县城市管理局 as suggested", async () => {
    const id = theCase();
    const page = await newPage(browser, DESK);
    await login(page, 'admin', 'jinyuan.staff');
    await openFromQueue(page, '待受理', 'av-b1-admin-queue');
    await dossierPanel(page).getByText(PLATE).first().waitFor();
    await checkpoint(page, 'av-b2-admin-case-reported');

    await takeAction(page, '受理', async (d) => {
      await d.getByLabel('说明').fill('网格员巡查发现，属实，予以受理');
    });
    await expectStatus('jinyuan.staff', id, 'accepted', '受理');
    await takeAction(page, '立案');
    await expectStatus('jinyuan.staff', id, 'registered', '立案');
    await takeAction(
      page,
      '派遣',
      async (d) => {
        const suggested = d.getByRole('radio', { name: '按建议：县城市管理局' });
        expect(await suggested.isChecked(), 'the routing suggestion (道路以外公共区域) is chosen by default').toBe(true);
        await d.getByText(/^依据：/).waitFor();
      },
      'av-b3-admin-dispatch-dialog',
    );
    await expectStatus('jinyuan.staff', id, 'dispatched', '派遣');
    expect((await caseAs('jinyuan.staff', id)).handler).toBe('县城市管理局');
  }, 180_000);

  it('c. 县城市管理局 signs for it and works the dossier: 车找人, 通知书, an objection, 自行清理', async () => {
    const id = theCase();
    const user = 'chengguan.handler';
    const page = await newPage(browser, DESK);
    await login(page, 'admin', user);
    await openFromQueue(page, '待我处理', 'av-c0-admin-queue');
    await takeAction(page, '签收');
    await expectStatus(user, id, 'in_progress', '签收');

    // 车找人: the plate is not in the registry, so the owner cannot be established.
    const panel = dossierPanel(page);
    await panel.scrollIntoViewIfNeeded();
    expect(await stepButtons(page)).toContain('车找人（按号牌查询车主）');
    await dossierStep(page, '车找人（按号牌查询车主）');
    await panel.getByText('无法确认', { exact: true }).waitFor();
    expect((await dossierAs(user, id)).owner.status).toBe('unknown');
    const afterLookup = await dossierAs(user, id);
    expect(afterLookup.steps, 'owner unknown: straight to the public notice, no owner notice').toContain('public_notice');
    expect(afterLookup.steps).not.toContain('notify_owner');

    // 限期清理通知书, deadline in 15 days.
    await dossierStep(
      page,
      '发布限期清理通知书',
      async (d) => {
        await d.getByLabel('告知方式').selectOption({ label: '张贴通知书' });
        await d.getByLabel('清理期限').fill(journey.deadline);
      },
      'av-c1-public-notice-dialog',
    );
    const noticed = await dossierAs(user, id);
    expect(noticed.publicNotice).toMatchObject({ deadline: journey.deadline, method: 'posted', issuingUnit: '县城市管理局' });

    // The .docx through the panel's button.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      panel.getByRole('button', { name: '下载通知书（.docx）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`废弃汽车限期清理通知书-${journey.number}.docx`);
    const docx = readFileSync((await download.path())!);
    expect(docx.subarray(0, 4).toString('hex'), 'a .docx is a zip').toBe('504b0304');
    writeFileSync(path.join(ARTIFACTS, 'av-notice.docx'), docx); // kept beside the screenshots, for reading
    const xml = unzipEntry(docx, 'word/document.xml')?.toString('utf8') ?? '';
    expect(xml, 'word/document.xml is in the .docx').toContain('废弃汽车限期清理通知书');
    expect(xml, 'the notice names the plate').toContain(PLATE);
    expect(xml, 'the notice gives the deadline').toContain(zhDate(journey.deadline));
    expect(xml, 'the notice names the case').toContain(journey.number);

    // 异议申诉: disposal pauses while it is open.
    await dossierStep(page, '登记异议申诉', async (d) => {
      await d.getByLabel('申诉人').fill('自称车主的张先生');
      await d.getByLabel('申诉内容').fill('车辆仍在使用，只是暂时停放，请勿处置');
    });
    await panel.getByText('异议处理中，暂停处置').waitFor();
    expect(await stepButtons(page), 'no 记录处置结果 while an objection is open').not.toContain('记录处置结果');
    const objecting = await dossierAs(user, id);
    expect(objecting.objectionOpen).toBe(true);
    expect(objecting.steps).not.toContain('disposal');
    const refused = await call<{ code?: string; error?: { code?: string }; message?: string }>(
      user,
      'POST',
      `/api/abandoned-vehicles/dossiers/${id}/disposal`,
      { outcome: 'self_cleared' },
    );
    expect(refused.status, 'the API refuses disposal while the objection is open').toBe(409);
    expect(JSON.stringify(refused.body)).toContain('OBJECTION_OPEN');
    await checkpoint(page, 'av-c2-dossier-objection-open');
    await panel.screenshot({ path: path.join(ARTIFACTS, 'av-c2-dossier-panel-objection-open.png') });

    await dossierStep(page, '异议处理完毕', async (d) => {
      await d.getByLabel('处理意见').fill('经核实车辆长期未挪动，申诉人未能提供权属证明，恢复处置');
    });
    const resolved = await dossierAs(user, id);
    expect(resolved.objectionOpen).toBe(false);
    expect(resolved.objections[0].resolvedAt).not.toBeNull();
    expect(resolved.steps).toContain('disposal');

    // Before the notice's deadline, removal by 城管 is refused; the owner's own clearing is not.
    const early = await call<unknown>(user, 'POST', `/api/abandoned-vehicles/dossiers/${id}/disposal`, { outcome: 'removed_chengguan' });
    expect(early.status, '城管清理 waits for the deadline').toBe(409);
    expect(JSON.stringify(early.body)).toContain('DEADLINE_NOT_PASSED');
    await dossierStep(page, '记录处置结果', async (d) => {
      await d.getByLabel('处置方式').selectOption({ label: '城管部门依法清理' });
      await d.getByRole('button', { name: '确定', exact: true }).click();
      await d
        .getByRole('alert')
        .filter({ hasText: `清理期限（${journey.deadline}）尚未届满` })
        .waitFor();
      await d.getByLabel('处置方式').selectOption({ label: '自行清理' });
      await d.getByLabel('说明').fill('车主见通知书后自行将车辆驶离');
    });
    const disposed = await dossierAs(user, id);
    expect(disposed.disposal).toMatchObject({ outcome: 'self_cleared', unit: '县城市管理局', note: '车主见通知书后自行将车辆驶离' });
    expect(disposed.steps).toEqual([]);
    await panel.getByText('自行清理 · 县城市管理局').waitFor();
    await checkpoint(page, 'av-c3-dossier-disposed');
    await panel.screenshot({ path: path.join(ARTIFACTS, 'av-c3-dossier-panel.png') });
    const events = (await caseAs(user, id)).events.map((e) => e.action);
    expect(events).toEqual(
      expect.arrayContaining(['av_owner_lookup', 'av_public_notice', 'av_objection', 'av_objection_resolved', 'av_disposal']),
    );
  }, 240_000);

  it("d. the campaign page shows the campaign, its phases and this car in the town's figures; the monthly report is an .xlsx", async () => {
    theCase();
    const user = 'jinyuan.staff';
    const before = journey.progressBefore!;
    const after = (await call<Progress>(user, 'GET', '/api/abandoned-vehicles/progress')).body;
    const delta = (k: keyof Measures) => after.total[k] - before.total[k];
    expect(
      { found: delta('found'), notified: delta('notified'), selfCleared: delta('selfCleared'), disposed: delta('disposed') },
      'the car is counted once: found, notified, cleared by its owner',
    ).toEqual({ found: 1, notified: 1, selfCleared: 1, disposed: 0 });
    const town = after.towns.find((t) => t.found === (before.towns.find((b) => b.key === t.key)?.found ?? 0) + 1);
    expect(town, 'a town row counts the new car').toBeDefined();

    const page = await newPage(browser, DESK);
    await login(page, 'admin', user);
    await navLink(page, '废弃汽车治理').click();
    await page.waitForURL((url) => url.pathname === '/admin/abandoned-vehicles');
    // Outside 2023 the page opens on the campaign running today, the one today's car belongs to.
    expect(after.campaign.name, 'the demo county has a current campaign').toMatch(/^平阴县废弃汽车常态化治理（\d{4}年）$/);
    await eventually(() => heading(page).textContent()).toBe(after.campaign.name);
    const section = (title: string) => page.locator('section').filter({ has: page.getByRole('heading', { name: title }) });
    await section('工作阶段').getByText('常态化执法监管').first().waitFor();
    // The plan's coordination mechanism, read from the gazette: 县发展和改革局 leads 14 units.
    const members = page.getByRole('table', { name: /^协调机制成员单位及职责（14 个，依据平政办字〔2023〕7号）/ });
    await members.waitFor();
    const memberRows = await tableRows(members);
    expect(memberRows.map((r) => r['成员单位'])).toContain('县住房保障服务中心');
    expect(memberRows[0]['成员单位']).toContain('县发展和改革局');
    expect(memberRows.find((r) => r['成员单位'] === '县住房保障服务中心')?.['职责分工']).toContain('不含规划车位、车库');
    await section('协调机制').getByText('县发展和改革局主要负责同志为召集人').first().waitFor();
    // What the monthly report carries, and the year-end summary, in the plan's words.
    const carries = page.getByTestId('av-report-contents');
    for (const item of ['印发政策文件', '建立协调机制', '法律法规修订', '开展活动', '取得的工作成效', '典型案例', '经验做法']) {
      await carries.getByText(item, { exact: true }).waitFor();
    }
    await section('月度报表').getByText('2023年年底将专项执法整治行动完成情况报送至县废弃汽车治理工作协调机制办公室').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'av-d0-campaign-plan.png'), fullPage: true });
    const table = page.getByRole('table', { name: /^各镇街废弃汽车排查处置进度（截至 / });
    await table.waitFor();
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    const rows = await tableRows(table);
    const row = rows.find((r) => r['镇街'] === town!.name);
    expect(row, `the table has a row for ${town!.name}`).toBeDefined();
    expect(row).toMatchObject({ 排查发现: String(town!.found), 自行清理: String(town!.selfCleared) });
    expect(rows.find((r) => r['镇街'] === '合计')).toMatchObject({ 排查发现: String(after.total.found) });
    await checkpoint(page, 'av-d1-campaign-page');

    // The month of today's car, then the .xlsx.
    const month = chinaDay(0).slice(0, 7);
    await page.getByLabel('报表月份').fill(month);
    await page.keyboard.press('Enter'); // the month picker takes a typed month on Enter
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: '下载月报（Excel）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`废弃汽车专项治理月报-${month}.xlsx`);
    const xlsx = readFileSync((await download.path())!);
    writeFileSync(path.join(ARTIFACTS, 'av-monthly.xlsx'), xlsx);
    expect(xlsx.subarray(0, 4).toString('hex'), 'an .xlsx is a zip').toBe('504b0304');
    const sheet = unzipEntry(xlsx, 'xl/workbook.xml');
    expect(sheet, 'xl/workbook.xml is in the .xlsx').not.toBeNull();
    const strings = unzipEntry(xlsx, 'xl/sharedStrings.xml')?.toString('utf8') ?? '';
    expect(strings, 'the report lists the town').toContain(town!.name);
    expect(strings, 'the car is a typical case of the month').toContain(journey.number);
    expect(strings, 'its plate masked in a report that leaves the office').toContain(`${PLATE.slice(0, 2)}***${PLATE.slice(-2)}`);
    expect(strings).not.toContain(PLATE);
    expect(strings).toContain('已发布限期清理通知书');
    await checkpoint(page, 'av-d2-campaign-page-downloaded');

    // The year-end summary covers the campaign and lists what the plan asks the report for.
    const [yearEnd] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: '下载完成情况（Excel）' }).click(),
    ]);
    expect(yearEnd.suggestedFilename()).toMatch(/^废弃汽车专项治理完成情况-pingyin-routine-.+\.xlsx$/);
    const yearEndStrings = unzipEntry(readFileSync((await yearEnd.path())!), 'xl/sharedStrings.xml')?.toString('utf8') ?? '';
    expect(yearEndStrings).toContain('法律法规修订');
    expect(yearEndStrings).toContain('完成情况（年底报送）');

    // The 2023 special action is still there to read, with its own three phases.
    await page.getByLabel('专项治理方案').selectOption({ label: '平阴县废弃汽车专项治理（平政办字〔2023〕7号）' });
    await eventually(() => heading(page).textContent()).toBe('平阴县废弃汽车专项治理');
    for (const phase of ['全面排查', '自行清理', '分类处置']) await section('工作阶段').getByText(phase).first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'av-d3-campaign-2023.png'), fullPage: true });
  }, 180_000);
});
