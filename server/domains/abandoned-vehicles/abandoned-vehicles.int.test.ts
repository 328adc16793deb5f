import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipEntry } from '../../test/zip-entry.js';
import ExcelJS from 'exceljs';
import { manualClock } from '../../platform/clock.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildResident, buildStaff, buildUser, categoryByCode, seedCasework } from '../../test/factories.js';
import { sweepSupervision } from '../cases/index.js';

/**
 * One vehicle through the campaign, as 平政办字〔2023〕7号 walks it: found in the survey, owner
 * found by plate and told, the deadline passes, a 限期清理通知书 goes out, an objection pauses
 * disposal until it is resolved, the outcome is recorded, and the monthly report counts it in
 * the right town and unit. Then the refusals, each changing nothing.
 */
const clock = manualClock('2023-09-05T10:00:00+08:00'); // 全面排查
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;
const PLATE = '鲁A12345';

async function world() {
  await seedCasework(t.db);
  const house = await buildHouse(t.db, '锦源社区');
  const owner = await buildResident(t.db, house, { name: '王建军' });
  await t.db
    .insertInto('vehicles')
    .values({ plate: PLATE, vehicle_type: 'car', brand: '捷达', owner_id: owner.id, region_path: house.region_path })
    .execute();
  const users = {
    grid: await buildUser(t.db, 'grid_worker', house.grid_id!),
    desk: await buildStaff(t.db, 'community_staff', '锦源社区'),
    handler: await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县城市管理局' }),
    otherHandler: await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县水务局' }),
    otherDesk: await buildStaff(t.db, 'community_staff', '玫瑰苑社区'),
    otherTown: await buildStaff(t.db, 'town_staff', '锦水街道'),
    leader: await buildStaff(t.db, 'leader', '平阴县'),
    admin: await buildStaff(t.db, 'county_admin', '平阴县'),
    resident: await buildStaff(t.db, 'resident', '锦源社区', { residentId: (await buildResident(t.db, house)).id }),
  };
  const cookies = Object.fromEntries(
    await Promise.all(Object.entries(users).map(async ([k, u]) => [k, (await loginAs(t.app, u)).cookie])),
  ) as Record<keyof typeof users, string>;
  return { cookies, category: await categoryByCode(t.db, 'abandoned_vehicle') };
}

type Who = keyof typeof w.cookies;
const as = (who: Who) => ({ cookie: w.cookies[who] });
const get = (who: Who, url: string) => t.app.inject({ url: `/api/abandoned-vehicles${url}`, headers: as(who) });
const post = (who: Who, url: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/abandoned-vehicles${url}`, headers: as(who), payload });
const act = (who: Who, id: number, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions`, headers: as(who), payload });
const eventCount = async (caseId: number) =>
  Number(
    (
      await t.db
        .selectFrom('case_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function reportVehicle(attributes: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: as('grid'),
    payload: {
      categoryId: w.category.id,
      description: '锦源社区南门外空地停放一辆捷达，长期无人使用',
      address: '榆山街道锦源社区南门外空地',
      attributes: {
        plate: PLATE,
        brand: '捷达',
        vehicle_kind: 'car',
        signs: ['dust', 'flat_tyres'],
        location_kind: 'public_area',
        ...attributes,
      },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().caseId as number;
}

async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  return wb;
}
const rowOf = (sheet: ExcelJS.Worksheet, name: string) => {
  let found: number[] | null = null;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === name) found = [2, 3, 4, 5, 6].map((c) => Number(row.getCell(c).value));
  });
  return found as number[] | null; // found, notified, self-cleared, disposed, pending
};

beforeAll(async () => {
  t = await buildTestApp({ clock });
  w = await world();
});
afterAll(async () => t.close());

describe('one vehicle through the campaign', () => {
  let id: number;

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/abandoned-vehicles/dossiers/{caseId}/disposal', '/api/abandoned-vehicles/reports/monthly']),
    );
  });

  it('the campaign is seeded from data; the phase comes from the date', async () => {
    const res = await get('handler', '/campaigns/current');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ docNumber: '平政办字〔2023〕7号', currentPhase: 'survey', state: 'running' });
    expect(res.json().phases.map((p: { name: string }) => p.name)).toEqual(['全面排查', '自行清理', '分类处置']);
    // The plan's own organisation, read from the gazette by the importer.
    const { coordination, reporting } = res.json().plan;
    expect(coordination.lead).toBe('县发展和改革局');
    expect(coordination.members).toHaveLength(14);
    expect(reporting.monthlyContents).toContain('法律法规修订');
  });

  it('a grid worker finds the vehicle; the desk dispatches it to 城管 by where it stands; the unit signs', async () => {
    id = await reportVehicle();
    expect((await act('desk', id, { action: 'accept' })).statusCode).toBe(200);
    expect((await act('desk', id, { action: 'register' })).statusCode).toBe(200);
    const dispatched = await act('desk', id, { action: 'dispatch' });
    expect(dispatched.json()).toMatchObject({ status: 'dispatched', handler: '县城市管理局' });
    expect((await act('handler', id, { action: 'sign' })).statusCode).toBe(200);
    const d = (await get('handler', `/dossiers/${id}`)).json();
    expect(d).toMatchObject({
      owner: { status: 'unchecked' },
      vehicle: { plate: PLATE, locationKind: 'public_area' },
      campaign: { docNumber: '平政办字〔2023〕7号' },
    });
    expect(d.steps).toContain('lookup');
  });

  it('车找人: the owner is found by plate, masked for the unit, in full for the community desk', async () => {
    expect((await post('handler', `/dossiers/${id}/public-notice`, { method: 'posted', deadline: '2023-10-10' })).json().code).toBe(
      'LOOKUP_FIRST',
    );
    const res = await post('handler', `/dossiers/${id}/owner-lookup`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().owner).toMatchObject({ status: 'found', name: '王**', registeredPlate: PLATE, masked: true });
    expect(res.json().owner.phone).toMatch(/^139\*+\d{4}$/);
    expect((await get('desk', `/dossiers/${id}`)).json().owner).toMatchObject({ name: '王建军', masked: false });
  });

  it('bad input is refused and changes nothing', async () => {
    const before = await eventCount(id);
    const cases = [
      { method: 'fax', deadline: '2023-09-20' },
      { method: 'phone', deadline: '2023-02-30' },
      { method: 'phone', deadline: '2023-09-20', note: 'x'.repeat(501) },
    ];
    for (const body of cases) expect((await post('handler', `/dossiers/${id}/owner-notice`, body)).statusCode).toBe(400);
    const past = await post('handler', `/dossiers/${id}/owner-notice`, { method: 'phone', deadline: '2023-09-01' });
    expect(past.json().code).toBe('DEADLINE_INVALID');
    expect((await post('handler', `/dossiers/${id}/disposal`, { outcome: 'transferred' })).statusCode).toBe(400);
    expect(
      (await post('handler', `/dossiers/${id}/disposal`, { outcome: 'removed_chengguan', receivingUnit: '县公安局' })).statusCode,
    ).toBe(400);
    expect((await get('handler', `/dossiers/${id}`)).json().ownerNotice).toBeNull();
    expect(await eventCount(id)).toBe(before);
  });

  it('the owner is told; before the deadline passes no public notice may go out', async () => {
    const res = await post('handler', `/dossiers/${id}/owner-notice`, {
      method: 'phone',
      deadline: '2023-09-20',
      note: '车主表示近期处理',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ownerNotice).toMatchObject({ method: 'phone', deadline: '2023-09-20', overdue: false });
    clock.set('2023-09-15T10:00:00+08:00');
    expect((await post('handler', `/dossiers/${id}/public-notice`, { method: 'posted', deadline: '2023-10-10' })).json().code).toBe(
      'DEADLINE_NOT_PASSED',
    );
  });

  it('the deadline passes: a 限期清理通知书 is generated as .docx with the plate and the deadline', async () => {
    clock.set('2023-09-25T10:00:00+08:00');
    const res = await post('handler', `/dossiers/${id}/public-notice`, { method: 'posted_and_media', deadline: '2023-10-10' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().publicNotice).toMatchObject({ deadline: '2023-10-10', issuingUnit: '县城市管理局' });
    const file = await t.app.inject({ url: res.json().publicNotice.downloadUrl, headers: as('desk') });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    const xml = zipEntry(file.rawPayload, 'word/document.xml');
    expect(xml).toContain('废弃汽车限期清理通知书');
    expect(xml).toContain(PLATE);
    expect(xml).toContain('2023年10月10日');
    expect(xml).toContain('平政办字〔2023〕7号');
    expect(xml).toContain('县城市管理局');
    // 二（二）3（1）: 城市管理部门 for a car off the road; no consequence the plan does not state.
    expect(xml).toContain('由城市管理部门依据市容环境管理有关规定');
    expect(xml).not.toContain('费用');
  });

  it('an objection pauses disposal; resolving it resumes; the outcome is recorded once', async () => {
    clock.set('2023-10-09T10:00:00+08:00');
    const objected = await post('handler', `/dossiers/${id}/objections`, {
      raisedBy: '车主王建军',
      content: '车辆仍在使用，近期将维修后驶离',
    });
    expect(objected.statusCode, objected.body).toBe(200);
    expect(objected.json()).toMatchObject({ objectionOpen: true });
    expect(objected.json().steps).not.toContain('disposal');
    clock.set('2023-11-02T10:00:00+08:00'); // 分类处置
    const before = await eventCount(id);
    const refused = await post('handler', `/dossiers/${id}/disposal`, { outcome: 'removed_chengguan' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('OBJECTION_OPEN');
    expect((await get('handler', `/dossiers/${id}`)).json().disposal).toBeNull();
    expect(await eventCount(id)).toBe(before);
    const objectionId = objected.json().objections[0].id;
    const resolved = await post('handler', `/dossiers/${id}/objections/${objectionId}/resolve`, {
      resolution: '经核查车辆无法启动，已逾期未维修，异议不成立',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json().objectionOpen).toBe(false);
    const disposed = await post('handler', `/dossiers/${id}/disposal`, { outcome: 'removed_chengguan', note: '拖移至县废弃车辆暂存场' });
    expect(disposed.statusCode, disposed.body).toBe(200);
    expect(disposed.json().disposal).toMatchObject({ outcome: 'removed_chengguan', unit: '县城市管理局' });
    expect((await post('handler', `/dossiers/${id}/disposal`, { outcome: 'self_cleared' })).json().code).toBe('ALREADY_DISPOSED');
  });

  it('every step is on the case timeline', async () => {
    const d = (await t.app.inject({ url: `/api/cases/${id}`, headers: as('desk') })).json();
    const actions = d.events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['av_owner_lookup', 'av_notice', 'av_public_notice', 'av_objection', 'av_objection_resolved', 'av_disposal']),
    );
    expect(actions.indexOf('av_objection')).toBeLessThan(actions.indexOf('av_disposal'));
  });

  it('the monthly report counts it in the right town and unit', async () => {
    clock.set('2023-12-05T10:00:00+08:00');
    const res = await get('admin', '/reports/monthly'); // the previous month: November
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('2023-11');
    const wb = await workbook(res.rawPayload);
    expect(rowOf(wb.getWorksheet('按镇街')!, '榆山街道')).toEqual([0, 0, 0, 1, 0]);
    expect(rowOf(wb.getWorksheet('按镇街')!, '锦水街道')).toEqual([0, 0, 0, 0, 0]);
    expect(rowOf(wb.getWorksheet('按承办单位')!, '县城市管理局')).toEqual([0, 0, 0, 1, 0]);
    const typical = wb.getWorksheet('典型案例')!;
    expect(typical.getRow(2).getCell(3).value).toBe('鲁A***45');
    expect(String(typical.getRow(2).getCell(5).value)).toContain('城管');
    const september = await workbook((await get('admin', '/reports/monthly?month=2023-09')).rawPayload);
    expect(rowOf(september.getWorksheet('按镇街')!, '榆山街道')).toEqual([1, 1, 0, 0, 1]);
  });

  it('the progress page shows it per town', async () => {
    const res = await get('admin', '/progress');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().towns.find((r: { name: string }) => r.name === '榆山街道')).toMatchObject({
      found: 1,
      notified: 1,
      disposed: 1,
      pending: 0,
    });
  });
});

describe('the year-end summary', () => {
  it('covers the campaign and carries every item the plan asks the report for', async () => {
    const res = await get('admin', '/reports/monthly?period=year_end');
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('完成情况');
    const wb = await workbook(res.rawPayload);
    expect(rowOf(wb.getWorksheet('按镇街')!, '榆山街道')).toEqual([1, 1, 0, 1, 0]);
    const contents = wb.getWorksheet('报送内容')!;
    const items = contents.getColumn(1).values.slice(4).map(String);
    expect(items).toEqual(['印发政策文件', '建立协调机制', '法律法规修订', '开展活动', '取得的工作成效', '典型案例', '经验做法']);
    expect(String(contents.getRow(2).getCell(1).value)).toContain('每月8日前报县废弃汽车专项治理工作协调机制办公室');
    expect(String(contents.getRow(8).getCell(2).value)).toContain('排查发现1辆');
  });
});

describe('scope and refusals', () => {
  it("another region's staff and another unit get 404; a reader cannot act", async () => {
    clock.set('2023-12-05T10:00:00+08:00');
    const id = await reportVehicle({ plate: '', signs: ['no_plate', 'rust'], location_kind: 'road' });
    for (const who of ['otherDesk', 'otherTown', 'otherHandler'] as const) {
      expect((await get(who, `/dossiers/${id}`)).statusCode).toBe(404);
      expect((await post(who, `/dossiers/${id}/owner-lookup`)).statusCode).toBe(404);
    }
    expect((await get('resident', `/dossiers/${id}`)).statusCode).toBe(404);
    expect((await get('leader', `/dossiers/${id}`)).statusCode).toBe(200);
    expect((await post('leader', `/dossiers/${id}/owner-lookup`)).statusCode).toBe(403);
    expect(await t.db.selectFrom('av_dossiers').select('case_id').where('case_id', '=', id).executeTakeFirst()).toBeUndefined();
    const otherTown = (await get('otherTown', '/progress')).json();
    expect(otherTown.towns.map((r: { name: string }) => r.name)).toEqual(['锦水街道']);
    expect(otherTown.total.found).toBe(0);
  });

  it('a vehicle without plates has an unknown owner and goes straight to the public notice', async () => {
    const id = await reportVehicle({ plate: '', signs: ['no_plate', 'rust'] });
    await act('desk', id, { action: 'accept' });
    const res = await post('desk', `/dossiers/${id}/owner-lookup`);
    expect(res.json().owner.status).toBe('unknown');
    expect(res.json().steps).toContain('public_notice');
    const notice = await post('desk', `/dossiers/${id}/public-notice`, { method: 'posted', deadline: '2023-12-20' });
    expect(notice.statusCode, notice.body).toBe(200);
    const xml = zipEntry(
      (await t.app.inject({ url: notice.json().publicNotice.downloadUrl, headers: as('desk') })).rawPayload,
      'word/document.xml',
    );
    expect(xml).toContain('无牌捷达');
    expect(
      (await post('desk', `/dossiers/${id}/disposal`, { outcome: 'transferred', receivingUnit: '县公安局刑侦大队' })).json().disposal,
    ).toMatchObject({ outcome: 'transferred', receivingUnit: '县公安局刑侦大队' });
  });

  it('records the branch for an owner who refuses to scrap (行政强制法)', async () => {
    clock.set('2023-12-05T10:00:00+08:00');
    const refused = await reportVehicle({ plate: '', signs: ['no_plate'] });
    await act('desk', refused, { action: 'accept' });
    await post('desk', `/dossiers/${refused}/owner-lookup`);
    await post('desk', `/dossiers/${refused}/public-notice`, { method: 'posted', deadline: '2023-12-06' });
    clock.set('2023-12-08T10:00:00+08:00');
    const res = await post('desk', `/dossiers/${refused}/disposal`, { outcome: 'enforced_after_refusal', note: '拒不办理报废注销' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().disposal.outcome).toBe('enforced_after_refusal');
  });

  it('only the county administrator configures a campaign; bad phases are refused', async () => {
    const next = {
      code: 'pingyin-2024',
      name: '平阴县废弃汽车常态化治理',
      docNumber: '平政办字〔2024〕3号',
      issuedOn: '2024-03-01',
      issuingUnit: '平阴县人民政府办公室',
      legalBasis: '根据平政办字〔2024〕3号，督促车辆所有人限期清理。',
      phases: [
        { code: 'survey', name: '全面排查', startsOn: '2024-03-01', endsOn: '2024-03-31' },
        { code: 'disposal', name: '分类处置', startsOn: '2024-04-01', endsOn: '2024-06-30' },
      ],
    };
    expect((await post('otherTown', '/campaigns', next)).statusCode).toBe(403);
    const overlapping = await post('admin', '/campaigns', {
      ...next,
      phases: [next.phases[0], { ...next.phases[1], startsOn: '2024-03-15' }],
    });
    expect(overlapping.json().code).toBe('PHASES_INVALID');
    expect((await get('admin', '/campaigns')).json().items).toHaveLength(1);
    const created = await post('admin', '/campaigns', next);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ state: 'not_started', currentPhase: null });
    const changed = await t.app.inject({
      method: 'PUT',
      url: `/api/abandoned-vehicles/campaigns/${created.json().id}`,
      headers: as('admin'),
      payload: { ...next, name: '平阴县废弃汽车长效治理' },
    });
    expect(changed.json().name).toBe('平阴县废弃汽车长效治理');
    expect((await post('admin', '/campaigns', next)).json().code).toBe('CAMPAIGN_EXISTS');
  });
});

describe('督办 of a vehicle on the road: 县公安局 has a leader in charge', () => {
  it('the level-2 notice names 陈剑, who 主持 the bureau, with 赵鹏 his AB角 as backup', async () => {
    clock.set('2023-11-06T10:00:00+08:00'); // a Monday
    const id = await reportVehicle({ location_kind: 'road', plate: '' });
    for (const action of ['accept', 'register', 'dispatch']) expect((await act('desk', id, { action })).statusCode).toBe(200);
    const detail = async () => (await t.app.inject({ url: `/api/cases/${id}`, headers: as('desk') })).json();
    expect((await detail()).handler).toBe('县公安局');
    clock.advance(2 * 86_400_000);
    await sweepSupervision(t.app.casework);
    clock.advance(2 * 86_400_000);
    await sweepSupervision(t.app.casework);
    const d = await detail();
    expect(d.supervisionLevel).toBe(2);
    expect(d.supervisions[1]).toMatchObject({ unit: '县公安局', leader: '陈剑', backupLeader: '赵鹏' });
  });
});
