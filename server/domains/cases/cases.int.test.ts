import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildTestApp, loginAs, uploadTestPhoto } from '../../test/app.js';
import {
  buildHouse,
  buildResident,
  buildStaff,
  buildUser,
  categoryByCode,
  countCases,
  orgUnitByName,
  seedCasework,
} from '../../test/factories.js';
import { sweepSupervision } from './supervision.js';

/**
 * The loop through the API as its users walk it: a resident reports with a photo, the community
 * desk accepts and dispatches by the routing rules, the unit signs and handles, the grid worker
 * verifies, the desk closes, the resident rates. Then the refusals, each changing nothing.
 */
const clock = manualClock('2026-11-30T10:00:00+08:00'); // a Monday
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;
const at = { lon: 116.4551, lat: 36.2869 };

async function world() {
  await seedCasework(t.db);
  const house = await buildHouse(t.db, '锦源社区');
  const resident = await buildResident(t.db, house, { name: '王秀兰' });
  const otherHouse = await buildHouse(t.db, '锦东社区');
  const other = await buildResident(t.db, otherHouse, { name: '李建国' });
  const users = {
    resident: await buildStaff(t.db, 'resident', '锦源社区', { residentId: resident.id }),
    otherResident: await buildStaff(t.db, 'resident', '锦东社区', { residentId: other.id }),
    desk: await buildStaff(t.db, 'community_staff', '锦源社区'),
    otherDesk: await buildStaff(t.db, 'community_staff', '锦东社区'),
    handler: await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县城市管理局' }),
    otherHandler: await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县水务局' }),
    grid: await buildUser(t.db, 'grid_worker', house.grid_id!),
    leader: await buildStaff(t.db, 'leader', '平阴县'),
  };
  const cookies = Object.fromEntries(
    await Promise.all(Object.entries(users).map(async ([k, u]) => [k, (await loginAs(t.app, u)).cookie])),
  ) as Record<keyof typeof users, string>;
  return {
    house,
    resident,
    cookies,
    streetlight: await categoryByCode(t.db, 'streetlight'),
    chengguan: await orgUnitByName(t.db, '县城市管理局'),
  };
}

const as = (who: keyof typeof w.cookies) => ({ cookie: w.cookies[who] });
const act = (who: keyof typeof w.cookies, id: number, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions`, headers: as(who), payload });
const detail = async (who: keyof typeof w.cookies, id: number) =>
  (await t.app.inject({ url: `/api/cases/${id}`, headers: as(who) })).json();

const uploadPhoto = (who: keyof typeof w.cookies) => uploadTestPhoto(t.app, w.cookies[who]);

async function report(who: keyof typeof w.cookies = 'resident', extra: Record<string, unknown> = {}, key?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { ...as(who), ...(key ? { 'idempotency-key': key } : {}) },
    payload: { categoryId: w.streetlight.id, description: '小区门口路灯不亮，晚上很黑', ...at, ...extra },
  });
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  w = await world();
});
afterAll(async () => t.close());

describe('the closed loop', () => {
  let id: number;

  it('a resident reports with a photo; a retried report returns the same case', async () => {
    const photoId = await uploadPhoto('resident');
    const first = await report('resident', { photoIds: [photoId], attributes: { pole_no: 'LD-0231' } }, 'report-key-0001');
    expect(first.statusCode, first.body).toBe(201);
    const again = await report('resident', { photoIds: [photoId], attributes: { pole_no: 'LD-0231' } }, 'report-key-0001');
    expect(again.statusCode).toBe(200);
    expect(again.json().caseId).toBe(first.json().caseId);
    id = first.json().caseId;
    expect(first.json().number).toMatch(/^PY20261130\d{6}$/);
    const d = await detail('resident', id);
    expect(d.status).toBe('reported');
    expect(d.regionId).toBe(w.house.grid_id); // the resident's home grid
    expect(d.photos).toHaveLength(1);
    // Two working hours to accept: 10:00 → 12:00.
    expect(new Date(d.nextDeadlineAt).toISOString()).toBe('2026-11-30T04:00:00.000Z');
  });

  it('the desk accepts, registers and dispatches; routing picks the category default unit', async () => {
    const before = await detail('desk', id);
    expect(before.actions).toEqual(expect.arrayContaining(['accept', 'reject', 'comment']));
    expect((await act('desk', id, { action: 'accept' })).statusCode).toBe(200);
    expect((await act('desk', id, { action: 'register' })).statusCode).toBe(200);
    const registered = await detail('desk', id);
    expect(registered.suggestion.target).toMatchObject({ kind: 'unit', name: '县城市管理局' });
    // 公共设施 is 5 working days from acceptance: Mon 30 Nov → end of Mon 7 Dec.
    expect(new Date(registered.dueAt).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    const res = await act('desk', id, { action: 'dispatch' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dispatched', handler: '县城市管理局', step: 'sign' });
    const inbox = (await t.app.inject({ url: '/api/me/notifications', headers: as('handler') })).json();
    expect(
      inbox.items.some((n: { kind: string; title: string }) => n.kind === 'case_dispatched' && n.title.includes(res.json().number)),
    ).toBe(true);
  });

  it('another unit cannot see it; the unit signs and handles it', async () => {
    expect((await t.app.inject({ url: `/api/cases/${id}`, headers: as('otherHandler') })).statusCode).toBe(404);
    expect((await act('otherHandler', id, { action: 'sign' })).statusCode).toBe(404);
    const queue = (await t.app.inject({ url: '/api/cases?queue=mine', headers: as('handler') })).json();
    expect(queue.items.map((c: { id: number }) => c.id)).toContain(id);
    expect((await act('handler', id, { action: 'sign' })).statusCode).toBe(200);
    const photoId = await uploadPhoto('handler');
    const handled = await act('handler', id, { action: 'handle', result: '已更换灯泡，恢复照明', photoIds: [photoId] });
    expect(handled.statusCode, handled.body).toBe(200);
    expect(handled.json()).toMatchObject({ status: 'handled', firstUnit: '县城市管理局', result: '已更换灯泡，恢复照明' });
  });

  it('the grid worker verifies, the desk closes, the resident rates', async () => {
    expect((await act('grid', id, { action: 'verify', note: '现场查看，路灯已亮' })).statusCode).toBe(200);
    expect((await act('desk', id, { action: 'close' })).statusCode).toBe(200);
    const rated = await act('resident', id, { action: 'evaluate', satisfaction: 'satisfied' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'evaluated', satisfaction: 'satisfied' });
  });

  it('the resident sees the public steps by unit, never a staff member by name', async () => {
    const d = await detail('resident', id);
    expect(d.events.map((e: { action: string }) => e.action)).toEqual([
      'report',
      'accept',
      'register',
      'dispatch',
      'sign',
      'handle',
      'verify',
      'close',
      'evaluate',
    ]);
    const names = JSON.stringify(d.events.map((e: { actor: string | null }) => e.actor));
    expect(names).not.toMatch(/community_staff|dept_handler|grid_worker/);
    expect(d.photos).toHaveLength(2);
    expect(d.photos.every((p: { originalUrl: string | null }) => p.originalUrl === null)).toBe(true);
    const inbox = (await t.app.inject({ url: '/api/me/notifications', headers: as('resident') })).json();
    expect(inbox.items.map((n: { title: string }) => n.title).join()).toContain('已派遣至县城市管理局');
  });
});

describe('refusals change nothing', () => {
  it('an illegal transition is 409 and leaves the case as it was', async () => {
    const { caseId } = (await report()).json();
    const res = await act('desk', caseId, { action: 'close' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ILLEGAL_TRANSITION');
    const d = await detail('desk', caseId);
    expect(d.status).toBe('reported');
    expect(d.events).toHaveLength(1);
  });

  it('a point outside the county, a parent category, a missing required field, a foreign photo', async () => {
    expect((await report('resident', { lon: 117.0, lat: 36.65 })).json().code).toBe('OUTSIDE_COUNTY');
    expect((await report('resident', { categoryId: (await categoryByCode(t.db, 'public_facilities')).id })).json().code).toBe(
      'UNKNOWN_CATEGORY',
    );
    expect((await report('resident', { categoryId: (await categoryByCode(t.db, 'manhole')).id })).json().code).toBe('FIELD_REQUIRED');
    const handlerPhoto = await uploadPhoto('desk');
    const res = await report('resident', { photoIds: [handlerPhoto] });
    expect(res.json().code).toBe('PHOTO_NOT_YOURS');
    expect(await countCases(t.db, '小区门口路灯不亮，晚上很黑')).toBe(2); // the loop's case and the illegal-transition one
  });

  it("a resident cannot read another resident's case; another community's desk cannot either", async () => {
    const { caseId } = (await report()).json();
    expect((await t.app.inject({ url: `/api/cases/${caseId}`, headers: as('otherResident') })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/cases/${caseId}`, headers: as('otherDesk') })).statusCode).toBe(404);
    expect((await act('otherDesk', caseId, { action: 'accept' })).statusCode).toBe(404);
  });

  it('a manual dispatch away from the suggestion needs a reason', async () => {
    const { caseId } = (await report()).json();
    await act('desk', caseId, { action: 'accept' });
    await act('desk', caseId, { action: 'register' });
    const water = await orgUnitByName(t.db, '县水务局');
    const bare = await act('desk', caseId, { action: 'dispatch', target: { orgUnitId: water.id } });
    expect(bare.json().code).toBe('DISPATCH_REASON_REQUIRED');
    const ok = await act('desk', caseId, { action: 'dispatch', target: { orgUnitId: water.id }, reason: '路灯电源由供水泵站引出' });
    expect(ok.json()).toMatchObject({ status: 'dispatched', handler: '县水务局' });
  });
});

describe('sources, queues and duplicates', () => {
  it('a 12345 order keeps the caller as reporter, not the clerk who typed it, and masks the caller for the county', async () => {
    const admin = await buildStaff(t.db, 'county_admin', '平阴县');
    const cookie = (await loginAs(t.app, admin)).cookie;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie },
      payload: {
        categoryId: w.streetlight.id,
        description: '市民来电：路灯不亮',
        regionId: w.house.grid_id,
        hotlineOrderNo: '12345-20261130-0001',
        reporterName: '赵大伟',
        reporterPhone: '13905319001',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = (await t.app.inject({ url: `/api/cases/${res.json().caseId}`, headers: { cookie } })).json();
    expect(d.source).toBe('hotline');
    expect(d.relations).not.toContain('reporter');
    expect(d.sources[0]).toMatchObject({
      reference: '12345-20261130-0001',
      reporterPhone: '139****9001',
      reporterName: '赵**',
      mine: false,
    });
    expect(d.events[0].actor).toBe('赵**');
  });

  it("a grid worker's queue holds the grid's own work and what waits for 核查, not a unit's open work", async () => {
    const { caseId } = (await report()).json();
    for (const action of ['accept', 'register', 'dispatch']) await act('desk', caseId, { action });
    const ids = async (who: keyof typeof w.cookies, url: string) =>
      (await t.app.inject({ url, headers: as(who) })).json().items.map((c: { id: number }) => c.id);
    expect(await ids('grid', '/api/cases?queue=mine&pageSize=200')).not.toContain(caseId);
    expect(await ids('handler', '/api/cases?queue=mine&pageSize=200')).toContain(caseId);
    await act('handler', caseId, { action: 'sign' });
    await act('handler', caseId, { action: 'handle', result: '已修复' });
    expect(await ids('grid', '/api/cases?queue=mine&pageSize=200')).toContain(caseId);
    // A department handler's 待我处理 holds what is still to sign or handle, not what it finished.
    expect(await ids('handler', '/api/cases?queue=mine&pageSize=200')).not.toContain(caseId);
  });

  it('the map shows located open cases only', async () => {
    const { caseId } = (await report('resident', { lon: undefined, lat: undefined })).json();
    const map = (await t.app.inject({ url: '/api/cases/map', headers: as('desk') })).json();
    expect(map.items.length).toBeGreaterThan(0);
    expect(map.items.every((c: { lat: number | null }) => c.lat !== null)).toBe(true);
    expect(map.items.map((c: { id: number }) => c.id)).not.toContain(caseId);
    expect(map.total).toBe(map.items.length);
  });

  it('offers an open case of the same category nearby as "is it this one?", and not a far one', async () => {
    const first = (await report('resident', { lon: 116.44, lat: 36.27 })).json();
    const near = (await report('otherResident', { lon: 116.4402, lat: 36.2701 })).json();
    expect(near.duplicates.map((d: { id: number }) => d.id)).toContain(first.caseId);
    const far = (await report('otherResident', { lon: 116.45, lat: 36.27 })).json();
    expect(far.duplicates.map((d: { id: number }) => d.id)).not.toContain(first.caseId);
    const asked = (
      await t.app.inject({ url: `/api/cases/nearby?categoryId=${w.streetlight.id}&lat=36.2700&lon=116.4400`, headers: as('otherResident') })
    ).json();
    expect(asked.items[0]).toMatchObject({ id: first.caseId, title: '路灯损坏' });
  });
});

describe('supervision', () => {
  it('a report nobody accepts brings a 督办单 to the desk of its region, not to any unit', async () => {
    const { caseId } = (await report()).json();
    clock.advance(86_400_000);
    await sweepSupervision(t.app.casework);
    const d = await detail('desk', caseId);
    expect(d.supervisions).toHaveLength(1);
    expect(d.supervisions[0].unit).not.toBe('县城市管理局');
    expect(d.supervisions[0].reason).toContain('受理');
  });

  it('an overdue case gets a 督办单, then goes to the leader in charge with the AB backup', async () => {
    const { caseId } = (await report()).json();
    await act('desk', caseId, { action: 'accept' });
    await act('desk', caseId, { action: 'register' });
    await act('desk', caseId, { action: 'dispatch' });
    // A 邻里纠纷 goes to the grid itself: the board must name that grid by its community.
    const dispute = (
      await report('resident', { categoryId: (await categoryByCode(t.db, 'neighbour_dispute')).id, description: '楼上漏水引发邻里矛盾' })
    ).json();
    for (const action of ['accept', 'register', 'dispatch']) await act('desk', dispute.caseId, { action });
    // The unit has one working hour to sign; two working days later it still has not.
    clock.advance(2 * 86_400_000);
    const first = await sweepSupervision(t.app.casework);
    expect(first.noticed).toBeGreaterThanOrEqual(1);
    const board = (await t.app.inject({ url: '/api/supervision/board', headers: as('leader') })).json();
    expect(board.totals.handled + board.totals.open + board.totals.rejected).toBe(board.totals.total);
    // Grids are told apart by their community (every community has a 第一网格), never merged by name.
    expect(board.units.some((u: { unitId: number | null; regionId: number | null }) => u.unitId === null && u.regionId !== null)).toBe(
      true,
    );
    const gridRows = board.units.filter(
      (u: { unitId: number | null; regionId: number | null }) => u.unitId === null && u.regionId !== null,
    );
    expect(new Set(gridRows.map((u: { regionId: number }) => u.regionId)).size).toBe(gridRows.length);
    for (const row of gridRows) expect(row.name).toMatch(/社区|村/);
    expect(board.units.find((u: { name: string }) => u.name === '县城市管理局').red).toBeGreaterThanOrEqual(1);
    clock.advance(2 * 86_400_000);
    await sweepSupervision(t.app.casework);
    const d = await detail('desk', caseId);
    expect(d.supervisionLevel).toBe(2);
    expect(d.supervisions.map((s: { level: number }) => s.level)).toEqual([1, 2]);
    // The gazette: 张伟同志…分管…县城市管理局; 李培振同志和张伟同志…互为 AB 角.
    const escalation = d.supervisions[1];
    expect([escalation.unit, escalation.leader, escalation.backupLeader]).toEqual(['县城市管理局', '张伟', '李培振']);
    expect(escalation.reason).toBe('督办后仍未办结，报分管领导张伟（AB角：李培振）');
    const notices = (await t.app.inject({ url: '/api/supervision/notices', headers: as('handler') })).json();
    expect(notices.items.some((n: { caseId: number }) => n.caseId === caseId)).toBe(true);
  });
});
