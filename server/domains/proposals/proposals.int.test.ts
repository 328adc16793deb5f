import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildStaff, orgUnitByName, seedCasework } from '../../test/factories.js';
import { importGazette } from '../gazette/index.js';

/** A one-document gazette: the letter the unit replies with (not titled as a reply, so the import leaves the proposal to the unit), so the library holds it. */
const REPLY_GAZETTE = [
  '县城市管理局关于智慧社区建设建议办理情况的函',
  '平政办字〔2026〕9号',
  '委员：白咸勇',
  '您提出的关于《关于加快智慧社区建设的建议》的提案收悉。现答复如下。',
  '县城市管理局',
  '2026年5月20日',
].join('\n');

/**
 * A proposal through the API on a real database, from registration to the proposer's feedback:
 * filing review, 会办 assignment, a co-unit's opinion, a return within 10 days and not after,
 * an extension within 6 months, the reply, 附件6 and 附件5 (不满意 → a new round), statistics;
 * each unit reading only what is assigned to it and each wrong step refused with its code.
 */
const clock = manualClock('2026-03-02T02:00:00Z');
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;

async function world() {
  await seedCasework(t.db);
  const cookie = async (username: string) => (await loginAs(t.app, username)).cookie;
  const unit = async (name: string) => (await orgUnitByName(t.db, name)).id;
  return {
    admin: await cookie(await buildStaff(t.db, 'county_admin', '平阴县')),
    adminName: (
      await t.db.selectFrom('users').select('username').where('role', '=', 'county_admin').orderBy('id', 'desc').executeTakeFirstOrThrow()
    ).username,
    leader: await cookie(await buildStaff(t.db, 'leader', '平阴县')),
    cityManagement: await cookie(await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县城市管理局' })),
    civilAffairs: await cookie(await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县民政局' })),
    finance: await cookie(await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县财政局' })),
    units: { cityManagement: await unit('县城市管理局'), civilAffairs: await unit('县民政局'), finance: await unit('县财政局') },
  };
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  w = await world();
}, 60_000);
afterAll(async () => t?.close());

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });
const post = (cookie: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const act = async (cookie: string, id: number, action: string, payload: object, status = 200) => {
  const res = await post(cookie, `/api/proposals/${id}/${action}`, payload);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

let sessionId: number;
const register = async (number: string, proposers = ['白咸勇', '徐坤', '常伟青']) => {
  const res = await post(w.admin, '/api/proposals', {
    sessionId,
    kind: 'proposal',
    number,
    title: '关于加快智慧社区建设的建议',
    content: '建议加快智慧社区建设。',
    category: '城乡建设',
    proposers,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; state: string; proposers: string[] };
};

describe('registration and filing review', () => {
  it('registers a session and a proposal with three proposers, found by its number', async () => {
    const session = await post(w.admin, '/api/proposal-sessions', {
      body: 'cppcc',
      term: 11,
      sessionNumber: 3,
      opensOn: '2026-01-10',
      closesOn: '2026-01-13',
    });
    expect(session.statusCode, session.body).toBe(201);
    // The gazette's session (十一届二次, proposal 1102097) is there already, imported with the seed.
    const created = session.json().items.find((s: { name: string }) => s.name === '县政协十一届三次会议');
    expect(created).toMatchObject({ proposals: 0 });
    sessionId = created.id;
    expect((await post(w.admin, '/api/proposal-sessions', { body: 'cppcc', term: 11, sessionNumber: 3 })).json().code).toBe(
      'SESSION_EXISTS',
    );

    const p = await register('1103097');
    expect(p).toMatchObject({ state: 'pending_review', proposers: ['白咸勇', '徐坤', '常伟青'], replyDocumentNumber: null });
    const found = (await get(w.leader, '/api/proposals?number=1103097')).json();
    expect(found).toMatchObject({
      total: 1,
      items: [{ number: '1103097', proposers: ['白咸勇', '徐坤', '常伟青'], replyDocumentNumber: null }],
    });
  });

  it('refuses a number already used in the session, a number that is not one, and a missing proposer, writing nothing', async () => {
    const taken = await post(w.admin, '/api/proposals', {
      sessionId,
      kind: 'proposal',
      number: '1103097',
      title: '重复',
      proposers: ['张三'],
    });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'PROPOSAL_NUMBER_TAKEN']);
    const bad = await post(w.admin, '/api/proposals', { sessionId, kind: 'proposal', number: '第5号', title: '错误', proposers: [] });
    expect(bad.statusCode).toBe(400);
    expect((await get(w.admin, `/api/proposals?sessionId=${sessionId}`)).json().total).toBe(1);
  });

  it('asks a reason for 不予立案, and refuses a second review', async () => {
    const rejected = await register('1103100', ['张三']);
    expect((await post(w.admin, `/api/proposals/${rejected.id}/review`, { decision: 'reject' })).statusCode).toBe(400);
    const done = await act(w.admin, rejected.id, 'review', { decision: 'reject', reason: '属于个人诉求，建议通过信访渠道反映' });
    expect(done).toMatchObject({ state: 'not_filed', reviewReason: '属于个人诉求，建议通过信访渠道反映', actions: [] });
    const again = await act(w.admin, rejected.id, 'review', { decision: 'file' }, 409);
    expect(again.code).toBe('PROPOSAL_STATE');
  });
});

describe('handling', () => {
  let id: number;
  beforeAll(async () => {
    id = (await get(w.admin, '/api/proposals?number=1103097')).json().items[0].id;
    await act(w.admin, id, 'review', { decision: 'file' });
  });

  it('assigns by mode: 会办 takes one lead and co-units, and shows each deadline with how it was counted', async () => {
    const wrong = await act(
      w.admin,
      id,
      'assign',
      { mode: 'single', leadUnitIds: [w.units.cityManagement, w.units.finance], assignedOn: '2026-03-02' },
      400,
    );
    expect(wrong.code).toBe('MODE_UNITS');
    const future = await act(
      w.admin,
      id,
      'assign',
      { mode: 'single', leadUnitIds: [w.units.cityManagement], assignedOn: '2026-03-03' },
      400,
    );
    expect(future.code).toBe('DAY_IN_FUTURE');
    const assigned = await act(w.admin, id, 'assign', {
      mode: 'joint',
      leadUnitIds: [w.units.cityManagement],
      coUnitIds: [w.units.civilAffairs, w.units.finance],
      assignedOn: '2026-03-02',
    });
    expect(assigned).toMatchObject({ state: 'handling', mode: 'joint', actions: ['extend'] });
    const lead = assigned.assignments.find((a: { role: string }) => a.role === 'lead');
    expect(lead.replyDeadline).toEqual({
      kind: 'reply',
      from: '2026-03-02',
      amount: 3,
      unit: 'months',
      due: '2026-06-02',
      extensionReason: null,
    });
    expect(lead.returnDeadline.due).toBe('2026-03-12');
    expect(lead.latestReplyDay).toBe('2026-09-02');
    const co = assigned.assignments.find((a: { unitId: number }) => a.unitId === w.units.civilAffairs);
    expect(co.opinionDeadline).toMatchObject({ due: '2026-04-02', amount: 1, unit: 'months' });
  });

  it('shows a unit only its own proposals, with its own actions', async () => {
    const mine = (await get(w.cityManagement, `/api/proposals/${id}`)).json();
    expect(mine.actions).toEqual(['return', 'reply', 'evaluate']);
    expect((await get(w.civilAffairs, `/api/proposals/${id}`)).json().actions).toEqual(['return', 'opinion']);
    const rejected = (await get(w.admin, '/api/proposals?number=1103100')).json().items[0].id;
    expect((await get(w.cityManagement, `/api/proposals/${rejected}`)).statusCode).toBe(404);
    expect((await get(w.cityManagement, '/api/proposals')).json().items.map((p: { number: string }) => p.number)).toEqual(['1103097']);
    expect(
      (
        await post(w.cityManagement, `/api/proposals/${rejected}/reply`, {
          repliedOn: '2026-03-02',
          documentNumber: '平城管字〔2026〕1号',
          content: '答复',
        })
      ).statusCode,
    ).toBe(404);
    // The office does not reply for a unit.
    expect(
      (
        await post(w.admin, `/api/proposals/${id}/reply`, {
          repliedOn: '2026-03-02',
          documentNumber: '平城管字〔2026〕1号',
          content: '答复',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('takes a co-unit’s opinion, and refuses one from the lead', async () => {
    const sent = await act(w.civilAffairs, id, 'opinion', { opinion: '建议将养老服务纳入智慧社区平台。', opinionOn: '2026-03-02' });
    expect(sent.assignments.find((a: { unitId: number }) => a.unitId === w.units.civilAffairs)).toMatchObject({
      status: 'opinion_sent',
      opinion: '建议将养老服务纳入智慧社区平台。',
      opinionOnTime: true,
    });
    expect((await act(w.cityManagement, id, 'opinion', { opinion: '不是会办单位', opinionOn: '2026-03-02' }, 409)).code).toBe(
      'PROPOSAL_NOT_YOURS',
    );
  });

  it('lets a unit return a misassigned proposal within 10 days and not after', async () => {
    clock.set('2026-03-12T02:00:00Z');
    const returned = await act(w.finance, id, 'return', { reason: '不属于本单位职责', returnedOn: '2026-03-12' });
    expect(returned.state).toBe('handling');
    expect(returned.units.map((u: { unitId: number }) => u.unitId)).not.toContain(w.units.finance);
    expect(returned.assignments.find((a: { unitId: number }) => a.unitId === w.units.finance)).toMatchObject({
      status: 'returned',
      returnReason: '不属于本单位职责',
    });
    expect(returned.actions).toEqual([]);
    clock.set('2026-03-13T02:00:00Z');
    const late = await act(w.cityManagement, id, 'return', { reason: '晚了', returnedOn: '2026-03-13' }, 409);
    expect(late.code).toBe('RETURN_WINDOW_PASSED');
  });

  it('sends the proposal back to the office when its only lead returns it, to be assigned again', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const other = await register('1102101', ['李四']);
    await act(w.admin, other.id, 'review', { decision: 'file' });
    await act(w.admin, other.id, 'assign', { mode: 'single', leadUnitIds: [w.units.finance], assignedOn: '2026-03-02' });
    const back = await act(w.finance, other.id, 'return', { reason: '应由县城市管理局办理', returnedOn: '2026-03-02' });
    expect(back).toMatchObject({ state: 'to_assign', units: [] });
    expect(back.assignments[0]).toMatchObject({ status: 'returned', returnReason: '应由县城市管理局办理' });
    const again = await act(w.admin, other.id, 'assign', {
      mode: 'single',
      leadUnitIds: [w.units.cityManagement],
      assignedOn: '2026-03-02',
    });
    expect(again.state).toBe('handling');
  });

  it('extends a reply deadline to at most 6 months, with the reason shown', async () => {
    clock.set('2026-05-20T02:00:00Z');
    const tooLong = await act(w.admin, id, 'extension', { unitId: w.units.cityManagement, until: '2026-09-03', reason: '需实地调研' }, 400);
    expect(tooLong.code).toBe('EXTENSION_TOO_LONG');
    const extended = await act(w.admin, id, 'extension', { unitId: w.units.cityManagement, until: '2026-07-31', reason: '需实地调研' });
    expect(extended.replyDeadline).toMatchObject({ due: '2026-07-31', from: '2026-03-02', amount: 3, extensionReason: '需实地调研' });
  });

  it('takes the reply as a numbered document, and refuses a number not written as GB/T 9704 has it', async () => {
    const bad = await post(w.cityManagement, `/api/proposals/${id}/reply`, {
      repliedOn: '2026-05-20',
      documentNumber: '平政办字[2023]9号',
      content: '答复',
    });
    expect(bad.statusCode).toBe(400);
    // The reply letter is in the library (imported with its gazette): the reply links to it.
    await importGazette(t.db, REPLY_GAZETTE, { source: 'test', actor: null });
    const replied = await act(w.cityManagement, id, 'reply', {
      repliedOn: '2026-05-20',
      documentNumber: '平政办字〔2026〕9号',
      content: '您提出的关于《关于加快智慧社区建设的建议》的提案收悉。现答复如下……',
      contactName: '王明',
      contactPhone: '13912345678',
    });
    expect(replied).toMatchObject({ state: 'replied', replyDocumentNumber: '平政办字〔2026〕9号' });
    const reply = replied.assignments.find((a: { role: string }) => a.role === 'lead').reply;
    expect(reply).toMatchObject({ onTime: true, contactPhone: '139****5678', feedback: null });
    const library = await t.db.selectFrom('documents').select('id').where('number', '=', '平政办字〔2026〕9号').executeTakeFirstOrThrow();
    expect(reply.documentId).toBe(library.id);
    expect((await get(w.leader, '/api/proposals?number=1103097')).json().items[0].replyDocumentNumber).toBe('平政办字〔2026〕9号');
  });

  it('takes 附件6 from the lead unit: a score above its criterion is refused, the total is the sum, once only', async () => {
    const over = await act(
      w.cityManagement,
      id,
      'evaluation',
      { scores: { topic: 21, facts: 30, feasibility: 30, format: 20 }, recommended: true },
      400,
    );
    expect(over).toMatchObject({ code: 'SCORE_OUT_OF_RANGE', details: { criteria: [{ code: 'topic', max: 20 }] } });
    const done = await act(w.cityManagement, id, 'evaluation', {
      scores: { topic: 18, facts: 25, feasibility: 27, format: 20 },
      recommended: true,
      suggestions: '建议补充数据分析',
    });
    expect(done.evaluations).toEqual([expect.objectContaining({ unitName: '县城市管理局', total: 90, recommended: true })]);
    const twice = await act(
      w.cityManagement,
      id,
      'evaluation',
      { scores: { topic: 1, facts: 1, feasibility: 1, format: 1 }, recommended: false },
      409,
    );
    expect(twice.code).toBe('EVALUATION_EXISTS');
  });

  it('records 附件5; 不满意 sends the proposal back for a new round, and a satisfied form closes it', async () => {
    const form = {
      unitId: w.units.cityManagement,
      consultation: 'in_person',
      pertinence: 'average',
      adoption: 'B',
      signer: '白咸勇',
      signerPhone: '13812345678',
    };
    const notProposer = await act(w.admin, id, 'feedback', { ...form, satisfaction: 'satisfied', signer: '路人甲' }, 400);
    expect(notProposer.code).toBe('SIGNER_NOT_PROPOSER');
    const unsatisfied = await act(w.admin, id, 'feedback', { ...form, satisfaction: 'unsatisfied' });
    expect(unsatisfied.state).toBe('handling');
    const round2 = unsatisfied.assignments.at(-1);
    expect(round2).toMatchObject({
      round: 2,
      status: 'handling',
      replyDeadline: { kind: 'rehandling', from: '2026-05-20', due: '2026-06-20' },
    });
    expect(
      unsatisfied.assignments.find((a: { round: number; role: string }) => a.round === 1 && a.role === 'lead').reply.feedback,
    ).toMatchObject({
      satisfaction: 'unsatisfied',
      signerPhone: '138****5678',
    });
    // A re-handling round is the unit's own: not a misassignment to return.
    expect((await get(w.cityManagement, `/api/proposals/${id}`)).json().actions).toEqual(['reply']);
    await act(w.cityManagement, id, 'reply', { repliedOn: '2026-05-20', documentNumber: '平政办字〔2026〕15号', content: '再次答复' });
    const closed = await act(w.admin, id, 'feedback', { ...form, satisfaction: 'basically_satisfied', adoption: 'A' });
    expect(closed).toMatchObject({ state: 'closed', replyDocumentNumber: '平政办字〔2026〕15号', actions: [] });
    expect((await act(w.admin, id, 'feedback', { ...form, satisfaction: 'satisfied' }, 409)).code).toBe('PROPOSAL_STATE');
  });

  it('counts reply, on-time and satisfaction rates, by category, unit and session; a unit only its own', async () => {
    const stats = (await get(w.leader, `/api/proposals/statistics?sessionId=${sessionId}`)).json();
    expect(stats.total).toMatchObject({
      proposals: 3,
      assigned: 2,
      replied: 1,
      replyRate: 0.5,
      timedReplies: 2,
      onTime: 2,
      feedback: 2,
      satisfied: 1,
      satisfactionRate: 0.5,
    });
    expect(stats.byCategory).toEqual([{ category: '城乡建设', proposals: 3 }]);
    expect(stats.byUnit).toEqual([expect.objectContaining({ unitName: '县城市管理局', assigned: 2, replied: 1 })]);
    expect(stats.bySession).toEqual(
      expect.arrayContaining([expect.objectContaining({ sessionName: '县政协十一届三次会议', proposals: 3 })]),
    );
    const own = (await get(w.civilAffairs, '/api/proposals/statistics')).json();
    expect(own.total.proposals).toBe(1);
    expect(own.byUnit).toEqual([]);
  });

  it('wrote every change to the audit log', async () => {
    for (const action of [
      'proposal_registered',
      'proposal_reviewed',
      'proposal_assigned',
      'proposal_extended',
      'proposal_feedback_recorded',
    ])
      expect((await auditLinesOf(t.db, w.adminName, action)).length, action).toBeGreaterThan(0);
    const feedback = await auditLinesOf(t.db, w.adminName, 'proposal_feedback_recorded');
    expect(JSON.stringify(feedback)).not.toContain('13812345678');
  });
});

describe('分办, and a co-unit’s opinion after its month', () => {
  it('gives each lead of a 分办 its own reply, and the proposal is replied once every lead has', async () => {
    clock.set('2026-06-01T02:00:00Z');
    const p = await register('1103120', ['李四']);
    await act(w.admin, p.id, 'review', { decision: 'file' });
    const withCo = await act(
      w.admin,
      p.id,
      'assign',
      {
        mode: 'split',
        leadUnitIds: [w.units.cityManagement, w.units.finance],
        coUnitIds: [w.units.civilAffairs],
        assignedOn: '2026-06-01',
      },
      400,
    );
    expect(withCo.code).toBe('MODE_UNITS');
    const split = await act(w.admin, p.id, 'assign', {
      mode: 'split',
      leadUnitIds: [w.units.cityManagement, w.units.finance],
      assignedOn: '2026-06-01',
    });
    expect(split).toMatchObject({ state: 'handling', mode: 'split' });
    expect(split.assignments.map((a: { role: string; replyDeadline: { due: string } }) => [a.role, a.replyDeadline.due])).toEqual([
      ['lead', '2026-09-01'],
      ['lead', '2026-09-01'],
    ]);
    const reply = (documentNumber: string) => ({ repliedOn: '2026-06-01', documentNumber, content: '关于分办部分的答复……' });
    const first = await act(w.cityManagement, p.id, 'reply', reply('平城管字〔2026〕12号'));
    expect(first.state).toBe('handling');
    // One lead's reply is its own: the other lead still owes one.
    expect((await get(w.finance, `/api/proposals/${p.id}`)).json().actions).toContain('reply');
    const second = await act(w.finance, p.id, 'reply', reply('平财字〔2026〕30号'));
    expect(second.state).toBe('replied');
  });

  it('marks an opinion sent after the co-unit’s month as late', async () => {
    clock.set('2026-06-01T02:00:00Z');
    const p = await register('1103121', ['李四']);
    await act(w.admin, p.id, 'review', { decision: 'file' });
    await act(w.admin, p.id, 'assign', {
      mode: 'joint',
      leadUnitIds: [w.units.cityManagement],
      coUnitIds: [w.units.civilAffairs],
      assignedOn: '2026-06-01',
    });
    clock.set('2026-07-06T02:00:00Z');
    const sent = await act(w.civilAffairs, p.id, 'opinion', { opinion: '同意牵头单位的办理意见。', opinionOn: '2026-07-06' });
    const co = sent.assignments.find((a: { role: string }) => a.role === 'co');
    expect(co).toMatchObject({ opinionOnTime: false, opinionDeadline: expect.objectContaining({ due: '2026-07-01' }) });
  });
});
