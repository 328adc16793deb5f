import { describe, expect, it } from 'vitest';
import { findLeaf, leavesOf, searchCategories } from './category-search';
import type { CaseCategory } from '@common/contracts/cases';

const cat = (id: number, name: string, keywords: string[] = [], children?: CaseCategory[]): CaseCategory => ({
  id,
  code: `c${id}`,
  name,
  caseType: 'general',
  isPublic: true,
  sla: { amount: 3, unit: 'working_days' },
  signLimitHours: 1,
  defaultUnit: null,
  form: [],
  keywords,
  children,
});

// A slice of data/cases/categories.json.
const TREE = [
  cat(1, '市容环境', [], [cat(2, '垃圾清运不及时', ['垃圾', '垃圾桶', '清运', '异味']), cat(3, '乱堆乱放', ['杂物', '堆放', '建筑垃圾'])]),
  cat(10, '公共设施', [], [cat(11, '路灯损坏', ['路灯', '不亮', '灯']), cat(12, '井盖缺失破损', ['井盖', '下水道'])]),
  cat(40, '废弃车辆', [], [cat(41, '废弃汽车', ['僵尸车', '废弃', '报废车', '长期停放'])]),
];

describe('searchCategories', () => {
  it('finds a category by its name', () => {
    expect(searchCategories(TREE, '路灯损坏')[0].category.id).toBe(11);
  });

  it('finds a category by a keyword, and says which', () => {
    const [hit] = searchCategories(TREE, '僵尸车');
    expect(hit.category.id).toBe(41);
    expect(hit.keyword).toBe('僵尸车');
    expect(hit.parentName).toBe('废弃车辆');
  });

  it('finds a category from a sentence that contains a keyword', () => {
    expect(searchCategories(TREE, '楼下路灯不亮了')[0].category.id).toBe(11);
  });

  it('ranks the closer match first when several match', () => {
    const ids = searchCategories(TREE, '垃圾').map((h) => h.category.id);
    expect(ids[0]).toBe(2);
    expect(ids).toContain(3); // 建筑垃圾
  });

  it('matches a parent name when nothing else does, and nothing for an empty query', () => {
    expect(searchCategories(TREE, '公共设施').map((h) => h.category.id)).toEqual([11, 12]);
    expect(searchCategories(TREE, '  ')).toEqual([]);
    expect(searchCategories(TREE, '火星')).toEqual([]);
  });
});

describe('leavesOf and findLeaf', () => {
  it('lists the leaves with their parents', () => {
    expect(leavesOf(TREE).map((l) => l.category.id)).toEqual([2, 3, 11, 12, 41]);
    expect(findLeaf(TREE, 12)?.parentName).toBe('公共设施');
    expect(findLeaf(TREE, 99)).toBeNull();
  });
});
