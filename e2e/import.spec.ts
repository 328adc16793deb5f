import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idCardCheckChar } from '../common/id-card.js';
import { ESTATE_COLUMNS, RESIDENT_COLUMNS, VEHICLE_COLUMNS } from '../server/domains/exchange/sheet-columns.js';
import { ARTIFACTS, LAPTOP, eventually, launch, login, newPage } from './support/browser.js';
import { checkpoint, chooseFilesWithKeyboard } from './support/controls.js';
import { definition, heading, loadedTable, navLink, tableRows } from './support/pages.js';

/**
 * 导入导出: a community worker downloads the residents template, fills it in (two good rows and
 * one with a mistyped ID number), uploads it, reads the report, and uploads it again to see that
 * nothing is imported twice; then downloads the rejected row as a sheet, corrects it and
 * uploads that sheet. Then a vehicles workbook: a car parked in one of the community's estates
 * and a malformed plate, and an estates workbook: a new estate with its map position and one
 * with a latitude but no longitude, at 1366×768.
 */
interface House {
  id: number;
  address: string;
  communityName: string;
}
interface ResidentItem {
  id: number;
  name: string;
  idCard: string;
  gender: string;
  birthDate: string;
  address: string;
  communityName: string;
}
interface Page_<T> {
  items: T[];
  total: number;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A GB 11643 number for someone born in 平阴县 on `birth`; odd sequence = male. Random, so reruns differ. */
function newIdCard(birth: string, male: boolean): string {
  const sequence = randomInt(0, 500) * 2 + (male ? 1 : 0);
  const first17 = `370124${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `GET ${url}`).toBe(200);
  return (await res.json()) as T;
}

/**
 * Which import jobs the page has seen finished, from its own polling of /api/imports/:id. The
 * report of a new job replaces the previous one only when its first answer arrives, so "已完成"
 * on screen alone could still be the previous job's.
 */
function watchFinishedJobs(page: Page): Set<string> {
  const done = new Set<string>();
  page.on('response', async (response) => {
    const job = /^\/api\/imports\/(\d+)$/.exec(new URL(response.url()).pathname)?.[1];
    if (!job || !response.ok()) return;
    const body = (await response.json().catch(() => null)) as { status?: string } | null;
    if (body?.status === 'done') done.add(job);
  });
  return done;
}

/** Picks a workbook on the upload area from the keyboard (Enter opens the chooser), as a user without a mouse would. */
const chooseFile = (page: Page, filePath: string) =>
  chooseFilesWithKeyboard(page.getByRole('button', { name: /将文件拖到此处/ }), filePath);

/** Uploads the chosen file, waits for its job to finish, and reads the report. */
async function uploadAndReadReport(page: Page, finished: Set<string>, previous: string | null) {
  await page.getByRole('button', { name: '开始导入' }).click();
  await page.waitForURL((url) => !!url.searchParams.get('job') && url.searchParams.get('job') !== previous);
  const job = new URL(page.url()).searchParams.get('job')!;
  await eventually(() => finished.has(job), `import job ${job} finishes`).toBe(true);
  const progress = page.getByRole('region', { name: '导入进度' });
  await progress.getByText('已完成', { exact: true }).waitFor();
  const bar = progress.getByRole('progressbar', { name: '导入进度' });
  expect(await bar.getAttribute('aria-valuenow')).toBe('100');
  const counts = Object.fromEntries(
    await Promise.all(
      ['新增', '更新', '未变', '拒绝'].map(async (term) => [term, (await definition(progress, term).textContent())!.trim()]),
    ),
  );
  const rejected = await tableRows(await loadedTable(page, '被拒绝的行'));
  return { job, progress, counts, rejected };
}

describe('Excel import of residents, as a community worker of 锦源社区', () => {
  it('imports the good rows of a filled-in template, reports the bad one, and is idempotent', async () => {
    const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    const finished = watchFinishedJobs(page);
    await login(page, 'admin', 'jinyuan.staff');

    // Two real houses of the community, and three people to move into them.
    const houses = await apiGet<Page_<House>>(page, '/api/houses?pageSize=2');
    expect(houses.items).toHaveLength(2);
    expect(houses.items.every((h) => h.communityName === '锦源社区')).toBe(true);
    const good = [
      {
        name: '韩雪梅',
        idCard: newIdCard('19780214', false),
        birthDate: '1978-02-14',
        gender: 'female',
        phone: '13905311234',
        populationType: '常住',
        house: houses.items[0],
      },
      {
        name: '秦志国',
        idCard: newIdCard('19650923', true),
        birthDate: '1965-09-23',
        gender: 'male',
        phone: '',
        populationType: '户籍',
        house: houses.items[1],
      },
    ];
    const valid = newIdCard('19900101', true);
    const badIdCard = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0'); // a mistyped check digit
    for (const idCard of [...good.map((g) => g.idCard), valid]) {
      expect((await apiGet<Page_<ResidentItem>>(page, `/api/residents?q=${idCard}`)).total, `${idCard} is new`).toBe(0);
    }

    await navLink(page, '导入导出').click();
    await page.waitForURL((url) => url.pathname === '/admin/data');
    await eventually(() => heading(page).textContent()).toBe('导入导出');
    await checkpoint(page, 'import-01-page');

    // The template: an .xlsx whose first sheet has the residents columns, required ones marked *.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '居民导入模板.xlsx' }).click()]);
    expect(download.suggestedFilename()).toBe('居民导入模板.xlsx');
    const templatePath = path.join(ARTIFACTS, 'residents-template.xlsx');
    await download.saveAs(templatePath);
    expect(readFileSync(templatePath).subarray(0, 4).toString('binary'), 'an .xlsx is a zip').toBe('PK\x03\x04');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(templatePath);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers).toEqual(RESIDENT_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)));

    // Fill it in as a worker would: rows 2 and 3 are good, row 4 has a wrong check digit.
    const row = (values: Partial<Record<(typeof RESIDENT_COLUMNS)[number]['key'], string>>) =>
      RESIDENT_COLUMNS.map((c) => values[c.key] ?? '');
    for (const g of good) {
      sheet.addRow(
        row({
          name: g.name,
          idCard: g.idCard,
          phone: g.phone,
          populationType: g.populationType,
          address: g.house.address,
          relation: '本人',
          ethnicity: '汉族',
          movedInOn: '2024-03-01',
        }),
      );
    }
    sheet.addRow(row({ name: '柴文静', idCard: badIdCard, populationType: '常住', address: houses.items[0].address }));
    const fileName = `居民导入-e2e-${Date.now()}.xlsx`;
    const filePath = path.join(ARTIFACTS, fileName);
    await workbook.xlsx.writeFile(filePath);

    // Upload: the report counts 新增 2 / 拒绝 1 and names row 4 and its reason.
    expect(await page.getByRole('radio', { name: '居民' }).isChecked(), 'residents is the default kind').toBe(true);
    await chooseFile(page, filePath);
    await page.getByText(`已选择：${fileName}`).waitFor();
    await checkpoint(page, 'import-02-file-chosen');
    const first = await uploadAndReadReport(page, finished, null);
    expect(await first.progress.getByText(fileName).count()).toBeGreaterThan(0);
    expect(await first.progress.textContent()).toContain('已处理 3 / 3 行');
    expect(first.counts).toEqual({ 新增: '2', 更新: '0', 未变: '0', 拒绝: '1' });
    expect(first.rejected).toEqual([{ 行号: '4', 字段: '身份证号', 原因: '身份证号码校验位错误，请核对' }]);
    await checkpoint(page, 'import-03-report');

    // The two people are in the community now, at their houses, born and gendered as their IDs say.
    for (const g of good) {
      const found = await apiGet<Page_<ResidentItem>>(page, `/api/residents?q=${g.idCard}`);
      expect(found.items).toHaveLength(1);
      expect(found.items[0]).toMatchObject({
        name: g.name,
        gender: g.gender,
        birthDate: g.birthDate,
        address: g.house.address,
        communityName: '锦源社区',
      });
    }
    expect((await apiGet<Page_<ResidentItem>>(page, `/api/residents?q=${badIdCard}`)).total).toBe(0);

    // The same file again: nothing new, nothing changed, the bad row still refused.
    await chooseFile(page, filePath);
    await page.getByText(`已选择：${fileName}`).waitFor();
    const second = await uploadAndReadReport(page, finished, first.job);
    expect(second.counts).toEqual({ 新增: '0', 更新: '0', 未变: '2', 拒绝: '1' });
    expect(second.rejected).toEqual(first.rejected);
    for (const g of good) {
      expect((await apiGet<Page_<ResidentItem>>(page, `/api/residents?q=${g.idCard}`)).total, `${g.name} imported once`).toBe(1);
    }

    // Both runs are listed among the recent imports, newest first.
    const recent = await tableRows(await loadedTable(page, '最近的导入任务'));
    const ours = recent.filter((r) => r['文件名'] === fileName);
    expect(ours.map((r) => r['新增 / 更新 / 未变 / 拒绝'])).toEqual(['0 / 0 / 2 / 1', '2 / 0 / 0 / 1']);
    expect(ours.every((r) => r['状态'] === '已完成' && r['导入类型'] === '居民')).toBe(true);
    await checkpoint(page, 'import-04-report-again');

    // The rejected row as a sheet: its cells as typed, its row and reason; corrected, the same sheet imports.
    const [rejects] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载被拒绝的行' }).click()]);
    expect(rejects.suggestedFilename()).toBe(fileName.replace('.xlsx', '-被拒绝的行.xlsx'));
    const rejectsPath = path.join(ARTIFACTS, `居民导入-e2e-改正-${Date.now()}.xlsx`);
    await rejects.saveAs(rejectsPath);
    const returned = new ExcelJS.Workbook();
    await returned.xlsx.readFile(rejectsPath);
    const rejectSheet = returned.worksheets[0];
    const rejectHeaders = (rejectSheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(rejectHeaders).toEqual([...headers, '原行号', '拒绝原因']);
    expect(rejectSheet.actualRowCount).toBe(2);
    const cellOf = (header: string) => rejectSheet.getRow(2).getCell(rejectHeaders.indexOf(header) + 1);
    expect(['姓名*', '身份证号*', '原行号', '拒绝原因'].map((h) => String(cellOf(h).value))).toEqual([
      '柴文静',
      badIdCard,
      '4',
      '身份证号：身份证号码校验位错误，请核对',
    ]);
    cellOf('身份证号*').value = valid;
    await returned.xlsx.writeFile(rejectsPath);
    await chooseFile(page, rejectsPath);
    await page.getByText(`已选择：${path.basename(rejectsPath)}`).waitFor();
    const third = await uploadAndReadReport(page, finished, second.job);
    expect(third.counts).toEqual({ 新增: '1', 更新: '0', 未变: '0', 拒绝: '0' });
    expect((await apiGet<Page_<ResidentItem>>(page, `/api/residents?q=${valid}`)).items.map((r) => r.name)).toEqual(['柴文静']);
    await checkpoint(page, 'import-05-rejected-rows-corrected');
  });

  it('imports a vehicles workbook: the car parked in an estate of the community, the bad plate refused with its reason', async () => {
    const page = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    const finished = watchFinishedJobs(page);
    await login(page, 'admin', 'jinyuan.staff');
    const estates = await apiGet<Page_<{ name: string; communityName: string }>>(page, '/api/estates?pageSize=1');
    const estate = estates.items[0];
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    const plate = `鲁A${letters[randomInt(0, letters.length)]}${String(randomInt(0, 10_000)).padStart(4, '0')}`;

    await navLink(page, '导入导出').click();
    await eventually(() => heading(page).textContent()).toBe('导入导出');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '车辆导入模板.xlsx' }).click()]);
    const templatePath = path.join(ARTIFACTS, 'vehicles-template.xlsx');
    await download.saveAs(templatePath);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(templatePath);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1).map(String)).toEqual(
      VEHICLE_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)),
    );
    const row = (values: Partial<Record<(typeof VEHICLE_COLUMNS)[number]['key'], string>>) =>
      VEHICLE_COLUMNS.map((c) => values[c.key] ?? '');
    sheet.addRow(
      row({
        plate,
        vehicleType: '小型轿车',
        brand: '大众',
        color: '白',
        town: '榆山街道',
        community: estate.communityName,
        estate: estate.name,
        parkingSpace: 'E-2',
      }),
    );
    sheet.addRow(row({ plate: '鲁12345', vehicleType: 'SUV', town: '榆山街道', community: estate.communityName, estate: estate.name }));
    const fileName = `车辆导入-e2e-${Date.now()}.xlsx`;
    const filePath = path.join(ARTIFACTS, fileName);
    await workbook.xlsx.writeFile(filePath);

    await page.getByRole('radio', { name: '车辆' }).check({ force: true }); // Element draws its own circle over the input
    await chooseFile(page, filePath);
    await page.getByText(`已选择：${fileName}`).waitFor();
    await checkpoint(page, 'import-06-vehicles-chosen');
    const report = await uploadAndReadReport(page, finished, null);
    expect(report.counts).toEqual({ 新增: '1', 更新: '0', 未变: '0', 拒绝: '1' });
    expect(report.rejected).toEqual([{ 行号: '3', 字段: '号牌', 原因: '号牌格式不正确（例如 鲁A12345，新能源 鲁AD12345）' }]);
    await checkpoint(page, 'import-07-vehicles-report');
    const cars = await apiGet<Page_<{ plate: string; estateName: string; parkingSpace: string }>>(
      page,
      `/api/vehicles?q=${encodeURIComponent(plate)}`,
    );
    expect(cars.items).toMatchObject([{ plate, estateName: estate.name, parkingSpace: 'E-2' }]);
  });

  it('imports an estates workbook: the new estate with its position, the half position refused with its reason', async () => {
    const page = await newPage(browser, LAPTOP);
    const finished = watchFinishedJobs(page);
    await login(page, 'admin', 'jinyuan.staff');
    const name = `e2e花园${Date.now().toString(36)}`;

    await navLink(page, '导入导出').click();
    await eventually(() => heading(page).textContent()).toBe('导入导出');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '小区导入模板.xlsx' }).click()]);
    const templatePath = path.join(ARTIFACTS, 'estates-template.xlsx');
    await download.saveAs(templatePath);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(templatePath);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1).map(String)).toEqual(
      ESTATE_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)),
    );
    const row = (values: Partial<Record<(typeof ESTATE_COLUMNS)[number]['key'], string>>) => ESTATE_COLUMNS.map((c) => values[c.key] ?? '');
    sheet.addRow(
      row({ town: '榆山街道', community: '锦源社区', name, address: '榆山路88号', builtYear: '2012', lon: '116.455123', lat: '36.286912' }),
    );
    sheet.addRow(row({ town: '榆山街道', community: '锦源社区', name: `${name}二期`, address: '榆山路90号', lat: '36.2870' }));
    const fileName = `小区导入-e2e-${Date.now()}.xlsx`;
    const filePath = path.join(ARTIFACTS, fileName);
    await workbook.xlsx.writeFile(filePath);

    await page.getByRole('radio', { name: '小区' }).check({ force: true }); // Element draws its own circle over the input
    await chooseFile(page, filePath);
    await page.getByText(`已选择：${fileName}`).waitFor();
    const report = await uploadAndReadReport(page, finished, null);
    expect(report.counts).toEqual({ 新增: '1', 更新: '0', 未变: '0', 拒绝: '1' });
    expect(report.rejected).toEqual([{ 行号: '3', 字段: '经度', 原因: '经度和纬度须同时填写或同时留空' }]);
    await checkpoint(page, 'import-08-estates-report');
    const estates = await apiGet<Page_<{ name: string; address: string; builtYear: number | null; communityName: string }>>(
      page,
      `/api/estates?q=${encodeURIComponent(name)}`,
    );
    expect(estates.items).toMatchObject([{ name, address: '榆山路88号', builtYear: 2012, communityName: '锦源社区' }]);
  });
});
