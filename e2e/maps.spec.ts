import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gcj02ToWgs84 } from '../common/coordinates.js';
import type { Located, MapArea, MapPlace } from '../common/contracts/map.js';
import type { CaseSummary } from '../common/contracts/cases.js';
import {
  ARTIFACTS,
  apiAs,
  eventually,
  expectAccessible,
  expectNoPageErrors,
  launch,
  login,
  newPage,
  screenshot,
} from './support/browser.js';
import { DESK, PHONE } from './support/cases.js';

/**
 * Where things are (issue 9): the county on a real map with no tiles (the demo's own layers:
 * towns, communities with 近似范围, estates and buildings by name), the H5 picker that fills the
 * community in from the phone's position, cases that say where they are in words, and grids
 * named with their community.
 */
let browser: Browser;
let areas: MapArea[];
beforeAll(async () => {
  browser = await launch();
  areas = (await (await apiAs('county.admin')).get<{ items: MapArea[] }>('/api/map/areas')).body.items;
});
afterAll(async () => {
  await browser?.close();
});

const mapDrawn = (page: Page) => page.locator('.leaflet-container .leaflet-overlay-pane path').first().waitFor({ timeout: 20_000 });

describe('maps and places', () => {
  it('the demo county has areas for every town and community, all labelled approximate', () => {
    expect(areas.filter((a) => a.level === 'town')).toHaveLength(8);
    for (const a of areas) expect(a, a.name).toMatchObject({ source: 'approximate' });
  });

  it('H5: the position fills in its community, says where it is in words, and the map shows the places', async () => {
    // A building of 锦东社区 (not resident.demo's own community), found through the maps API.
    const jindong = areas.find((a) => a.name === '锦东社区')!;
    const api = await apiAs('resident.demo');
    const [x, y] = [jindong.lon!, jindong.lat!];
    const view = `west=${x - 0.012}&south=${y - 0.01}&east=${x + 0.012}&north=${y + 0.01}`;
    const buildings = (await api.get<{ items: MapPlace[] }>(`/api/map/places?${view}`)).body.items.filter((p) => p.kind === 'building');
    let building: MapPlace | undefined;
    for (const b of buildings)
      if ((await api.get<Located>(`/api/map/locate?lon=${b.lon}&lat=${b.lat}`)).body.communityName === '锦东社区') {
        building = b;
        break;
      }
    expect(building, 'a building of 锦东社区').toBeDefined();
    const gps = gcj02ToWgs84({ lon: building!.lon, lat: building!.lat });
    const page = await newPage(browser, { ...PHONE, geolocation: { longitude: gps.lon, latitude: gps.lat }, permissions: ['geolocation'] });
    await login(page, 'm', 'resident.demo');
    await page.goto('/m/report');
    await page.getByRole('radio', { name: '使用当前位置' }).check();
    await page.getByText('已按位置选择 锦东社区').waitFor({ timeout: 20_000 });
    await page.getByText(new RegExp(`^位置：锦东社区 · ${building!.name}附近约\\d+米$`)).waitFor();
    expect(await page.getByRole('combobox').last().inputValue()).toBe(String(jindong.id));

    // Searching the communities narrows the town groups to the names that match.
    await page.getByRole('searchbox', { name: '搜索社区或村' }).fill('锦川');
    const options = await page.getByRole('combobox').last().locator('option').allTextContents();
    expect(options.filter((o) => o !== '请选择社区')).toEqual(['锦东社区', '锦川社区']); // the chosen one stays
    await page.getByRole('searchbox', { name: '搜索社区或村' }).fill('');

    await page.getByRole('radio', { name: '在地图上选点' }).check();
    await mapDrawn(page);
    await page.getByText('虚线为近似范围').waitFor();
    // Zoomed to the pin, the estates and buildings around it are named.
    await page.locator('.place-label--building').first().waitFor({ timeout: 20_000 });
    await page.getByRole('application', { name: /地图/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'maps-h5-report-map');
    await page.locator('.location').screenshot({ path: path.join(ARTIFACTS, 'maps-h5-report-location.png') });
    await expectAccessible(page, 'maps-h5-report-map');
    expectNoPageErrors(page, 'maps-h5-report-map');
  }, 120_000);

  it('admin: the workbench map draws the county, its towns and communities, and the open cases', async () => {
    const page = await newPage(browser, DESK);
    await login(page, 'admin', 'county.admin');
    await page.goto('/admin/cases?view=map');
    await mapDrawn(page);
    await page.locator('.place-label--town').first().waitFor();
    expect(await page.locator('.place-label--town').allTextContents()).toContain('榆山街道（近似范围）');
    await page.getByText('虚线为近似范围').waitFor();
    await screenshot(page, 'maps-admin-workbench');
    expectNoPageErrors(page, 'maps-admin-workbench');
  }, 120_000);

  it('admin: a case says where it is in words, on a map, and its grid by its full name', async () => {
    const api = await apiAs('county.admin');
    const list = (await api.get<{ items: CaseSummary[] }>('/api/cases?pageSize=100')).body.items;
    const grids = list.filter((c) => c.regionName.endsWith('网格'));
    expect(grids.length).toBeGreaterThan(0);
    for (const c of grids) expect(c.regionName, 'a grid named with its community').toMatch(/^.+(社区|村)第[一二三四五六七八九十]+网格$/);
    // A seed case placed among its grid's buildings: other specs' cases may lie by an estate they made without buildings.
    const located = list.find((c) => c.location?.includes('号楼') && c.address === null)!;
    expect(located.location).toMatch(/^.+(社区|村) · (.+附近约\d+米|.+附近|距.+约\d+米)$/);

    const page = await newPage(browser, DESK);
    await login(page, 'admin', 'county.admin');
    await page.goto(`/admin/cases/${located.id}`);
    const panel = page.locator('.case-location');
    await panel.getByText(located.location!, { exact: true }).waitFor({ timeout: 20_000 });
    await panel.locator('.place-label--building').first().waitFor({ timeout: 20_000 });
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'maps-admin-case-detail');
    await expectAccessible(page, 'maps-admin-case-detail');
    expectNoPageErrors(page, 'maps-admin-case-detail');
  }, 120_000);

  it("H5: the grid worker's queue names each case's place in words", async () => {
    const queue = (await (await apiAs('jinyuan.grid')).get<{ items: CaseSummary[] }>('/api/cases?queue=mine&sort=deadline&pageSize=100'))
      .body.items;
    const page = await newPage(browser, PHONE);
    await login(page, 'm', 'jinyuan.grid');
    await page.goto('/m/grid');
    const words = queue.find((c) => c.address === null && c.location !== null)?.location;
    if (words) await page.getByText(words).first().waitFor({ timeout: 20_000 });
    await eventually(() => page.getByRole('link', { name: /^.+PY\d{14}/ }).count()).toBeGreaterThan(0);
    await screenshot(page, 'maps-h5-grid-queue');
    expectNoPageErrors(page, 'maps-h5-grid-queue');
  }, 120_000);
});
