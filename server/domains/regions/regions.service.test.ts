import { describe, expect, it } from 'vitest';
import { fakeViewer } from '../../test/fakes.js';
import type { Role } from '../../../common/enums.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { RegionNodeRow, RegionRow, RegionsRepository } from './regions.repository.js';
import { regionDetail, regionTree, type RegionsDeps } from './regions.service.js';

/** The region services with a fake repository: the tree as nested nodes, a region's ancestors and figures. */
const viewer = (role: Role, regionId: number): Viewer =>
  fakeViewer(role, { userId: 1, regionId, regionPath: '/1/', regionName: '平阴县', regionLevel: 'county' });

const node = (id: number, parentId: number | null, name: string, level: RegionNodeRow['level']): RegionNodeRow => ({
  id,
  parent_id: parentId,
  code: `C${id}`,
  code_is_local: false,
  name,
  level,
  kind: level,
  smart_tier: null,
  smart_target_tier: null,
});
const TREE = [
  node(1, null, '平阴县', 'county'),
  node(2, 1, '榆山街道', 'town'),
  node(4, 2, '锦东社区', 'community'),
  node(3, 2, '锦源社区', 'community'),
  node(5, 3, '第一网格', 'grid'),
];
const jinyuan: RegionRow = {
  id: 3,
  parent_id: 2,
  code: 'L370124001001',
  code_is_local: true,
  name: '锦源社区',
  level: 'community',
  kind: '社区',
  path: '/1/2/3/',
  smart_tier: '基础型',
  smart_target_tier: '成长型',
  smart_pilot_year: 2022,
  smart_source: '平政办字〔2023〕9号',
  smart_note: null,
  lon: null,
  lat: null,
  sort: 0,
};
const FIGURES = { residents: 2, over60: 1, households: 1, houses: 3, rentedHouses: 1, vehicles: 1, grids: 3, gridWorkers: 2 };

function fake(rows: RegionNodeRow[], region?: RegionRow): RegionsDeps & { askedFiguresOn: string[] } {
  const askedFiguresOn: string[] = [];
  const regions: RegionsRepository = {
    tree: async () => rows,
    byId: async (id) => (region?.id === id ? region : undefined),
    county: async () => rows.find((r) => r.level === 'county'),
    // Given out of order, as the database may.
    names: async (ids) =>
      rows
        .filter((r) => ids.includes(r.id))
        .map((r) => ({ id: r.id, name: r.name }))
        .reverse(),
    communities: async () => [],
    grids: async () => [],
    towns: async () => [],
    figures: async (today) => {
      askedFiguresOn.push(today);
      return FIGURES;
    },
  };
  return { regions, today: '2026-12-05', askedFiguresOn };
}

describe('region services', () => {
  it("nests the tree under the viewer's region, children in the order given", async () => {
    const tree = await regionTree(fake(TREE), viewer('county_admin', 1));
    expect(tree.name).toBe('平阴县');
    expect(tree.children[0].children.map((c) => c.name)).toEqual(['锦东社区', '锦源社区']);
    expect(tree.children[0].children[1].children).toMatchObject([{ name: '第一网格', level: 'grid', children: [] }]);
  });

  it("starts a community's tree at the community", async () => {
    const tree = await regionTree(fake(TREE.slice(3)), viewer('community_staff', 3));
    expect(tree).toMatchObject({ id: 3, children: [{ id: 5 }] });
    await expect(regionTree(fake([]), viewer('community_staff', 3))).rejects.toMatchObject({ status: 404 });
  });

  it('shows a region with its ancestors county first, and its figures on today in Pingyin', async () => {
    const deps = fake(TREE, jinyuan);
    const detail = await regionDetail(deps, 3);
    expect(detail).toMatchObject({ name: '锦源社区', codeIsLocal: true, parentId: 2, smartPilotYear: 2022, stats: FIGURES });
    expect(detail.ancestors).toEqual([
      { id: 1, name: '平阴县' },
      { id: 2, name: '榆山街道' },
    ]);
    expect(deps.askedFiguresOn).toEqual(['2026-12-05']);
  });

  it('answers 404 for a region not in the scope', async () => {
    await expect(regionDetail(fake(TREE), 3)).rejects.toMatchObject({ status: 404 });
  });
});
