import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { HouseItem, RegionNode } from '../common/contracts/regions.js';
import type { Page as ListPage } from '../common/contracts/shared.js';
import { idCardCheckChar } from '../common/id-card.js';
import { apiAs, apiSignIn, baseUrl, eventually, launch, login, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { definition, heading, loadedTable, navLink, tableRows } from './support/pages.js';

/**
 * 农村房屋 (docs/decisions/049): a village's own staff (an account the county administrator makes
 * for the village) register a house by its 组 and 门牌号 at its point — the form says why a door
 * number without 号 is refused — then register a villager living in it; the house list and the
 * house's page show it. Fresh names every run, so a reused server is fine.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The first generated village (a community-level region of kind 村) and its town. */
function firstVillage(node: RegionNode, town: RegionNode | null = null): { village: RegionNode; town: RegionNode } | null {
  if (node.level === 'community' && node.kind === '村' && town) return { village: node, town };
  for (const child of node.children) {
    const found = firstVillage(child, node.level === 'town' ? node : town);
    if (found) return found;
  }
  return null;
}

/** An account for the village's staff, its one-time password changed to the suite's, as its owner would. */
async function villageStaff(villageId: number) {
  const admin = await apiAs('county.admin');
  const username = `village.${Date.now().toString(36)}`;
  const made = await admin.post<{ initialPassword: string }>('/api/users', {
    username,
    displayName: '村委会工作人员',
    role: 'community_staff',
    regionId: villageId,
  });
  expect(made.status).toBe(201);
  const first = await apiSignIn(username, made.body.initialPassword);
  const changed = await fetch(`${baseUrl()}/api/auth/password`, {
    method: 'POST',
    headers: { cookie: first.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: made.body.initialPassword, newPassword: inject('password') }),
  });
  expect(changed.status).toBe(200);
  return username;
}

describe('village houses', () => {
  it("lets a village's staff record a village house by its 门牌 and a villager living in it", async () => {
    const admin = await apiAs('county.admin');
    const { village, town } = firstVillage((await admin.get<RegionNode>('/api/regions/tree')).body)!;
    // A new house between two lanes of the village's generated houses, 12 m south of one.
    const neighbour = (await admin.get<ListPage<HouseItem>>(`/api/houses?regionId=${village.id}&pageSize=1`)).body.items[0];
    const point = { lon: neighbour.lon!, lat: Math.round((neighbour.lat! - 0.00011) * 1e6) / 1e6 };
    const username = await villageStaff(village.id);
    const door = `${(Date.now() % 90000) + 100}号`;
    const address = `山东省济南市平阴县${town.name}${village.name}9组${door}`;

    const page = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    await login(page, 'admin', username);
    await navLink(page, '房屋').click();
    await page.getByRole('button', { name: '新增房屋' }).click();
    const form = page.getByRole('dialog', { name: '新增房屋' });
    await form.getByRole('radio', { name: '村组门牌' }).check({ force: true });
    await form.getByLabel('村（社区）').selectOption({ label: village.name });
    await form.getByLabel('组/自然村').fill('9组');
    await form.getByLabel('门牌号').fill(door.replace('号', ''));
    await form.getByLabel('经度').fill(String(point.lon));
    await form.getByLabel('纬度').fill(String(point.lat));
    await form.getByLabel('面积（㎡）').fill('136');
    await eventually(() => form.getByLabel('网格').evaluate((el) => (el as HTMLSelectElement).options.length)).toBeGreaterThan(1);
    await form.getByLabel('网格').selectOption({ index: 1 });
    // A door number without 号: the contract's words, before anything is sent.
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByRole('alert').getByText('门牌号应以“号”结尾').waitFor();
    await form.getByLabel('门牌号').fill(door);
    await checkpoint(page, 'village-01-house-form');
    await form.getByRole('button', { name: '保存' }).click();
    await eventually(() => heading(page).textContent()).toContain(address);
    expect(await definition(page, '门牌号').textContent()).toBe(door);
    expect(await definition(page, '组/自然村').textContent()).toBe('9组');
    expect(await definition(page, '社区').textContent()).toContain(village.name);
    expect(await definition(page, '网格').textContent()).toContain(`${village.name}第`);
    await checkpoint(page, 'village-02-house');

    // Its point on the map among the village's other houses, each labelled by its 门牌.
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    const edit = page.getByRole('dialog', { name: '编辑房屋' });
    await eventually(() => edit.getByLabel('门牌号').inputValue()).toBe(door);
    await edit.getByRole('button', { name: '在地图上选点' }).click();
    // One step closer (the + key), where the 门牌 of a village's courtyards are labelled.
    await edit.getByLabel('地图选点：点击地图或用方向键放置位置').press('+');
    await eventually(() => edit.locator('.place-label--house').count()).toBeGreaterThan(1);
    await checkpoint(page, 'village-02b-house-on-map');
    await edit.getByRole('button', { name: '取消' }).click();

    // A villager living there, found by the house's address in the resident form.
    const first17 = `37012419700101${String(Date.now() % 500).padStart(3, '0')}`;
    const idCard = first17 + idCardCheckChar(first17);
    const name = `村民${Date.now().toString(36).slice(-4)}`;
    await navLink(page, '居民').click();
    await page.getByRole('link', { name: '新增居民' }).click();
    await page.getByLabel('身份证号').fill(idCard);
    await page.getByLabel('姓名').fill(name);
    await page.getByLabel('居住房屋：搜索房屋').fill(`9组${door}`);
    const house = page.getByRole('combobox', { name: '居住房屋', exact: true });
    await eventually(() => house.evaluate((el) => (el as HTMLSelectElement).options.length)).toBeGreaterThan(1);
    await house.selectOption({ label: address });
    await checkpoint(page, 'village-03-resident-form');
    await page.getByRole('button', { name: '保存' }).click();
    await eventually(() => heading(page).textContent()).toContain(name);
    expect(await definition(page, '居住房屋').textContent()).toContain(address);

    await definition(page, '居住房屋').getByRole('link').click();
    await eventually(() => heading(page).textContent()).toContain(address);
    await eventually(() => page.getByRole('main').textContent()).toContain(name);
    expect(await definition(page, '居住人数').textContent()).toContain('1');
    await checkpoint(page, 'village-04-house-with-villager');

    await navLink(page, '房屋').click();
    await page.getByLabel('搜索', { exact: true }).fill(`9组${door}`);
    await page.keyboard.press('Enter');
    await eventually(async () => (await tableRows(await loadedTable(page, '房屋列表'))).map((r) => r['地址'])).toEqual([address]);
    const [row] = await tableRows(await loadedTable(page, '房屋列表'));
    expect(row['小区/组/自然村']).toBe('9组');
    await checkpoint(page, 'village-05-house-list');
  }, 180_000);
});
