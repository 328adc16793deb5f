import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildStaff, orgUnitByName, regionByName, seedCasework } from '../../test/factories.js';
import { manualClock } from '../../platform/clock.js';
import { importGazetteTasks } from './index.js';
import { abandonedVehiclePhases, disclosureTasks, ecnyTargets } from './gazette.fixtures.js';

/**
 * Task supervision through the API on a real database: the gazette's task tables imported (and
 * imported again without duplicates), tasks read by the units they are assigned to, monthly
 * reports filed by a unit for itself only, status computed from the dates, 催办 and 督办通知,
 * 办结, the assessment and the Excel export.
 */
const clock = manualClock('2023-09-05T02:00:00Z'); // 2023-09-05 10:00 in Pingyin
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;
let imported: Awaited<ReturnType<typeof importGazetteTasks>>;

const documents = () => [disclosureTasks(), ecnyTargets(), abandonedVehiclePhases()];

async function world() {
  await seedCasework(t.db);
  imported = await t.db.transaction().execute((trx) => importGazetteTasks(trx, documents(), new Map([['平政办发〔2023〕5号', 501]])));
  const cookie = async (u: string) => (await loginAs(t.app, u)).cookie;
  return {
    office: await cookie(await buildStaff(t.db, 'county_admin', '平阴县')),
    leader: await cookie(await buildStaff(t.db, 'leader', '平阴县')),
    approvals: await cookie(await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县行政审批服务局' })),
    finance: await cookie(await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县财政局' })),
    commerce: await cookie(await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县商务事业发展中心' })),
    archives: await cookie(await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县档案馆' })),
    yushan: await cookie(await buildStaff(t.db, 'town_staff', '榆山街道')),
    community: await cookie(await buildStaff(t.db, 'community_staff', '锦源社区')),
  };
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  w = await world();
});
afterAll(async () => t?.close());

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });
const send = (cookie: string, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, payload: payload as object });
const listId = async (number: string) =>
  (await t.db.selectFrom('task_lists').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
const taskId = async (number: string, seq: number) =>
  (
    await t.db
      .selectFrom('tasks')
      .innerJoin('task_lists', 'task_lists.id', 'tasks.list_id')
      .select('tasks.id')
      .where('task_lists.number', '=', number)
      .where('tasks.seq', '=', seq)
      .executeTakeFirstOrThrow()
  ).id;
const counts = async () => ({
  lists: Number(
    (
      await t.db
        .selectFrom('task_lists')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  tasks: Number(
    (
      await t.db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  units: Number(
    (
      await t.db
        .selectFrom('task_units')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  measures: Number(
    (
      await t.db
        .selectFrom('task_measures')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

describe('the gazette import', () => {
  it('makes one list per document with tasks, or with phases only, and reports names no unit fits', async () => {
    expect(imported.lists).toBe(3);
    expect(imported.tasks).toBe(5 + 1 + 3);
    expect(imported.unresolvedUnits.sort()).toEqual(
      ['人民银行平阴县支行', '各运营机构', '开发区管委会', '相关部门', '相关镇（街道）'].sort(),
    );
    const lists = (await get(w.office, '/api/task-lists')).json().items;
    expect(lists.map((l: { number: string; kind: string; tasks: number }) => [l.number, l.kind, l.tasks])).toEqual([
      ['平政办发〔2023〕5号', 'table', 5],
      ['平政字〔2023〕22号', 'table', 1],
      ['平政办字〔2023〕7号', 'phases', 3],
    ]);
    expect(lists[0]).toMatchObject({ documentId: 501, title: '2023年平阴县政务公开重点工作任务分解表' });
  });

  it('resolves short names by rule, keeps the printed ones, and expands 各镇（街道）、各部门', async () => {
    const one = (await get(w.office, `/api/tasks/${await taskId('平政办发〔2023〕5号', 1)}`)).json();
    expect(one.units.map((u: { role: string; printedName: string; name: string | null }) => [u.role, u.printedName, u.name])).toEqual([
      ['lead', '县发改局', '县发展和改革委员会'],
      ['co', '县工信局', '县工业和信息化局'],
      ['co', '县特色产业发展中心', '县特色产业发展中心'],
      ['co', '县商务事业发展中心', '县商务事业发展中心'],
      ['co', '相关镇（街道）', null],
      ['co', '相关部门', null],
    ]);
    const everyone = (await get(w.office, `/api/tasks/${await taskId('平政办发〔2023〕5号', 17)}`)).json();
    const towns = await t.db.selectFrom('regions').select('id').where('level', '=', 'town').execute();
    const departments = await t.db.selectFrom('org_units').select('id').where('kind', '=', 'department').execute();
    expect(everyone.units).toHaveLength(towns.length + departments.length);
    expect(everyone.units.every((u: { role: string; resolved: boolean }) => u.role === 'lead' && u.resolved)).toBe(true);
  });

  it('carries the targets with their due days and quantities, and the phases with their dates', async () => {
    const ecny = (await get(w.office, `/api/tasks/${await taskId('平政字〔2023〕22号', 14)}`)).json();
    expect(ecny.targets.map((x: { period: string; due: string }) => [x.period, x.due])).toEqual([
      ['上半年目标', '2023-06-30'],
      ['三季度目标', '2023-09-30'],
      ['全年目标', '2023-12-31'],
    ]);
    expect(ecny.targets[2].measures.map((m: { quantity: number; unit: string }) => [m.quantity, m.unit])).toEqual([
      [20000, '笔'],
      [10_000_000, '元'],
    ]);
    expect(ecny.units.map((u: { name: string | null; printedName: string }) => u.name ?? u.printedName).slice(0, 2)).toEqual([
      '县商务事业发展中心',
      '县财政局',
    ]);
    const phase = (await get(w.office, `/api/tasks/${await taskId('平政办字〔2023〕7号', 2)}`)).json();
    expect(phase).toMatchObject({
      task: '自行清理阶段',
      deadlineText: '2023年9月11日至10月31日',
      startsOn: '2023-09-11',
      deadline: '2023-10-31',
      status: 'not_started',
    });
  });

  it('updates in place when the same gazette is imported again, changed cells included', async () => {
    const before = await counts();
    const edited = disclosureTasks({ task1Units: ['县发改局', '县工信局'] });
    edited.tasks[1].requirement = '持续优化营商环境（修订）';
    const again = await t.db
      .transaction()
      .execute((trx) => importGazetteTasks(trx, [edited, ecnyTargets(), abandonedVehiclePhases()], new Map()));
    expect(again).toMatchObject({ lists: 3, tasks: 9 });
    const after = await counts();
    expect(after).toEqual({ ...before, units: before.units - 4 });
    const five = (await get(w.office, `/api/tasks/${await taskId('平政办发〔2023〕5号', 5)}`)).json();
    expect(five.requirement).toBe('持续优化营商环境（修订）');
    // Back to the gazette as printed, for the tests below.
    await t.db.transaction().execute((trx) => importGazetteTasks(trx, documents(), new Map([['平政办发〔2023〕5号', 501]])));
    expect(await counts()).toEqual(before);
  });
});

describe('who reads which tasks', () => {
  const seqsOf = async (cookie: string, query = '') =>
    (await get(cookie, `/api/tasks?${query}`)).json().items.map((x: { seq: number; listTitle: string }) => x.seq);

  it('gives the office and the leaders every task, a unit its own, a town its own', async () => {
    expect(await seqsOf(w.office)).toHaveLength(9);
    expect(await seqsOf(w.leader)).toHaveLength(9);
    expect(await seqsOf(w.approvals)).toEqual([5, 17, 18, 19]);
    expect(await seqsOf(w.commerce)).toEqual([1, 14]);
    expect(await seqsOf(w.yushan)).toEqual([17, 18, 19, 14]);
    expect(await seqsOf(w.archives)).toEqual([]);
    expect((await get(w.archives, '/api/task-lists')).json().items).toEqual([]);
    expect((await get(w.archives, `/api/tasks/${await taskId('平政办发〔2023〕5号', 5)}`)).statusCode).toBe(404);
    expect((await get(w.community, '/api/tasks')).statusCode).toBe(403);
  });

  it("shows a leader's units' tasks by the division of labour", async () => {
    const leaders = (await get(w.leader, '/api/task-leaders')).json().items as { id: number; name: string; units: { name: string }[] }[];
    const approvalsUnit = await orgUnitByName(t.db, '县行政审批服务局');
    const inCharge = leaders.find((l) => l.units.some((u) => u.name === approvalsUnit.name));
    expect(inCharge).toBeDefined();
    const seqs = await seqsOf(w.leader, `leaderId=${inCharge?.id}`);
    expect(seqs).toContain(5);
    expect((await get(w.leader, '/api/tasks?leaderId=999999')).statusCode).toBe(404);
  });
});

describe('monthly progress', () => {
  it("lets a unit file its own month, to the lead when it is a co-unit, and never another unit's", async () => {
    const task5 = await taskId('平政办发〔2023〕5号', 5);
    const filed = await send(w.approvals, 'PUT', `/api/tasks/${task5}/reports`, { month: '2023-08', text: '已发布政策包解读3篇' });
    expect(filed.statusCode).toBe(200);
    // Filed again in the window: the same report, updated.
    const again = await send(w.approvals, 'PUT', `/api/tasks/${task5}/reports`, { month: '2023-08', text: '已发布政策包解读4篇' });
    expect(again.json().id).toBe(filed.json().id);
    const detail = (await get(w.office, `/api/tasks/${task5}`)).json();
    expect(detail.reports).toHaveLength(1);
    expect(detail.reports[0]).toMatchObject({ month: '2023-08', text: '已发布政策包解读4篇', state: 'on_time' });
    expect(detail).toMatchObject({ status: 'on_track', latestProgress: '已发布政策包解读4篇' });
    expect(await auditLinesOf(t.db, detail.reports[0].submittedBy, 'task_report')).toHaveLength(2);

    // 县财政局 is not responsible for task 5.
    const refused = await send(w.finance, 'PUT', `/api/tasks/${task5}/reports`, { month: '2023-08', text: '越权填报' });
    expect(refused.statusCode).toBe(404);
    const task1 = await taskId('平政办发〔2023〕5号', 1);
    const notMine = await send(w.office, 'PUT', `/api/tasks/${task1}/reports`, { month: '2023-08', text: '办公室代报' });
    expect(notMine.statusCode).toBe(403);

    const co = await send(w.commerce, 'PUT', `/api/tasks/${task1}/reports`, { month: '2023-08', text: '配合完成重点工作信息公开' });
    expect(co.statusCode).toBe(200);
    const one = (await get(w.office, `/api/tasks/${task1}`)).json();
    // The co-unit's report is the lead's to consolidate: the office's status waits for the lead (县发改局).
    expect(one.status).toBe('not_started');
    expect(one.reports).toMatchObject([{ text: '配合完成重点工作信息公开', state: 'on_time' }]);
  });

  it('takes evidence files for its own report, and gives them back to those who read the task', async () => {
    const task5 = await taskId('平政办发〔2023〕5号', 5);
    const reportId = (await get(w.office, `/api/tasks/${task5}`)).json().reports[0].id;
    const upload = (cookie: string, name: string, content: Buffer) => {
      const boundary = '----task-evidence';
      return t.app.inject({
        method: 'POST',
        url: `/api/tasks/${task5}/reports/${reportId}/files`,
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          content,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    };
    const pdf = Buffer.from('%PDF-1.4 政策包解读发布截图');
    const stored = await upload(w.approvals, '解读发布截图.pdf', pdf);
    expect(stored.statusCode).toBe(201);
    expect((await upload(w.approvals, 'run.exe', pdf)).json()).toMatchObject({ code: 'EVIDENCE_TYPE' });
    expect((await upload(w.yushan, '别人的.pdf', pdf)).statusCode).toBe(404);
    const files = (await get(w.office, `/api/tasks/${task5}`)).json().reports[0].files;
    expect(files).toEqual([{ id: stored.json().id, fileName: '解读发布截图.pdf', size: pdf.length }]);
    const download = await get(w.leader, `/api/tasks/${task5}/reports/${reportId}/files/${stored.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await get(w.archives, `/api/tasks/${task5}/reports/${reportId}/files/${stored.json().id}`)).statusCode).toBe(404);
  });

  it('refuses a month outside the task, figures of another task, and a report on a done task', async () => {
    const task14 = await taskId('平政字〔2023〕22号', 14);
    const early = await send(w.commerce, 'PUT', `/api/tasks/${task14}/reports`, { month: '2023-05', text: '提前' });
    expect(early.json()).toMatchObject({ code: 'REPORT_MONTH' });
    const future = await send(w.commerce, 'PUT', `/api/tasks/${task14}/reports`, { month: '2023-12', text: '未来' });
    expect(future.statusCode).toBe(400);
    const stray = await send(w.commerce, 'PUT', `/api/tasks/${task14}/reports`, {
      month: '2023-08',
      text: '数据',
      figures: [{ measureId: 999999, value: 1 }],
    });
    expect(stray.json()).toMatchObject({ code: 'REPORT_FIGURE' });
    const reports = Number(
      (
        await t.db
          .selectFrom('task_reports')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(reports).toBe(2);
  });

  it("tracks the quantitative targets from the lead unit's figures", async () => {
    const task14 = await taskId('平政字〔2023〕22号', 14);
    const detail = (await get(w.commerce, `/api/tasks/${task14}`)).json();
    const [count, amount] = detail.targets[2].measures;
    const filed = await send(w.commerce, 'PUT', `/api/tasks/${task14}/reports`, {
      month: '2023-08',
      text: '发放满减红包，累计交易8200笔',
      figures: [
        { measureId: count.id, value: 8200 },
        { measureId: amount.id, value: 3_150_000 },
      ],
    });
    expect(filed.statusCode).toBe(200);
    const after = (await get(w.office, `/api/tasks/${task14}`)).json();
    expect(after.targets[2].measures.map((m: { reached: number }) => m.reached)).toEqual([8200, 3_150_000]);
    expect(after.myUnitId).toBeNull();
    // Issued 29 August: August and the running September may be filed.
    expect(after.fileableMonths).toEqual(['2023-08', '2023-09']);
    expect((await get(w.commerce, `/api/tasks/${task14}`)).json().myUnitId).toBe(after.units[0].id);
  });

  it('turns a task yellow when the month is missed, red after its deadline', async () => {
    const task5 = await taskId('平政办发〔2023〕5号', 5);
    clock.set('2023-10-09T02:00:00Z');
    const late = (await get(w.office, `/api/tasks/${task5}`)).json();
    expect(late).toMatchObject({ status: 'at_risk', warning: 'yellow', reasons: ['县行政审批服务局未报2023年9月进展'] });
    expect(late.calendar[0].months).toEqual([
      { month: '2023-08', due: '2023-09-08', state: 'on_time' },
      { month: '2023-09', due: '2023-10-08', state: 'missing' },
    ]);
    clock.set('2024-01-03T02:00:00Z');
    expect((await get(w.office, `/api/tasks/${task5}`)).json()).toMatchObject({ status: 'overdue', warning: 'red' });
    const overdue = (await get(w.office, '/api/tasks?status=overdue')).json();
    expect(overdue.total).toBeGreaterThan(0);
    clock.set('2023-09-05T02:00:00Z');
  });
});

describe('supervision', () => {
  it('records 催办 and 督办通知 with who, when and what, and refuses a unit not on the task', async () => {
    const task5 = await taskId('平政办发〔2023〕5号', 5);
    const unit = (await get(w.office, `/api/tasks/${task5}`)).json().units[0];
    expect(
      (await send(w.office, 'POST', `/api/tasks/${task5}/actions`, { kind: 'reminder', unitId: unit.id, text: '请于8日前报送8月进展' }))
        .statusCode,
    ).toBe(201);
    const noDay = await send(w.office, 'POST', `/api/tasks/${task5}/actions`, { kind: 'notice', text: '督办' });
    expect(noDay.json()).toMatchObject({ code: 'NOTICE_RESPOND_BY' });
    const stranger = await send(w.office, 'POST', `/api/tasks/${task5}/actions`, { kind: 'reminder', unitId: 999999, text: '催办' });
    expect(stranger.json()).toMatchObject({ code: 'TASK_UNIT_UNKNOWN' });
    expect(
      (await send(w.office, 'POST', `/api/tasks/${task5}/actions`, { kind: 'notice', text: '限期整改', respondBy: '2023-09-15' }))
        .statusCode,
    ).toBe(201);
    const actions = (await get(w.approvals, `/api/tasks/${task5}`)).json().actions;
    expect(actions.map((a: { kind: string; unitName: string | null }) => [a.kind, a.unitName])).toEqual([
      ['notice', null],
      ['reminder', '县行政审批服务局'],
    ]);
    expect((await send(w.approvals, 'POST', `/api/tasks/${task5}/actions`, { kind: 'reminder', text: '自己催自己' })).statusCode).toBe(403);
    // The log across tasks: the unit sees what was sent to it or to all; another unit sees neither.
    const log = (await get(w.approvals, '/api/task-actions?kind=notice')).json();
    expect(log).toMatchObject({ total: 1, items: [{ kind: 'notice', seq: 5, text: '限期整改', respondBy: '2023-09-15' }] });
    expect((await get(w.office, '/api/task-actions')).json().total).toBe(2);
    expect((await get(w.finance, '/api/task-actions')).json().total).toBe(0);
    const task1 = await taskId('平政办发〔2023〕5号', 1);
    const lead = (await get(w.office, `/api/tasks/${task1}`)).json().units[0];
    await send(w.office, 'POST', `/api/tasks/${task1}/actions`, { kind: 'reminder', unitId: lead.id, text: '请牵头汇总' });
    // 县商务事业发展中心 co-operates on task 1: it does not read what the lead unit was told.
    expect((await get(w.commerce, '/api/task-actions')).json().total).toBe(0);
  });

  it('confirms 办结 once, refuses it twice, and a unit cannot do it', async () => {
    const task18 = await taskId('平政办发〔2023〕5号', 18);
    expect((await send(w.yushan, 'POST', `/api/tasks/${task18}/completion`, { completedOn: '2023-09-01' })).statusCode).toBe(403);
    expect((await send(w.office, 'POST', `/api/tasks/${task18}/completion`, { completedOn: '2023-09-06' })).json()).toMatchObject({
      code: 'TASK_DONE_FUTURE',
    });
    const done = await send(w.office, 'POST', `/api/tasks/${task18}/completion`, { completedOn: '2023-09-01' });
    expect(done.json()).toMatchObject({ status: 'done', completedOn: '2023-09-01' });
    expect((await send(w.office, 'POST', `/api/tasks/${task18}/completion`, { completedOn: '2023-09-02' })).json()).toMatchObject({
      code: 'TASK_ALREADY_DONE',
    });
    expect((await send(w.yushan, 'PUT', `/api/tasks/${task18}/reports`, { month: '2023-08', text: '已完成' })).json()).toMatchObject({
      code: 'TASK_DONE',
    });
  });

  it('edits a task with the change in the audit log', async () => {
    const task5 = await taskId('平政办发〔2023〕5号', 5);
    const edited = await send(w.office, 'PATCH', `/api/tasks/${task5}`, { deadline: '2023-11-30', deadlineText: '2023年11月底前' });
    expect(edited.json()).toMatchObject({ deadline: '2023-11-30', deadlineText: '2023年11月底前' });
    expect((await send(w.approvals, 'PATCH', `/api/tasks/${task5}`, { deadline: '2024-11-30' })).statusCode).toBe(403);
    const lines = await t.db.selectFrom('audit_log').select('detail').where('action', '=', 'task_update').execute();
    expect(JSON.stringify(lines.at(-1)?.detail)).toContain('2023-11-30');
  });

  it('creates a list by hand with its units checked, in one transaction', async () => {
    const finance = await orgUnitByName(t.db, '县财政局');
    const yushan = await regionByName(t.db, '榆山街道');
    const bad = await send(w.office, 'POST', '/api/task-lists', {
      title: '县政府常务会议议定事项',
      tasks: [
        { task: '制定财政资金数币拨付办法', units: [{ orgUnitId: finance.id }] },
        { task: '不存在的单位', units: [{ orgUnitId: 999999 }] },
      ],
    });
    expect(bad.json()).toMatchObject({ code: 'TASK_UNIT_UNKNOWN' });
    expect((await counts()).lists).toBe(3);
    const made = await send(w.office, 'POST', '/api/task-lists', {
      title: '县政府常务会议议定事项',
      tasks: [{ task: '制定财政资金数币拨付办法', deadline: '2023-10-31', units: [{ orgUnitId: finance.id }, { regionId: yushan.id }] }],
    });
    expect(made.statusCode).toBe(201);
    // Sent again under its Idempotency-Key: the same list, not a second one; another body under it is refused.
    const keyed = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/task-lists',
        headers: { cookie: w.office, 'idempotency-key': 'meeting-2023-09-05' },
        payload,
      });
    const once = { title: '县长办公会议定事项', tasks: [{ task: '协调数币试点场景', units: [{ orgUnitId: finance.id }] }] };
    const first = await keyed(once);
    expect((await keyed(once)).json()).toEqual(first.json());
    expect((await keyed({ ...once, title: '另一份' })).json()).toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    expect((await counts()).lists).toBe(5);
    const mine = (await get(w.finance, `/api/tasks?listId=${made.json().id}`)).json().items;
    expect(mine).toMatchObject([{ task: '制定财政资金数币拨付办法', lead: ['县财政局'], co: ['榆山街道'], status: 'not_started' }]);
    expect(
      (await send(w.finance, 'POST', '/api/task-lists', { title: 'x', tasks: [{ task: 'y', units: [{ orgUnitId: finance.id }] }] }))
        .statusCode,
    ).toBe(403);
  });
});

describe('tasks spawned by a major decision (重大决策预公开)', () => {
  it('keeps the decision on the list, finds the lists by it, and refuses a decision that does not exist', async () => {
    const finance = await orgUnitByName(t.db, '县财政局');
    const decision = await t.db
      .insertInto('disclosure_decisions')
      .values({
        year: 2023,
        seq: 1,
        title: '平阴县城区停车设施建设规划',
        organ: '县住房城乡建设局',
        draft: '草案',
        explanation: '说明',
        background: '背景',
        state: 'decided',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const body = (decisionId: number) => ({
      title: '平阴县城区停车设施建设规划 落实任务',
      decisionId,
      tasks: [{ task: '安排停车设施建设资金', deadline: '2023-12-31', units: [{ orgUnitId: finance.id }] }],
    });
    const before = (await counts()).lists;
    expect((await send(w.office, 'POST', '/api/task-lists', body(999999))).json()).toMatchObject({ code: 'TASK_DECISION_UNKNOWN' });
    expect((await counts()).lists).toBe(before);
    const made = await send(w.office, 'POST', '/api/task-lists', body(decision.id));
    expect(made.statusCode, made.body).toBe(201);
    const spawned = (await get(w.office, `/api/task-lists?decisionId=${decision.id}`)).json().items;
    expect(spawned).toEqual([expect.objectContaining({ id: made.json().id, decisionId: decision.id, tasks: 1 })]);
    expect((await get(w.office, '/api/task-lists')).json().items.length).toBeGreaterThan(1);
  });
});

describe('assessment and export', () => {
  it('scores each unit by timeliness and completion, and records a closed period', async () => {
    const list = await listId('平政办发〔2023〕5号');
    const table = (await get(w.office, `/api/task-assessment?listId=${list}&until=2023-09-30`)).json();
    const approvals = table.rows.find((r: { unitName: string }) => r.unitName === '县行政审批服务局');
    // August due on four tasks (5, 17, 18, 19), filed on task 5 only; none of them due by September.
    expect(approvals).toMatchObject({ tasks: 4, reportsDue: 4, onTime: 1, timeliness: 25, completion: 100 });
    expect(approvals.score).toBe(70);
    expect((await send(w.office, 'POST', '/api/task-assessment', { listId: list, period: '2023-12' })).json()).toMatchObject({
      code: 'ASSESSMENT_PERIOD_OPEN',
    });
    const recorded = await send(w.office, 'POST', '/api/task-assessment', { listId: list, period: '2023-08' });
    expect(recorded.statusCode).toBe(201);
    expect((await get(w.office, `/api/task-assessment?listId=${list}`)).json().recorded).toMatchObject([{ period: '2023-08' }]);
    expect((await get(w.leader, `/api/task-assessment?listId=${list}`)).statusCode).toBe(403);
  });

  it('exports a list in the table layout with merged headings, status and progress', async () => {
    const res = await get(w.office, `/api/task-lists/${await listId('平政办发〔2023〕5号')}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '序号',
      '工作任务',
      '工作任务',
      '具体要求',
      '责任单位',
      '完成时限',
      '状态',
      '最新进展',
    ]);
    // Tasks 18 and 19 share their 工作任务 heading: one merged cell, as in the source.
    expect(sheet.getCell('C6').isMerged && sheet.getCell('C7').master.address).toBe('C6');
    expect(sheet.getCell('G4').value).toBe('正常推进');
    expect(sheet.getCell('H4').value).toBe('已发布政策包解读4篇');
  });
});
