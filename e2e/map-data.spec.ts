import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { distanceMetres, offsetMetres } from '../common/geo.js';
import type { Located, MapArea, MapPlace } from '../common/contracts/map.js';
import { apiAs, eventually, LAPTOP, launch, login, newPage } from './support/browser.js';
import { checkpoint, chooseFilesWithKeyboard } from './support/controls.js';
import { heading, loadedTable, navLink, tableRows } from './support/pages.js';

/**
 * 地图数据 (decision 048): the county administrator uploads an official boundary for 锦源社区 and
 * then a road layer, each a small GeoJSON, with the upload's progress; reads the reports — what
 * was matched or stored, and the features left out with their reasons — and sees both drawn on
 * the preview map; a point beside the new road is then put in words by it.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const geojson = (name: string, features: object[]) => ({
  name,
  mimeType: 'application/geo+json',
  buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })),
});

async function chooseAndImport(page: Page, kind: '行政区划边界' | '道路', file: ReturnType<typeof geojson>) {
  await page.getByRole('radio', { name: kind }).check({ force: true });
  await page.getByLabel('坐标系').selectOption('gcj02');
  await chooseFilesWithKeyboard(page.getByRole('button', { name: /将文件拖到此处/ }), file);
  await eventually(() => page.getByText(`已选择：${file.name}`).isVisible()).toBe(true);
  await page.getByRole('button', { name: '开始导入' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `已导入 ${file.name}` })
    .waitFor({ timeout: 60_000 });
}

describe('地图数据', () => {
  it('imports official boundaries and roads, reports what was left out and why, and draws them', async () => {
    const api = await apiAs('county.admin');
    const areas = (await api.get<{ items: MapArea[] }>('/api/map/areas')).body.items;
    const jinyuan = areas.find((a) => a.name === '锦源社区')!;
    const centre = { lon: jinyuan.lon!, lat: jinyuan.lat! };
    const at = (east: number, north: number) => {
      const p = offsetMetres(centre, east, north);
      return [p.lon, p.lat];
    };

    const page = await newPage(browser, LAPTOP);
    await login(page, 'admin', 'county.admin');
    await navLink(page, '地图数据').click();
    await eventually(() => heading(page).textContent()).toBe('地图数据导入');
    await page.locator('.leaflet-container .leaflet-overlay-pane path').first().waitFor({ timeout: 20_000 });
    await checkpoint(page, 'map-data-1366');

    const square = [[at(-900, -700), at(900, -700), at(900, 700), at(-900, 700), at(-900, -700)]];
    await chooseAndImport(
      page,
      '行政区划边界',
      geojson('锦源社区边界.geojson', [
        { type: 'Feature', properties: { XZQMC: '锦源社区' }, geometry: { type: 'Polygon', coordinates: square } },
        { type: 'Feature', properties: { XZQMC: '不存在社区', XZQDM: '370124999999' }, geometry: { type: 'Polygon', coordinates: square } },
      ]),
    );
    expect((await tableRows(await loadedTable(page, '已匹配的镇街、社区村'))).map((r) => [r['名称'], r['层级']])).toEqual([
      ['锦源社区', '社区村'],
    ]);
    expect((await tableRows(await loadedTable(page, '未导入的要素及原因'))).map((r) => [r['要素序号'], r['区划代码'], r['原因']])).toEqual([
      ['2', '370124999999', '未找到同代码或同名称的镇街、社区村'],
    ]);
    const after = (await api.get<{ items: MapArea[] }>('/api/map/areas')).body.items;
    expect(after.find((a) => a.name === '锦源社区')?.source).toBe('official');
    // The preview is drawn again from what is stored.
    await page.locator('.leaflet-container .leaflet-overlay-pane path').first().waitFor({ timeout: 20_000 });
    await checkpoint(page, 'map-data-boundaries-report');

    const line = (name: string | null, ...points: number[][]) => ({
      type: 'Feature',
      properties: name ? { name, 等级: '城市道路' } : {},
      geometry: { type: 'LineString', coordinates: points },
    });
    await chooseAndImport(
      page,
      '道路',
      geojson('县城道路.geojson', [
        line('测试大道', at(-1500, 450), at(1500, 450)),
        line('测试南街', at(300, -1500), at(300, 1500)),
        line(null, at(0, 0), at(50, 50)),
      ]),
    );
    expect((await tableRows(await loadedTable(page, '已导入的道路'))).map((r) => [r['名称'], r['等级'], r['路段数']])).toEqual([
      ['测试大道', '城市道路', '1'],
      ['测试南街', '城市道路', '1'],
    ]);
    expect((await tableRows(await loadedTable(page, '未导入的要素及原因'))).map((r) => [r['要素序号'], r['原因']])).toEqual([
      ['3', '缺少道路名称（name、MC 或“名称”字段）'],
    ]);

    // The preview shows what was imported: the new roads, drawn with their names.
    const map = page.getByRole('application', { name: '地图：导入的边界与道路' });
    await map.scrollIntoViewIfNeeded();
    await page.locator('.place-label--road', { hasText: '测试大道' }).waitFor({ timeout: 20_000 });
    await checkpoint(page, 'map-data-roads-report');
    await map.screenshot({ path: 'e2e/artifacts/map-data-roads-map.png' });

    // A point beside the new road and more than 300 m from any building is put in words by it.
    const [west, south] = at(-1600, 0);
    const [east, north] = at(1600, 900);
    const { items: places } = (
      await api.get<{ items: MapPlace[] }>(`/api/map/places?west=${west}&south=${south}&east=${east}&north=${north}`)
    ).body;
    const buildings = places.filter((p) => p.kind === 'building');
    const clear = [...Array(29).keys()]
      .map((i) => at(-1400 + i * 100, 480))
      .find(([lon, lat]) => buildings.every((b) => distanceMetres(lat, lon, b.lat, b.lon) > 320));
    expect(clear, 'a point on the road away from buildings').toBeDefined();
    const [lon, lat] = clear!;
    await eventually(async () => (await api.get<Located>(`/api/map/locate?lon=${lon}&lat=${lat}`)).body.words).toMatch(/测试大道旁约30米$/);
  }, 180_000);
});
