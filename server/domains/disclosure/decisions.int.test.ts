import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildResident, buildUser, regionByName, seedTestRegions } from '../../test/factories.js';
import { divisionOfLabour, opennessPoints } from '../documents/documents.fixtures.js';
import { importGazetteDocuments } from '../documents/index.js';

/**
 * 重大决策预公开 through the API: the catalogue, a draft put out for 30 days (or fewer with a
 * reason), comments from signed-in residents moderated before they are public, each answered,
 * and the decision published with its adoption report.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let office: string;
let resident: string;
const clock = manualClock('2024-03-01T02:00:00Z');
const at = (day: string) => clock.set(new Date(`${day}T10:00:00+08:00`));

beforeAll(async () => {
  t = await buildTestApp({ clock });
  await seedTestRegions(t.db);
  office = (await loginAs(t.app, await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id))).cookie;
  const house = await buildHouse(t.db, '锦源社区');
  const person = await buildResident(t.db, house, { name: '王建国' });
  const username = await buildUser(t.db, 'resident', house.community_id, { residentId: person.id });
  await t.db.updateTable('users').set({ display_name: '王建国' }).where('username', '=', username).execute();
  resident = (await loginAs(t.app, username)).cookie;
});
afterAll(async () => t?.close());

beforeAll(async () => {
  // 平政办发〔2023〕5号 is public and published on import; 4号 waits for a person to decide its attribute.
  await t.db.transaction().execute((trx) => importGazetteDocuments(trx, [opennessPoints(), divisionOfLabour()], { source: 'seed.txt' }));
});

const officeAct = (id: number, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/disclosure/decisions/${id}/actions`, headers: { cookie: office }, payload });
const comment = (id: number, content: string, cookie?: string) =>
  t.app.inject({ method: 'POST', url: `/api/open/decisions/${id}/comments`, headers: cookie ? { cookie } : {}, payload: { content } });
const publicPage = (id: number) => t.app.inject({ url: `/api/open/decisions/${id}` });

const DECISION = {
  year: 2024,
  title: '平阴县城区停车收费管理办法',
  organ: '县发展改革局',
  draft: '第一条 为规范城区停车收费……',
  explanation: '起草说明：依据《山东省定价目录》……',
  background: '城区停车位供需矛盾突出……',
};

describe('a major decision from the catalogue to its adoption report', () => {
  let id: number;

  it('enters the catalogue, numbered in its year; the draft is not public before it is put out', async () => {
    at('2024-03-01');
    const res = await t.app.inject({ method: 'POST', url: '/api/disclosure/decisions', headers: { cookie: office }, payload: DECISION });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ seq: 1, state: 'planned', actions: ['open_consultation'] });
    const catalogue = (await t.app.inject({ url: '/api/open/decisions?year=2024' })).json();
    expect(catalogue.items).toEqual([expect.objectContaining({ seq: 1, title: DECISION.title, state: 'planned' })]);
    expect((await publicPage(id)).statusCode).toBe(404);
  });

  it('asks 30 days for comments unless a reason for fewer is recorded', async () => {
    const short = await officeAct(id, { action: 'open_consultation', opensOn: '2024-03-04', closesOn: '2024-03-20' });
    expect(short.json()).toMatchObject({ code: 'PERIOD_TOO_SHORT', details: { days: 17 } });
    const res = await officeAct(id, {
      action: 'open_consultation',
      opensOn: '2024-03-04',
      closesOn: '2024-03-20',
      shortPeriodReason: '国家政策调整，需于 4 月 1 日前出台',
    });
    expect(res.json()).toMatchObject({ state: 'consulting', shortPeriodReason: '国家政策调整，需于 4 月 1 日前出台' });
  });

  it('takes comments from signed-in people only, within the period, and publishes them after moderation', async () => {
    expect((await comment(id, '建议夜间免费停车')).statusCode).toBe(401);
    expect((await comment(id, '建议夜间免费停车', resident)).json().code).toBe('COMMENTS_CLOSED'); // before 03-04
    at('2024-03-05');
    const first = await comment(id, '建议夜间免费停车', resident);
    expect(first.statusCode, first.body).toBe(201);
    const second = await comment(id, '收费标准应分区域制定', resident);
    const spam = await comment(id, '广告广告广告广告', resident);
    const again = await comment(id, '建议夜间免费停车', resident);
    expect([again.statusCode, again.json().code]).toEqual([409, 'DUPLICATE_COMMENT']);
    expect((await publicPage(id)).json().comments).toEqual([]);
    await officeAct(id, { action: 'moderate', commentId: first.json().id, verdict: 'approved' });
    await officeAct(id, { action: 'moderate', commentId: second.json().id, verdict: 'approved' });
    expect((await officeAct(id, { action: 'moderate', commentId: spam.json().id, verdict: 'rejected' })).json().code).toBe('NOTE_REQUIRED');
    await officeAct(id, { action: 'moderate', commentId: spam.json().id, verdict: 'rejected', note: '与决策无关的广告' });
    const shown = (await publicPage(id)).json();
    expect(shown.comments.map((c: { author: string; content: string }) => [c.author, c.content])).toEqual([
      ['王**', '建议夜间免费停车'],
      ['王**', '收费标准应分区域制定'],
    ]);
    expect(JSON.stringify(shown)).not.toContain('广告');
  });

  it('closes the period only when it has run out, then each comment is answered and the decision published', async () => {
    expect((await officeAct(id, { action: 'close_consultation' })).json().code).toBe('PERIOD_RUNNING');
    at('2024-03-21');
    expect((await comment(id, '截止后的意见', resident)).json().code).toBe('COMMENTS_CLOSED');
    expect((await officeAct(id, { action: 'close_consultation' })).json().state).toBe('closed');
    const [first, second] = (await t.app.inject({ url: `/api/disclosure/decisions/${id}`, headers: { cookie: office } }))
      .json()
      .comments.filter((c: { moderation: string }) => c.moderation === 'approved');
    expect((await officeAct(id, { action: 'decide', result: '……' })).json()).toMatchObject({ code: 'ADOPTION_MISSING' });
    expect((await officeAct(id, { action: 'mark_adoption', commentId: second.id, adoption: 'not_adopted' })).json().code).toBe(
      'REASON_REQUIRED',
    );
    await officeAct(id, { action: 'mark_adoption', commentId: first.id, adoption: 'adopted' });
    await officeAct(id, { action: 'mark_adoption', commentId: second.id, adoption: 'partly', reason: '老城区先行试点分区' });
    const result = '经县政府常务会议审议通过，自 2024 年 5 月 1 日起施行。';
    const unknown = await officeAct(id, { action: 'decide', result, documentNumber: '平政发〔2024〕3号' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'DOCUMENT_NOT_IN_LIBRARY']);
    expect((await publicPage(id)).json()).toMatchObject({ state: 'closed', document: null });
    const decided = await officeAct(id, { action: 'decide', result, documentNumber: '平政办发〔2023〕5号' });
    expect(decided.json()).toMatchObject({ state: 'decided', decidedOn: '2024-03-21' });
    const page = (await publicPage(id)).json();
    const documentId = (
      await t.db.selectFrom('documents').select('id').where('number', '=', '平政办发〔2023〕5号').executeTakeFirstOrThrow()
    ).id;
    expect(page.document).toEqual({ number: '平政办发〔2023〕5号', id: documentId });
    expect(page.adoptionReport).toBe(
      [
        '征求意见期间共收到公众意见 3 条，经审核公开 2 条；其中采纳 1 条，部分采纳 1 条，未采纳 0 条。',
        '1．王**：建议夜间免费停车——采纳。',
        '2．王**：收费标准应分区域制定——部分采纳（老城区先行试点分区）。',
      ].join('\n'),
    );
    expect(page.comments[1]).toMatchObject({ adoption: 'partly', adoptionReason: '老城区先行试点分区' });
    expect((await officeAct(id, { action: 'open_consultation', opensOn: '2024-04-01', closesOn: '2024-05-01' })).json().code).toBe(
      'WRONG_STATE',
    );
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'disclosure_decision').execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        'decision_create',
        'decision_open_consultation',
        'decision_comment',
        'decision_moderate',
        'decision_close_consultation',
        'decision_mark_adoption',
        'decision_decide',
      ]),
    );
  });
});

describe('the decision document and the commenters of a decision', () => {
  let id: number;
  beforeAll(async () => {
    at('2024-06-03');
    id = (
      await t.app.inject({
        method: 'POST',
        url: '/api/disclosure/decisions',
        headers: { cookie: office },
        payload: { ...DECISION, title: '城区公园管理办法' },
      })
    ).json().id;
    await officeAct(id, { action: 'open_consultation', opensOn: '2024-06-03', closesOn: '2024-07-02' });
  });

  it('holds one account to 10 comments an hour, then lets it comment again', async () => {
    const replies = [];
    for (let i = 1; i <= 11; i++) replies.push(await comment(id, `第 ${i} 条关于公园开放时间的意见`, resident));
    expect(replies.slice(0, 10).map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect([replies[10].statusCode, replies[10].json().code]).toEqual([429, 'RATE_LIMITED']);
    expect(replies[10].json().details.retryAfterSeconds).toBeGreaterThan(0);
    const held = await t.db.selectFrom('disclosure_decision_comments').select('id').where('decision_id', '=', id).execute();
    expect(held).toHaveLength(10);
    clock.set(new Date(clock.now().getTime() + 61 * 60_000));
    expect((await comment(id, '一小时后的意见：建议增设无障碍通道', resident)).statusCode).toBe(201);
  });

  it('links the public page to the decision document only while the public column shows it', async () => {
    at('2024-07-03');
    await officeAct(id, { action: 'close_consultation' });
    const detail = (await t.app.inject({ url: `/api/disclosure/decisions/${id}`, headers: { cookie: office } })).json();
    for (const c of detail.comments) await officeAct(id, { action: 'moderate', commentId: c.id, verdict: 'rejected', note: '重复' });
    const decided = await officeAct(id, { action: 'decide', result: '暂缓出台。', documentNumber: '平政办发〔2023〕4号' });
    const unpublished = (
      await t.db.selectFrom('documents').select('id').where('number', '=', '平政办发〔2023〕4号').executeTakeFirstOrThrow()
    ).id;
    // The office opens the library's record; the public is not sent to a page it cannot read.
    expect(decided.json().document).toEqual({ number: '平政办发〔2023〕4号', id: unpublished });
    expect((await publicPage(id)).json().document).toEqual({ number: '平政办发〔2023〕4号', id: null });
  });
});
