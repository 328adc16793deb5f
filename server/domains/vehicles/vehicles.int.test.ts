import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildResident, buildStaff, buildUser, seedTestRegions } from '../../test/factories.js';

/**
 * The vehicle register through the API and a real database: scoped by region (and estate for
 * property staff), searched by any part of the plate, and sent as the contract says — no column
 * the presenter did not mean to send.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;

async function world() {
  await seedTestRegions(t.db);
  const house = await buildHouse(t.db, '锦源社区', { estate: '锦绣花园' });
  const otherEstate = await buildHouse(t.db, '锦源社区', { estate: '金水苑' });
  const foreign = await buildHouse(t.db, '锦东社区');
  const owner = await buildResident(t.db, house, { name: '王建国' });
  const car = (plate: string, h: typeof house, ownerId: number | null) =>
    t.db
      .insertInto('vehicles')
      .values({ plate, vehicle_type: 'car', owner_id: ownerId, estate_id: h.estateId, region_path: h.region_path })
      .returning('id')
      .executeTakeFirstOrThrow();
  const company = await t.db.insertInto('property_companies').values({ name: '锦绣物业' }).returning('id').executeTakeFirstOrThrow();
  await t.db.updateTable('estates').set({ property_company_id: company.id }).where('id', '=', house.estateId).execute();
  const cookie = async (u: string) => (await loginAs(t.app, u)).cookie;
  return {
    ours: await car('鲁A12345', house, owner.id),
    neighbours: await car('鲁A67890', otherEstate, null),
    theirs: await car('鲁A11111', foreign, null),
    desk: await cookie(await buildStaff(t.db, 'community_staff', '锦源社区')),
    property: await cookie(await buildUser(t.db, 'property_staff', house.community_id, { propertyCompanyId: company.id })),
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  w = await world();
});
afterAll(async () => t?.close());

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });

describe('the vehicle register', () => {
  it("lists the community's cars and finds one by any part of its plate", async () => {
    const all = (await get(w.desk, '/api/vehicles')).json();
    expect(all.items.map((v: { plate: string }) => v.plate).sort()).toEqual(['鲁A12345', '鲁A67890']);
    const found = (await get(w.desk, '/api/vehicles?q=a123')).json();
    expect(found).toMatchObject({ total: 1, items: [{ plate: '鲁A12345', ownerName: '王建国' }] });
    // A % typed into the search is a character, not a wildcard.
    expect((await get(w.desk, '/api/vehicles?q=%25')).json().total).toBe(0);
  });

  it("limits property staff to their company's estates, with the owner masked", async () => {
    const seen = (await get(w.property, '/api/vehicles')).json();
    expect(seen.items).toHaveLength(1);
    expect(seen.items[0]).toMatchObject({ plate: '鲁A12345', ownerName: '王**', ownerId: null });
    expect((await get(w.property, `/api/vehicles/${w.neighbours.id}`)).statusCode).toBe(404);
  });

  it("shows a car with its owner to the desk, and another community's car to no one", async () => {
    const detail = await get(w.desk, `/api/vehicles/${w.ours.id}`);
    expect(Object.keys(detail.json()).sort()).toEqual([
      'brand',
      'color',
      'communityName',
      'estateId',
      'estateName',
      'id',
      'owner',
      'ownerId',
      'ownerName',
      'parkingSpace',
      'plate',
      'vehicleType',
    ]);
    expect(detail.json().owner).toMatchObject({ name: '王建国' });
    expect(detail.body).not.toContain('region_path');
    expect((await get(w.desk, `/api/vehicles/${w.theirs.id}`)).statusCode).toBe(404);
  });
});
