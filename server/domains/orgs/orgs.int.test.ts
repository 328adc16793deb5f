import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildStaff, buildUser, orgUnitByName, seedCasework } from '../../test/factories.js';

/**
 * The organisations API through a real database: the gazette's units and leaders, searched by
 * any of a unit's names, and the property companies each viewer may see — sent as the contract
 * says, no column more.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;

async function world() {
  await seedCasework(t.db);
  const company = (name: string) =>
    t.db
      .insertInto('property_companies')
      .values({ name, contact: '王经理', phone: '0531-87000000' })
      .returning('id')
      .executeTakeFirstOrThrow();
  const jinxiu = await company('锦绣物业');
  const jindong = await company('锦东物业');
  const manage = async (communityName: string, estate: string, companyId: number) => {
    const house = await buildHouse(t.db, communityName, { estate });
    await t.db.updateTable('estates').set({ property_company_id: companyId }).where('id', '=', house.estateId).execute();
    return house;
  };
  const ours = await manage('锦源社区', '锦绣花园', jinxiu.id);
  await manage('锦东社区', '锦东小区', jindong.id);
  const cookie = async (username: string) => (await loginAs(t.app, username)).cookie;
  return {
    jinxiu,
    ours,
    county: await cookie(await buildStaff(t.db, 'county_admin', '平阴县')),
    desk: await cookie(await buildStaff(t.db, 'community_staff', '锦源社区')),
    property: await cookie(await buildUser(t.db, 'property_staff', ours.community_id, { propertyCompanyId: jinxiu.id })),
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  w = await world();
}, 120_000);
afterAll(async () => t?.close());

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });

describe('units and leaders', () => {
  it('finds a unit by an alias, with the leaders who have a duty for it', async () => {
    const found = (await get(w.desk, '/api/orgs/units?q=综合行政执法')).json();
    expect(found.items.map((u: { name: string }) => u.name)).toContain('县城市管理局');
    const unit = found.items.find((u: { name: string }) => u.name === '县城市管理局');
    expect(Object.keys(unit).sort()).toEqual(['aliases', 'id', 'kind', 'leaders', 'name']);
    expect(unit.leaders.map((l: { name: string }) => l.name)).toContain('张伟');
  });

  it("shows a unit with each leader's duty and the notice it comes from", async () => {
    const unit = await orgUnitByName(t.db, '县城市管理局');
    const detail = (await get(w.desk, `/api/orgs/units/${unit.id}`)).json();
    expect(detail.leaders.find((l: { name: string }) => l.name === '张伟')).toMatchObject({
      body: '县政府',
      sourceDoc: expect.stringMatching(/^平政办发〔2023〕\d+号$/),
    });
    expect((await get(w.desk, '/api/orgs/units/999999')).statusCode).toBe(404);
  });

  it('lists the leaders with their duties and AB角 partner, each way', async () => {
    const leaders = (await get(w.desk, '/api/orgs/leaders')).json().items;
    const zhang = leaders.find((l: { name: string }) => l.name === '张伟');
    expect(Object.keys(zhang).sort()).toEqual(['abPartner', 'duties', 'id', 'name', 'posts']);
    expect(zhang.posts).toEqual([{ body: '县政府', rank: 3 }]);
    expect(zhang.abPartner.name).toBe('李培振');
    expect((await get(w.desk, `/api/orgs/leaders/${zhang.abPartner.id}`)).json().abPartner).toEqual({ id: zhang.id, name: '张伟' });
  });

  it('lists 赵传资 once, with his posts in both 班子 and the 班子 of each duty', async () => {
    const leaders = (await get(w.desk, '/api/orgs/leaders')).json().items;
    expect(leaders).toHaveLength(14);
    const zhao = leaders.filter((l: { name: string }) => l.name === '赵传资');
    expect(zhao).toHaveLength(1);
    expect(zhao[0].posts).toEqual([
      { body: '县政府', rank: 10 },
      { body: '县政府办公室', rank: 1 },
    ]);
    const bodies = new Set(zhao[0].duties.map((d: { body: string }) => d.body));
    expect(bodies).toEqual(new Set(['县政府', '县政府办公室']));
    // The office's page names him once, with every duty he holds for it.
    const office = (await get(w.desk, '/api/orgs/units?q=县政府办公室'))
      .json()
      .items.find((u: { name: string }) => u.name === '县政府办公室');
    expect(office.leaders.filter((l: { name: string }) => l.name === '赵传资')).toHaveLength(1);
  });
});

describe('property companies', () => {
  const names = async (cookie: string) =>
    (await get(cookie, '/api/property-companies'))
      .json()
      .items.map((c: { name: string }) => c.name)
      .sort();

  it('shows the county every company, a community the companies of its estates, property staff their own', async () => {
    expect(await names(w.county)).toEqual(['锦东物业', '锦绣物业']);
    expect(await names(w.desk)).toEqual(['锦绣物业']);
    expect(await names(w.property)).toEqual(['锦绣物业']);
  });

  it('sends a company with its contact and the estates the viewer sees, nothing more', async () => {
    const [company] = (await get(w.desk, '/api/property-companies')).json().items;
    expect(company).toEqual({
      id: w.jinxiu.id,
      name: '锦绣物业',
      phone: '0531-87000000',
      contact: '王经理',
      estates: [{ id: w.ours.estateId, name: '锦绣花园' }],
    });
  });
});
