import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { leadingZeroBits, puzzleInput } from '../../../common/proof-of-work.js';
import { manualClock } from '../../platform/clock.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildUser, regionByName, seedTestRegions } from '../../test/factories.js';
import { zipEntry } from '../../test/zip-entry.js';

/**
 * 依申请公开 through the API on a real database: the public form (its puzzle, its limits, its
 * idempotency), the applicant's status page (their own only, nothing internal), and the
 * office's course from registration to the reply letter, on the working-day calendar.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let office: string;
let leader: string;
const clock = manualClock('2024-09-27T02:00:00Z'); // Friday 2024-09-27, 10:00 in 平阴

beforeAll(async () => {
  t = await buildTestApp({ clock });
  await seedTestRegions(t.db);
  const county = (await regionByName(t.db, '平阴县')).id;
  office = (await loginAs(t.app, await buildUser(t.db, 'county_admin', county))).cookie;
  leader = (await loginAs(t.app, await buildUser(t.db, 'leader', county))).cookie;
});
afterAll(async () => t?.close());

const PERSON = {
  applicantKind: 'natural',
  name: '李明',
  idNumber: '370124198001010013',
  phone: '13912345678',
  email: 'liming@example.com',
  address: '平阴县榆山街道青龙路 1 号',
  description: '平政办发〔2023〕5号《2023年平阴县政务公开工作要点》的任务分解表及落实情况',
  format: 'electronic',
  delivery: 'email',
};

let address = 0;
/** Each submission from its own address unless one is given: the per-address limit is tested on its own. */
async function solved(ip: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/open/disclosure/challenge', remoteAddress: ip });
  expect(res.statusCode, res.body).toBe(200);
  const { token, difficulty } = res.json();
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (leadingZeroBits(createHash('sha256').update(puzzleInput(token, nonce)).digest()) >= difficulty) return { token, nonce };
  }
}
async function submit(body: object = PERSON, options: { ip?: string; key?: string; challenge?: object } = {}) {
  const ip = options.ip ?? `10.0.0.${++address}`;
  return t.app.inject({
    method: 'POST',
    url: '/api/open/disclosure/applications',
    remoteAddress: ip,
    headers: options.key ? { 'idempotency-key': options.key } : {},
    payload: { ...body, challenge: options.challenge ?? (await solved(ip)) },
  });
}
const status = (trackingCode: string, contact: string) =>
  t.app.inject({ method: 'POST', url: '/api/open/disclosure/status', remoteAddress: '10.9.9.9', payload: { trackingCode, contact } });
const act = (id: number, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/disclosure/applications/${id}/actions`, headers: { cookie: office }, payload });
const idOf = async (trackingCode: string) =>
  (await t.db.selectFrom('disclosure_applications').select('id').where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow()).id;
const at = (isoLocal: string) => clock.set(new Date(`${isoLocal}T10:00:00+08:00`));

describe('the public form', () => {
  it('takes an application with a solved puzzle and gives a receipt with a tracking code', async () => {
    at('2024-09-27');
    const res = await submit();
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ trackingCode: expect.stringMatching(/^YS2024-[2-9A-HJKMNP-Z]{8}$/), applicantName: '李明' });
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'disclosure_submit').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = await count();
    const res = await submit({ ...PERSON, idNumber: '370124198001010014' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('idNumber');
    const legal = await submit({
      ...PERSON,
      applicantKind: 'legal',
      organizationKind: 'business',
      creditCode: 'ABC',
      legalRepresentative: '王',
      contactPerson: '赵',
    });
    expect(legal.statusCode).toBe(400);
    expect(legal.body).toContain('统一社会信用代码');
    expect(await count()).toBe(before);
  });

  it('refuses an unsolved or reused puzzle, and a filled hidden field', async () => {
    const ip = '10.1.1.1';
    const challenge = await solved(ip);
    expect((await submit(PERSON, { ip, challenge: { ...challenge, nonce: 'zzzz' } })).json().code).toBe('CHALLENGE_FAILED');
    expect((await submit(PERSON, { ip, challenge })).statusCode).toBe(201);
    expect((await submit(PERSON, { ip, challenge })).json().code).toBe('CHALLENGE_FAILED');
    expect((await submit({ ...PERSON, website: 'http://spam' })).json().code).toBe('SPAM_SUSPECTED');
  });

  it('answers a retry under the same Idempotency-Key with the same receipt, and refuses another body under it', async () => {
    const first = await submit(PERSON, { key: 'apply-retry-1' });
    const again = await submit(PERSON, { key: 'apply-retry-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    expect((await submit({ ...PERSON, description: '另一份申请的内容描述' }, { key: 'apply-retry-1' })).statusCode).toBe(422);
  });

  it('limits applications per address', async () => {
    const ip = '10.2.2.2';
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await submit(PERSON, { ip })).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
  });
});

describe('an application from registration to the reply letter', () => {
  let code: string;
  let id: number;

  it('is registered, its clock counted on the calendar and explained', async () => {
    at('2024-09-27');
    code = (await submit()).json().trackingCode;
    id = await idOf(code);
    const res = await act(id, { action: 'register' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'reviewing',
      receivedOn: '2024-09-27',
      dueOn: '2024-10-30',
      phone: '139****5678',
      idNumber: '370124********0013',
    });
    expect(res.json().replyDeadline.explanation).toBe(
      '收到申请 2024-09-27 + 20 个工作日（国庆节 10月1日—7日 不计，9月29日、10月12日 调休上班）= 2024-10-30',
    );
    // 9-29 Sun (调休) 1, 9-30 2, 10-8…11 3–6, 10-12 Sat (调休) 7.
    expect(res.json().correctionDeadline.dueOn).toBe('2024-10-12');
  });

  it('refuses a step its state does not allow, and changes nothing', async () => {
    const res = await act(id, { action: 'archive' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'WRONG_STATE', message: '申请当前为“审核中”，不能“归档”' });
  });

  it('asks once for a 补正 and restarts the clock when it arrives', async () => {
    at('2024-10-09');
    const asked = await act(id, { action: 'request_correction', requested: '请写明所需信息的文号或年份', respondBy: '2024-10-25' });
    expect(asked.json()).toMatchObject({ state: 'awaiting_correction', dueOn: null, clock: 'paused' });
    at('2024-10-14');
    const back = await act(id, { action: 'receive_correction', note: '申请人来电补充文号' });
    // 10-15 1 … 11-11 20 (no holiday between).
    expect(back.json()).toMatchObject({ state: 'handling', dueOn: '2024-11-11' });
    expect(back.json().replyDeadline.explanation).toMatch(/^收到补正 2024-10-14 \+ 20 个工作日 = 2024-11-11$/);
  });

  it('stops the clock while a third party is consulted, and extends once with the approver', async () => {
    at('2024-10-21');
    await act(id, { action: 'start_consultation', kind: 'third_party', party: '某某建材有限公司' });
    at('2024-10-25');
    const ended = await act(id, { action: 'end_consultation', outcome: '第三方同意公开' });
    // 10-22 … 10-25: 4 working days not counted → 11-15.
    expect(ended.json()).toMatchObject({ state: 'handling', dueOn: '2024-11-15' });
    const ext = await act(id, {
      action: 'extend',
      days: 20,
      reason: '涉及多个单位数据需汇总',
      approver: '张主任',
      notice: '因需汇总多个单位数据，答复期限延长 20 个工作日',
    });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json().dueOn).toBe('2024-12-13');
    expect((await act(id, { action: 'extend', days: 5, reason: '再延', approver: '张主任', notice: '再延' })).json().code).toBe(
      'EXTENDED_ONCE',
    );
    expect((await act(id, { action: 'extend', days: 21, reason: 'x', approver: 'y', notice: 'z' })).statusCode).toBe(400);
  });

  it('records the fee by the rules and answers with a numbered letter', async () => {
    at('2024-11-20');
    const fee = await act(id, { action: 'set_fee', method: 'per_volume', quantity: 45 });
    expect(fee.json().fee).toMatchObject({ amountYuan: 150 });
    const incomplete = await act(id, { action: 'reply', replyType: 'not_disclosed', content: '。' });
    expect(incomplete.json()).toMatchObject({ code: 'REPLY_INCOMPLETE' });
    await act(id, { action: 'note', note: '内部：此件领导已阅' });
    const replied = await act(id, {
      action: 'reply',
      replyType: 'disclosed',
      content: '任务分解表及落实情况（电子版，已发送至您的邮箱）。',
    });
    expect(replied.json()).toMatchObject({ state: 'replied', reply: { number: '平政办依复〔2024〕1号', repliedOn: '2024-11-20' } });
  });

  it('gives the reply letter as a .docx with the answer and the remedies', async () => {
    const res = await t.app.inject({ url: `/api/disclosure/applications/${id}/reply.docx`, headers: { cookie: office } });
    expect(res.statusCode).toBe(200);
    const xml = zipEntry(res.rawPayload, 'word/document.xml')!;
    const text = xml.replace(/<[^>]+>/g, '');
    for (const part of [
      '政府信息公开申请答复书',
      '平政办依复〔2024〕1号',
      '李明：',
      '本机关于2024年9月27日收到您提出的政府信息公开申请',
      '2024年10月14日收到您补正后的申请',
      '答复期限延长20个工作日',
      '第三十六条第二项',
      '信息处理费150元',
      '六十日内向平阴县人民政府申请行政复议',
      '六个月内依法向人民法院提起行政诉讼',
      '平阴县人民政府办公室',
      '2024年11月20日',
    ])
      expect(text).toContain(part);
  });

  it('shows the applicant their own application, without internal notes, by code and contact only', async () => {
    const mine = await status(code, '139 1234 5678');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ state: 'replied', reply: { number: '平政办依复〔2024〕1号' }, fee: { amountYuan: 150 } });
    expect(mine.body).not.toContain('内部');
    expect(mine.body).not.toContain('某某建材');
    expect(mine.body).not.toContain('13912345678');
    expect((await status(code, 'LIMING@example.com')).statusCode).toBe(200);
    expect((await status(code, '13900000000')).statusCode).toBe(404);
    expect((await status('YS2024-AAAAAAAA', '13912345678')).statusCode).toBe(404);
    const letter = await t.app.inject({
      method: 'POST',
      url: '/api/open/disclosure/reply-letter',
      remoteAddress: '10.9.9.8',
      payload: { trackingCode: code, contact: '13912345678' },
    });
    expect(letter.statusCode).toBe(200);
    expect(zipEntry(letter.rawPayload, 'word/document.xml')).toContain('平政办依复〔2024〕1号');
  });

  it('archives, after which nothing more is done; every step is in the audit log', async () => {
    expect((await act(id, { action: 'archive' })).json().state).toBe('archived');
    expect((await act(id, { action: 'note', note: '再记一笔' })).statusCode).toBe(409);
    const lines = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'disclosure_application')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(lines.map((l) => l.action)).toEqual([
      'disclosure_submit',
      'disclosure_register',
      'disclosure_request_correction',
      'disclosure_receive_correction',
      'disclosure_start_consultation',
      'disclosure_end_consultation',
      'disclosure_extend',
      'disclosure_set_fee',
      'disclosure_note',
      'disclosure_reply',
      'disclosure_archive',
    ]);
  });
});

describe('the office', () => {
  it('refuses a 补正 notice after the 7th working day', async () => {
    at('2024-09-27');
    const id = await idOf((await submit()).json().trackingCode);
    await act(id, { action: 'register' });
    at('2024-10-14');
    const late = await act(id, { action: 'request_correction', requested: '补充', respondBy: '2024-10-30' });
    expect(late.json()).toMatchObject({ code: 'CORRECTION_TOO_LATE', details: { dueOn: '2024-10-12' } });
  });

  it('closes an application not corrected in time only after the period', async () => {
    at('2024-03-01');
    const id = await idOf((await submit()).json().trackingCode);
    await act(id, { action: 'register' });
    await act(id, { action: 'request_correction', requested: '补充', respondBy: '2024-03-15' });
    at('2024-03-15');
    expect((await act(id, { action: 'close_uncorrected', note: '未补正' })).json().code).toBe('CORRECTION_PERIOD_RUNNING');
    at('2024-03-18');
    expect((await act(id, { action: 'close_uncorrected', note: '未补正' })).json().state).toBe('withdrawn');
  });

  it('numbers reply letters per year and answers "not ours" straight from review', async () => {
    at('2024-12-02');
    const id = await idOf((await submit()).json().trackingCode);
    await act(id, { action: 'register' });
    const res = await act(id, { action: 'reply', replyType: 'not_ours', content: '请向该局申请。', otherAgency: '平阴县自然资源局' });
    expect(res.json().reply).toMatchObject({ number: '平政办依复〔2024〕2号', otherAgency: '平阴县自然资源局' });
  });

  it('lists applications with their clocks, and the annual table adds up', async () => {
    at('2024-12-02');
    const list = await t.app.inject({ url: '/api/disclosure/applications?pageSize=100', headers: { cookie: office } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.some((i: { clock: string }) => i.clock === 'overdue')).toBe(true);
    const table = await t.app.inject({ url: '/api/disclosure/annual-table?year=2024', headers: { cookie: office } });
    expect(table.statusCode, table.body).toBe(200);
    const row = (key: string) =>
      table
        .json()
        .rows.find((r: { key: string }) => r.key === key)
        .cells.at(-1);
    expect(row('new')).toBe(row('results.total') + row('carried_out'));
    expect(row('other.uncorrected')).toBe(1);
    expect(row('unable.not_held')).toBe(1);
  });

  it('registers an application that came by letter, its clock counted from the day it was signed for', async () => {
    at('2024-10-08');
    const letter = {
      ...PERSON,
      applicantKind: 'legal',
      name: '平阴某建材有限公司',
      organizationKind: 'business',
      creditCode: '91370124MA3C0XXX1A',
      legalRepresentative: '赵强',
      contactPerson: '钱进',
      delivery: 'mail',
      channel: 'letter',
    };
    const future = await t.app.inject({
      method: 'POST',
      url: '/api/disclosure/applications',
      headers: { cookie: office },
      payload: { ...letter, receivedOn: '2024-10-09' },
    });
    expect(future.json()).toMatchObject({ code: 'RECEIVED_IN_FUTURE' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/disclosure/applications',
      headers: { cookie: office },
      payload: { ...letter, receivedOn: '2024-09-30' },
    });
    expect(res.statusCode, res.body).toBe(201);
    // 10-1…7 off, 10-8 1 … 10-12 Sat (调休) 5, 10-14…18 6–10, 10-21…25 11–15, 10-28…11-1 16–20.
    expect(res.json()).toMatchObject({
      state: 'reviewing',
      channel: 'letter',
      receivedOn: '2024-09-30',
      dueOn: '2024-11-01',
      organizationKind: 'business',
    });
    expect(res.json().events).toEqual([expect.objectContaining({ action: 'register', note: '已登记（信函），收到申请之日为 2024-09-30' })]);
  });

  it("reveals an applicant's phone to the office with a reason, audited", async () => {
    const id = await idOf((await submit()).json().trackingCode);
    const reveal = (reason: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/disclosure/applications/${id}/reveal`,
        headers: { cookie: office },
        payload: { field: 'phone', reason },
      });
    expect((await reveal('')).statusCode).toBe(400);
    const res = await reveal('电话告知补正事项');
    expect(res.json()).toEqual({ value: '13912345678' });
    const line = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'reveal_personal_data')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(line.detail)).toContain('电话告知补正事项');
  });

  it('keeps the office pages to those who handle disclosure', async () => {
    expect((await t.app.inject({ url: '/api/disclosure/applications', headers: { cookie: leader } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/disclosure/applications' })).statusCode).toBe(401);
  });
});

async function count() {
  const row = await t.db
    .selectFrom('disclosure_applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
