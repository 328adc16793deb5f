import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiAs, eventually, launch, login, newPage, screenshot } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { definition, heading, navLink } from './support/pages.js';

/**
 * Base information edited in the admin (docs/decisions/019): 锦源社区's staff add an estate with
 * its GCJ-02 point, give it a building, correct it, and register a car there; county.admin
 * reveals a resident's ID number with a reason (查看完整号码) and gets it once, audited. Houses
 * and grids (docs/decisions/022): a grid made and renamed, a rented house registered in a
 * building and corrected, at 1366×768. Every run uses fresh names and plates, so a reused
 * server is fine.
 */
const VIEWPORT = { width: 1440, height: 900 };
const SMALL = { width: 1366, height: 768 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const stamp = () => Date.now().toString(36).toUpperCase();

async function chooseFirstEnabled(page: Page, label: string) {
  const select = page.getByRole('dialog').getByLabel(label, { exact: true });
  const value = await select.evaluate((el) => [...(el as HTMLSelectElement).options].find((o) => o.value && !o.disabled)?.value ?? '');
  expect(value, `an enabled option in ${label}`).not.toBe('');
  await select.selectOption(value);
}

describe('base information', () => {
  it('adds an estate with a building, corrects it, and registers a car there', async () => {
    const name = `端到端花园${stamp()}`;
    const page = await newPage(browser, { viewport: VIEWPORT });
    await login(page, 'admin', 'jinyuan.staff');
    await navLink(page, '小区').click();
    await eventually(() => heading(page).textContent()).toContain('小区');

    await page.getByRole('button', { name: '新增小区' }).click();
    const form = page.getByRole('dialog', { name: '新增小区' });
    await form.waitFor();
    await chooseFirstEnabled(page, '社区');
    await form.getByLabel('小区名称').fill(name);
    await form.getByLabel('地址', { exact: true }).fill('平阴县榆山路100号');
    await form.getByLabel('经度').fill('116.4551');
    // A lone coordinate is refused before anything is sent.
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByRole('alert').getByText('经度和纬度须同时填写').waitFor();
    await form.getByLabel('纬度').fill('36.2869');
    await checkpoint(page, 'base-info-01-estate-form');
    await form.getByRole('button', { name: '保存' }).click();

    await eventually(() => heading(page).textContent()).toContain(name);
    await page.getByRole('button', { name: '新增楼栋' }).click();
    const building = page.getByRole('dialog', { name: '新增楼栋' });
    await building.getByLabel('楼栋').fill('1号楼');
    await building.getByLabel('单元数').fill('3');
    await building.getByRole('button', { name: '保存' }).click();
    await page.getByRole('table').getByText('1号楼').waitFor();
    expect(await page.getByRole('table').textContent()).toContain('3单元');
    await checkpoint(page, 'base-info-02-estate-with-building');

    // The same building again: the server's refusal, in the dialog.
    await page.getByRole('button', { name: '新增楼栋' }).click();
    await building.getByLabel('楼栋').fill('1号楼');
    await building.getByRole('button', { name: '保存' }).click();
    await building.getByRole('alert').getByText('该小区已有“1号楼”').waitFor();
    await screenshot(page, 'base-info-03-building-refused');
    await building.getByRole('button', { name: '取消' }).click();

    // The building placed on the map by its coordinates, in its own form.
    await page.getByRole('button', { name: '编辑楼栋：1号楼' }).click();
    const placed = page.getByRole('dialog', { name: '编辑楼栋 1号楼' });
    await placed.getByLabel('经度').fill('116.4553');
    await placed.getByLabel('纬度').fill('36.2871');
    await placed.getByRole('button', { name: '在地图上选点' }).click();
    await placed.getByRole('application').first().waitFor();
    await eventually(() => placed.textContent()).not.toContain('地图加载中');
    await checkpoint(page, 'base-info-03b-building-point');
    await placed.getByRole('button', { name: '保存' }).click();
    await placed.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: '编辑', exact: true }).click();
    const edit = page.getByRole('dialog', { name: '编辑小区' });
    await eventually(() => edit.getByLabel('小区名称').inputValue()).toBe(name);
    expect(await edit.getByLabel('纬度').inputValue()).toContain('36.2869');
    await edit.getByLabel('地址', { exact: true }).fill('平阴县榆山路102号');
    await edit.getByRole('button', { name: '保存' }).click();
    await eventually(() => definition(page, '地址').textContent()).toContain('榆山路102号');

    const plate = `鲁A${stamp().slice(-5).replace(/[IO]/g, '8')}`;
    await navLink(page, '车辆').click();
    await page.getByRole('button', { name: '登记车辆' }).click();
    const car = page.getByRole('dialog', { name: '登记车辆' });
    await car.getByLabel('车牌号').fill(plate.toLowerCase());
    const estateSelect = car.getByLabel('小区', { exact: true });
    await eventually(() =>
      estateSelect.evaluate((el, n) => [...(el as HTMLSelectElement).options].some((o) => o.text.startsWith(n)), name),
    ).toBe(true);
    await estateSelect.selectOption({
      label: await estateSelect.evaluate((el, n) => [...(el as HTMLSelectElement).options].find((o) => o.text.startsWith(n))!.text, name),
    });
    await car.getByLabel('车位').fill('B-12');
    // The owner, found by name among the community's residents (as the residents list shows them).
    const owner = (await (await apiAs('jinyuan.staff')).get<{ items: { name: string }[] }>('/api/residents?pageSize=1')).body.items[0];
    await car.getByLabel('车主：搜索居民').fill(owner.name);
    const ownerSelect = car.getByRole('combobox', { name: '车主', exact: true });
    await eventually(() => ownerSelect.evaluate((el) => (el as HTMLSelectElement).options.length)).toBeGreaterThan(1);
    await ownerSelect.selectOption({ index: 1 });
    await checkpoint(page, 'base-info-04-vehicle-form');
    await car.getByRole('button', { name: '保存' }).click();
    await eventually(() => heading(page).textContent()).toContain(plate);
    expect(await definition(page, '小区').textContent()).toContain(name);
    expect(await page.getByRole('main').textContent()).toContain(owner.name);
    await checkpoint(page, 'base-info-05-vehicle');
  }, 180_000);

  it('lets the county administrator reveal a masked ID number with a reason', async () => {
    const api = await apiAs('county.admin');
    const { body } = await api.get<{ items: { id: number; idCard: string }[] }>('/api/residents?pageSize=1');
    const resident = body.items[0];
    expect(resident.idCard).toContain('********');

    const page = await newPage(browser, { viewport: VIEWPORT });
    await login(page, 'admin', 'county.admin');
    await page.goto(`${new URL(page.url()).origin}/admin/residents/${resident.id}`);
    await eventually(() => definition(page, '身份证号').textContent()).toContain('********');
    await page.getByRole('button', { name: '查看完整号码：身份证号码' }).click();
    const dialog = page.getByRole('dialog', { name: '查看完整身份证号码' });
    await dialog.getByRole('button', { name: '确认查看' }).click();
    await dialog.getByRole('alert').getByText('请填写查看原因').waitFor();
    await dialog.getByLabel('查看原因').fill('核实低保申请材料');
    await checkpoint(page, 'base-info-06-reveal-reason');
    await dialog.getByRole('button', { name: '确认查看' }).click();
    await eventually(async () => /\d{17}[\dX]/.test((await definition(page, '身份证号').textContent()) ?? '')).toBe(true);
    await checkpoint(page, 'base-info-07-revealed');
  }, 120_000);
  it('lets town staff call a reporter back: masked, revealed with a reason, then a tel: link', async () => {
    const api = await apiAs('yushan.staff');
    const { body } = await api.get<{ items: { id: number }[] }>('/api/cases?pageSize=100');
    let caseId: number | undefined;
    for (const c of body.items) {
      const contacts = await api.get<{ items: { revealable: boolean }[] }>(`/api/cases/${c.id}/reporter-contacts`);
      if (contacts.body.items.some((i) => i.revealable)) {
        caseId = c.id;
        break;
      }
    }
    expect(caseId, 'a case of 榆山街道 with a reporter to call back').toBeDefined();

    const page = await newPage(browser, { viewport: VIEWPORT });
    await login(page, 'admin', 'yushan.staff');
    await page.goto(`${new URL(page.url()).origin}/admin/cases/${caseId}`);
    const panel = page.locator('section', { has: page.getByRole('heading', { name: '报告人联系方式' }) });
    const reveal = panel.getByRole('button', { name: '查看完整号码：联系电话' }).first();
    await reveal.waitFor();
    expect(await panel.textContent()).toMatch(/1\d{2}\*{4}\d{4}/);
    await reveal.click();
    const dialog = page.getByRole('dialog', { name: '查看完整联系电话' });
    await dialog.getByLabel('查看原因').fill('回访报告人，了解处理结果');
    await dialog.getByRole('button', { name: '确认查看' }).click();
    const call = panel.getByRole('link', { name: /^拨打 / }).first();
    await call.waitFor();
    expect(await call.getAttribute('href')).toMatch(/^tel:1\d{10}$/);
    await checkpoint(page, 'base-info-08-reporter-called-back');
  }, 120_000);

  it('makes a grid and renames it, then registers a rented house in a building and corrects it', async () => {
    const page = await newPage(browser, { viewport: SMALL });
    await login(page, 'admin', 'jinyuan.staff');
    const own = `测试${stamp()}网格`;
    await navLink(page, '网格').click();
    await page.getByRole('button', { name: '新增网格' }).click();
    const gridForm = page.getByRole('dialog', { name: '新增网格' });
    await chooseFirstEnabled(page, '社区');
    await gridForm.getByLabel('网格名称', { exact: true }).fill('第三');
    await gridForm.getByRole('button', { name: '保存' }).click();
    await gridForm.getByRole('alert').getByText('网格名称应以“网格”结尾').waitFor();
    await gridForm.getByLabel('网格名称', { exact: true }).fill(own);
    await eventually(() => gridForm.textContent()).toContain(`锦源社区${own}`);
    await checkpoint(page, 'base-info-09-grid-form');
    await gridForm.getByRole('button', { name: '保存' }).click();
    await eventually(() => heading(page).textContent()).toContain(`锦源社区${own}`);
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    const renameForm = page.getByRole('dialog', { name: '编辑网格' });
    await eventually(() => renameForm.getByLabel('网格名称', { exact: true }).inputValue()).toBe(own);
    await renameForm.getByLabel('网格名称', { exact: true }).fill(`改${own}`);
    await renameForm.getByRole('button', { name: '保存' }).click();
    await eventually(() => heading(page).textContent()).toContain(`锦源社区改${own}`);
    await checkpoint(page, 'base-info-10-grid-renamed');

    const room = String(1000 + (Date.now() % 8000));
    await navLink(page, '房屋').click();
    await page.getByRole('button', { name: '新增房屋' }).click();
    const houseForm = page.getByRole('dialog', { name: '新增房屋' });
    await chooseFirstEnabled(page, '小区');
    await eventually(() =>
      houseForm.getByLabel('楼栋', { exact: true }).evaluate((el) => (el as HTMLSelectElement).options.length),
    ).toBeGreaterThan(1);
    await chooseFirstEnabled(page, '楼栋');
    await chooseFirstEnabled(page, '单元');
    await houseForm.getByLabel('房号').fill(room);
    await houseForm.getByLabel('楼层').fill('10');
    await houseForm.getByLabel('面积（㎡）').fill('89.5');
    await houseForm.getByLabel('用途').selectOption({ label: '出租' });
    // Rented without its terms: the contract's words, before anything is sent.
    await houseForm.getByRole('button', { name: '保存' }).click();
    await houseForm.getByRole('alert').getByText('出租房屋须填写出租方式').waitFor();
    await houseForm.getByLabel('出租方式').selectOption({ label: '整租' });
    await houseForm.getByLabel('出租渠道').selectOption({ label: '中介' });
    await houseForm.getByLabel('月租金（元）').fill('1500');
    await houseForm.getByLabel('租住人数').fill('2');
    await checkpoint(page, 'base-info-11-house-form');
    await houseForm.getByRole('button', { name: '保存' }).click();
    await eventually(() => heading(page).textContent()).toContain(`${room}室`);
    expect(await definition(page, '用途').textContent()).toContain('出租');
    expect(await definition(page, '月租金').textContent()).toMatch(/1,?500/);
    await checkpoint(page, 'base-info-12-house');

    await page.getByRole('button', { name: '编辑', exact: true }).click();
    const editHouse = page.getByRole('dialog', { name: '编辑房屋' });
    await eventually(() => editHouse.getByLabel('房号').inputValue()).toBe(room);
    await editHouse.getByLabel('用途').selectOption({ label: '自住' });
    await editHouse.getByLabel('面积（㎡）').fill('92');
    await checkpoint(page, 'base-info-13-house-edit');
    await editHouse.getByRole('button', { name: '保存' }).click();
    await eventually(() => definition(page, '用途').textContent()).toContain('自住');
    expect(await page.getByRole('main').textContent()).not.toContain('出租方式');
    await checkpoint(page, 'base-info-14-house-corrected');
  }, 180_000);
});
