import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildResident, buildStaff, categoryByCode, countCases, seedCasework } from '../../test/factories.js';

/**
 * What leaves the server about a case outside the staff view (issue 7): the public map gives
 * the place at estate, community and town, never what someone typed (finding 3); "是这件吗？"
 * gives the full title only to staff who hold the case (finding 12); a retried report under the
 * same Idempotency-Key must be the same report (finding 12).
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;
const at = { lon: 116.4551, lat: 36.2869 };
const TYPED = '锦源小区3号楼2单元1502室 王建国家';

async function world() {
  await seedCasework(t.db);
  const house = await buildHouse(t.db, '锦源社区', { estate: '锦绣花园' });
  const resident = await buildResident(t.db, house, { name: '王秀兰' });
  const cookie = async (u: string) => (await loginAs(t.app, u)).cookie;
  return {
    house,
    streetlight: await categoryByCode(t.db, 'streetlight'),
    resident: await cookie(await buildStaff(t.db, 'resident', '锦源社区', { residentId: resident.id })),
    desk: await cookie(await buildStaff(t.db, 'community_staff', '锦源社区')),
    otherDesk: await cookie(await buildStaff(t.db, 'community_staff', '锦东社区')),
  };
}

const report = (cookie: string, body: Record<string, unknown>, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { categoryId: w.streetlight.id, description: '路灯不亮', ...at, ...body },
  });

beforeAll(async () => {
  t = await buildTestApp();
  w = await world();
});
afterAll(async () => t?.close());

describe('the public case map', () => {
  it('names the place by estate, community and town, never by what the reporter typed', async () => {
    const typed = await report(w.resident, { address: TYPED });
    const fromHouse = await report(w.resident, { houseId: w.house.id, lat: at.lat + 0.0003 });
    expect([typed.statusCode, fromHouse.statusCode]).toEqual([201, 201]);
    const map = await t.app.inject({ url: '/api/public/case-map' });
    const items = map.json().items as { id: number; place: string }[];
    const placeOf = (id: number) => items.find((i) => i.id === id)?.place;
    expect(placeOf(typed.json().caseId)).toBe('锦源社区，榆山街道');
    expect(placeOf(fromHouse.json().caseId)).toBe('锦绣花园，锦源社区，榆山街道');
    expect(map.body).not.toContain('1502');
    expect(map.body).not.toContain('王建国');
  });
});

describe('"是这件吗？"', () => {
  it("gives the title only to staff who hold the case; another community's staff get the category", async () => {
    const made = await report(w.resident, { title: `路灯：${TYPED}`, lat: at.lat + 0.0001 });
    const near = (cookie: string) =>
      t.app.inject({ url: `/api/cases/nearby?categoryId=${w.streetlight.id}&lat=${at.lat + 0.0001}&lon=${at.lon}`, headers: { cookie } });
    const other = (await near(w.otherDesk)).json().items.find((i: { id: number }) => i.id === made.json().caseId);
    expect(other.title).toBe('路灯损坏');
    const own = (await near(w.desk)).json().items.find((i: { id: number }) => i.id === made.json().caseId);
    expect(own.title).toBe(`路灯：${TYPED}`);
  });
});

describe('Idempotency-Key', () => {
  it('answers a true retry with the first case, and refuses another body under the same key with 422', async () => {
    const first = await report(w.resident, { description: '第一次上报：路灯不亮' }, 'same-key-0001');
    expect(first.statusCode).toBe(201);
    const retry = await report(w.resident, { description: '第一次上报：路灯不亮' }, 'same-key-0001');
    expect([retry.statusCode, retry.json().caseId]).toEqual([200, first.json().caseId]);
    const other = await report(w.resident, { description: '另一件事：井盖丢了' }, 'same-key-0001');
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await countCases(t.db, '另一件事：井盖丢了')).toBe(0);
  });
});
