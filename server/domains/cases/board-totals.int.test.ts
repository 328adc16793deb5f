import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildStaff, categoryByCode, regionByName, seedCasework } from '../../test/factories.js';
import { sweepSupervision } from './supervision.js';

/**
 * The supervision board's totals come from counts kept per region path and status
 * (migrations/0037, decision 050), not from counting every case. Whatever happens to the cases —
 * reports, the loop's steps, a rejection, a merge, a case moved to another grid, a case deleted —
 * the board says what counting the cases says, for the county and for one community, before
 * the sweep folds the changes and after.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
const cookies: Record<string, string> = {};
let categoryId: number;
const near = { 锦源社区: { lon: 116.4551, lat: 36.2869 }, 锦东社区: { lon: 116.4611, lat: 36.2891 } };

beforeAll(async () => {
  t = await buildTestApp();
  await seedCasework(t.db);
  categoryId = (await categoryByCode(t.db, 'streetlight')).id;
  for (const community of ['锦源社区', '锦东社区'] as const) {
    await buildHouse(t.db, community);
    cookies[community] = (await loginAs(t.app, await buildStaff(t.db, 'community_staff', community))).cookie;
  }
  cookies.county = (await loginAs(t.app, await buildStaff(t.db, 'leader', '平阴县'))).cookie;
  cookies.town = (await loginAs(t.app, await buildStaff(t.db, 'town_staff', '榆山街道'))).cookie;
});
afterAll(async () => t?.close());

async function report(community: keyof typeof near, description: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: cookies[community] },
    payload: { categoryId, description, ...near[community] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().caseId as number;
}
const act = async (community: keyof typeof near, id: number, payload: object) => {
  const res = await t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions`, headers: { cookie: cookies[community] }, payload });
  expect(res.statusCode, res.body).toBe(200);
};
const board = async (who: string) =>
  (await t.app.inject({ url: '/api/supervision/board', headers: { cookie: cookies[who] } })).json().totals;

/** The totals as counting every case of the path gives them: what the board said before 0037. */
async function counted(path: string) {
  const { rows } = await sql<Record<'total' | 'handled' | 'open' | 'rejected', number>>`
    select count(*) filter (where status <> 'merged') as total,
           count(*) filter (where status in ('handled','verified','closed','evaluated')) as handled,
           count(*) filter (where status in ('reported','accepted','registered','dispatched','in_progress','suspended')) as open,
           count(*) filter (where status = 'rejected') as rejected
    from cases where region_path like ${`${path}%`}`.execute(t.db);
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

async function expectBoardsToCount() {
  const county = (await regionByName(t.db, '平阴县')).path;
  const town = (await regionByName(t.db, '榆山街道')).path;
  expect(await board('county')).toMatchObject(await counted(county));
  expect(await board('town')).toMatchObject(await counted(town));
}

describe('the board totals', () => {
  it('agree with counting the cases through the loop, a rejection, a merge, a move and a deletion, folded or not', async () => {
    const before = await board('county');
    const a = await report('锦源社区', '小区门口路灯不亮，晚上很黑');
    const b = await report('锦源社区', '三号楼前路灯一直闪烁');
    const c = await report('锦东社区', '东门路灯杆倾斜，有倒下的危险');
    const d = await report('锦东社区', '广场路灯白天也亮着');
    await expectBoardsToCount();
    expect((await board('county')).total).toBe(before.total + 4);

    for (const action of ['accept', 'register', 'dispatch']) await act('锦源社区', a, { action });
    await act('锦源社区', b, { action: 'reject', reason: '不属于受理范围' });
    await act('锦东社区', d, { action: 'merge', targetCaseId: c });
    await expectBoardsToCount();

    // A case moved to another town's community (its place corrected) counts there, not here.
    const elsewhere = await regionByName(t.db, '玫瑰苑社区');
    const townBefore = (await board('town')).total;
    await t.db.updateTable('cases').set({ region_path: elsewhere.path, region_id: elsewhere.id }).where('id', '=', a).execute();
    expect((await board('town')).total).toBe(townBefore - 1);
    await expectBoardsToCount();

    expect((await sweepSupervision(t.app.casework)).folded).toBeGreaterThan(0);
    expect(await t.db.selectFrom('case_status_deltas').select('id').execute()).toEqual([]);
    await expectBoardsToCount();

    await t.db.deleteFrom('cases').where('id', '=', b).execute();
    await expectBoardsToCount();
    await sweepSupervision(t.app.casework);
    await expectBoardsToCount();
    // A fold with nothing to fold changes nothing.
    expect((await sweepSupervision(t.app.casework)).folded).toBe(0);
    await expectBoardsToCount();
  });

  it('are folded exactly once when two processes fold at the same moment', async () => {
    const path = (await regionByName(t.db, '锦源社区')).path;
    const lines = Array.from({ length: 400 }, (_, i) => ({ region_path: path, status: i % 2 ? 'closed' : 'reported', delta: 1 }));
    await t.db.insertInto('case_status_deltas').values(lines).execute();
    const county = await board('county');
    const [x, y] = await Promise.all([sweepSupervision(t.app.casework), sweepSupervision(t.app.casework)]);
    expect(x.folded + y.folded).toBe(400);
    expect(await board('county')).toEqual(county);
  });
});
