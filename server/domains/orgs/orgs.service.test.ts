import { describe, expect, it } from 'vitest';
import { fakeViewer } from '../../test/fakes.js';
import type { Role } from '../../../common/enums.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { AbPairRow, DutyRow, LeaderRow, OrgsRepository, PostRow, UnitRow } from './orgs.repository.js';
import type { CompanyRow, EstateOfCompanyRow } from './property-companies.repository.js';
import { leaderDetail, listLeaders, listPropertyCompanies, listUnits, unitDetail } from './orgs.service.js';

/** The organisation services with fake repositories: who oversees a unit, AB角 both ways, and which companies a viewer is shown. */
const unit = (id: number, name: string): UnitRow => ({ id, name, kind: 'department', aliases: [], parent_id: null });
const leaders: LeaderRow[] = [
  { id: 1, name: '张伟' },
  { id: 2, name: '李培振' },
  { id: 3, name: '赵传资' },
];
// 赵传资 sits in both 班子: one leader, two posts.
const posts: PostRow[] = [
  { leader_id: 1, body: '县政府', rank: 2 },
  { leader_id: 2, body: '县政府', rank: 3 },
  { leader_id: 3, body: '县政府', rank: 10 },
  { leader_id: 3, body: '县政府办公室', rank: 1 },
];
const duty = (leader: LeaderRow, unitId: number | null, over: Partial<DutyRow> = {}): DutyRow => ({
  id: leader.id * 10 + (unitId ?? 0),
  leader_id: leader.id,
  duty: 'in_charge',
  work_area: unitId ? null : '财政',
  org_unit_id: unitId,
  source_doc: '平政办发〔2023〕6号',
  leader_name: leader.name,
  body: '县政府',
  unit_name: unitId ? `单位${unitId}` : null,
  assisted_name: null,
  ...over,
});
const duties = [
  duty(leaders[0], 11),
  duty(leaders[1], 11, { duty: 'liaison' }),
  duty(leaders[1], null),
  duty(leaders[2], 12),
  duty(leaders[2], 12, { duty: 'preside', source_doc: '平政办发〔2023〕4号', body: '县政府办公室' }),
];
const pairs: AbPairRow[] = [{ a_id: 1, a_name: '张伟', b_id: 2, b_name: '李培振', source_doc: '平政办发〔2023〕6号' }];

const orgs: OrgsRepository = {
  units: async () => ({ rows: [unit(11, '县城市管理局'), unit(12, '县财政局')], total: 2 }),
  unitById: async (id) => [unit(11, '县城市管理局')].find((u) => u.id === id),
  unitNamedAnyOf: async () => undefined,
  allUnits: async () => [unit(11, '县城市管理局'), unit(12, '县财政局')],
  duties: async (by) =>
    duties.filter((d) => (!by.leaderIds || by.leaderIds.includes(d.leader_id)) && (!by.unitIds || by.unitIds.includes(d.org_unit_id!))),
  leaders: async () => leaders,
  posts: async () => posts,
  abPairs: async () => pairs,
};

describe('units and leaders', () => {
  it('lists each unit with each leader who has a duty for it once, with all their duties', async () => {
    const page = await listUnits({ orgs }, { page: 1, pageSize: 50 });
    expect(page.items.map((u) => [u.name, u.leaders])).toEqual([
      [
        '县城市管理局',
        [
          { id: 1, name: '张伟', duties: ['in_charge'] },
          { id: 2, name: '李培振', duties: ['liaison'] },
        ],
      ],
      ['县财政局', [{ id: 3, name: '赵传资', duties: ['in_charge', 'preside'] }]],
    ]);
  });

  it("shows a unit with its leaders' duties, and 404 for a unit that does not exist", async () => {
    expect((await unitDetail({ orgs }, 11)).leaders.map((l) => [l.name, l.body, l.duty, l.sourceDoc])).toEqual([
      ['张伟', '县政府', 'in_charge', '平政办发〔2023〕6号'],
      ['李培振', '县政府', 'liaison', '平政办发〔2023〕6号'],
    ]);
    await expect(unitDetail({ orgs }, 99)).rejects.toMatchObject({ status: 404 });
  });

  it('pairs AB角 both ways, and a leader without a pair has none', async () => {
    const { items } = await listLeaders({ orgs });
    expect(items.map((l) => [l.name, l.abPartner?.name ?? null])).toEqual([
      ['张伟', '李培振'],
      ['李培振', '张伟'],
      ['赵传资', null],
    ]);
    expect((await leaderDetail({ orgs }, 2)).duties.map((d) => d.workArea ?? d.unitName)).toEqual(['单位11', '财政']);
    await expect(leaderDetail({ orgs }, 99)).rejects.toMatchObject({ status: 404 });
  });

  it('shows a leader of two 班子 once, with both posts and the post each duty is held in', async () => {
    const { items } = await listLeaders({ orgs });
    expect(items.filter((l) => l.name === '赵传资')).toHaveLength(1);
    const zhao = await leaderDetail({ orgs }, 3);
    expect(zhao.posts).toEqual([
      { body: '县政府', rank: 10 },
      { body: '县政府办公室', rank: 1 },
    ]);
    expect(zhao.duties.map((d) => [d.duty, d.body])).toEqual([
      ['in_charge', '县政府'],
      ['preside', '县政府办公室'],
    ]);
  });
});

describe('property companies', () => {
  const companies: CompanyRow[] = [
    { id: 1, name: '锦绣物业', credit_code: null, contact: '王经理', phone: '0531-1' },
    { id: 2, name: '新建物业', credit_code: null, contact: null, phone: null },
  ];
  // What the ScopedDb lets the viewer see: one estate of 锦绣物业.
  const estates: EstateOfCompanyRow[] = [{ id: 5, name: '锦绣花园', property_company_id: 1 }];
  const deps = { companies: { companies: async () => companies, managedEstates: async () => estates } };
  const viewer = (role: Role, regionLevel: Viewer['regionLevel']): Viewer =>
    fakeViewer(role, { userId: 1, regionId: 1, regionPath: '/1/', regionName: 'x', regionLevel });

  it('shows the county every company, even one with no estate yet', async () => {
    const { items } = await listPropertyCompanies(deps, viewer('county_admin', 'county'));
    expect(items.map((c) => [c.name, c.estates])).toEqual([
      ['锦绣物业', [{ id: 5, name: '锦绣花园' }]],
      ['新建物业', []],
    ]);
  });

  it('shows a town, a community and property staff only the companies of estates they see', async () => {
    for (const v of [viewer('town_staff', 'town'), viewer('community_staff', 'community'), viewer('property_staff', 'county')]) {
      expect((await listPropertyCompanies(deps, v)).items.map((c) => c.name)).toEqual(['锦绣物业']);
    }
  });
});
