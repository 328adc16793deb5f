import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildStaff, seedTestRegions } from '../../test/factories.js';
import { manualClock } from '../../platform/clock.js';
import { importGazetteDocuments } from './index.js';
import { opennessPoints } from './documents.fixtures.js';

/**
 * The library's own writes through its API on a real database (decision 043, amended): a
 * document entered by hand (GB/T 9704 numbers, unique per organ and year, found by search), its
 * text edited while unpublished, and a publication withdrawn and published again.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let admin: string;
let adminName: string;
let fiveId: number;

beforeAll(async () => {
  t = await buildTestApp({ clock: manualClock('2026-03-10T09:00:00+08:00') });
  await seedTestRegions(t.db);
  adminName = await buildStaff(t.db, 'county_admin', '平阴县');
  admin = (await loginAs(t.app, adminName)).cookie;
  const imported = await t.db.transaction().execute((trx) => importGazetteDocuments(trx, [opennessPoints()], { source: 'seed.txt' }));
  fiveId = imported.ids.get('平政办发〔2023〕5号')!;
}, 60_000);
afterAll(async () => t?.close());

const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });
const send = (method: 'POST' | 'PUT', url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload, headers: { cookie: admin, ...headers } });
const countDocuments = async () =>
  (
    await t.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

/** A department's notice, as the form sends it. */
const notice = (overrides: Record<string, unknown> = {}) => ({
  number: '平农发〔2026〕3号',
  organ: '平阴县农业农村局',
  title: '平阴县农业农村局关于做好春季玫瑰花田管护工作的通知',
  addressees: ['各镇（街道）农业综合服务中心'],
  dateWritten: '2026-03-02',
  paragraphs: ['为做好春季玫瑰花田管护工作，现将有关事项通知如下。', '一、及时开展病虫害防治，做好田间排水。'],
  copyTo: ['县政府办公室'],
  ...overrides,
});

describe('entering a document by hand', () => {
  it('files it by its number with its index number and search words, 待确认 without an attribute, audited', async () => {
    const created = await send('POST', '/api/documents', notice());
    expect(created.statusCode, created.body).toBe(201);
    const d = created.json();
    expect(d).toMatchObject({
      number: '平农发〔2026〕3号',
      indexNumber: '平农发/2026-00003',
      organ: '平阴县农业农村局',
      disclosure: null,
      publishedOn: null,
      enteredByHand: true,
      importSource: null,
      signature: '平阴县农业农村局',
      withdrawals: [],
    });
    const found = (await get(`/api/documents?q=${encodeURIComponent('玫瑰花田')}`, admin)).json();
    expect(found.items.map((i: { id: number }) => i.id)).toEqual([d.id]);
    expect(found.items[0].snippet).toContain('<mark>');
    const lines = await auditLinesOf(t.db, adminName, 'document_created');
    expect(lines.at(-1)).toMatchObject({ entity_id: String(d.id) });
  });

  it('refuses a number not written by GB/T 9704, saying how to write it, and writes nothing', async () => {
    const before = await countDocuments();
    for (const [number, words] of [
      ['平政办发〔2026〕05号', '应写作 平政办发〔2026〕5号'],
      ['平政办发〔2026〕第5号', '不加“第”字'],
      ['平政办发[2026]5号', '六角括号'],
      ['第5号', '如 平政办发〔2023〕5号'],
    ]) {
      const r = await send('POST', '/api/documents', notice({ number }));
      expect([r.statusCode, r.json().code], number).toEqual([400, 'DOCUMENT_NUMBER_INVALID']);
      expect(r.json().message).toContain(words);
    }
    expect(await countDocuments()).toBe(before);
  });

  it('refuses a number the library has (entered or imported), a future date and a missing title', async () => {
    const again = await send('POST', '/api/documents', notice({ title: '另一份通知' }));
    expect([again.statusCode, again.json().code]).toEqual([409, 'DOCUMENT_NUMBER_EXISTS']);
    const gazettes = await send('POST', '/api/documents', notice({ number: '平政办发〔2023〕5号', dateWritten: '2023-07-28' }));
    expect([gazettes.statusCode, gazettes.json().code]).toEqual([409, 'DOCUMENT_NUMBER_EXISTS']);
    const future = await send('POST', '/api/documents', notice({ number: '平农发〔2026〕4号', dateWritten: '2026-03-11' }));
    expect([future.statusCode, future.json().code]).toEqual([400, 'DATE_WRITTEN_FUTURE']);
    const untitled = await send('POST', '/api/documents', notice({ number: '平农发〔2026〕4号', title: '  ' }));
    expect([untitled.statusCode, untitled.json().code]).toEqual([400, 'VALIDATION']);
    const reasonless = await send('POST', '/api/documents', notice({ number: '平农发〔2026〕4号', disclosure: 'not_public' }));
    expect(reasonless.json().code).toBe('DISCLOSURE_REASON_REQUIRED');
  });

  it('enters one document when two entries of a number race, and answers a retried key with the first document', async () => {
    const race = await Promise.all([
      send('POST', '/api/documents', notice({ number: '平农发〔2026〕5号' })),
      send('POST', '/api/documents', notice({ number: '平农发〔2026〕5号', title: '同号的另一份' })),
    ]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(race.find((r) => r.statusCode === 409)!.json().code).toBe('DOCUMENT_NUMBER_EXISTS');

    const key = { 'idempotency-key': 'doc-entry-0001' };
    const body = notice({ number: '平农发〔2026〕6号' });
    const [first, second] = await Promise.all([send('POST', '/api/documents', body, key), send('POST', '/api/documents', body, key)]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json().id).toBe(first.json().id);
    const other = await send('POST', '/api/documents', notice({ number: '平农发〔2026〕7号' }), key);
    expect([other.statusCode, other.json().code]).toEqual([422, 'IDEMPOTENCY_MISMATCH']);
    const six = await t.db.selectFrom('documents').select('id').where('number', '=', '平农发〔2026〕6号').execute();
    expect(six).toHaveLength(1);
  });
});

describe('editing a document text', () => {
  it('changes an unpublished text and number, with new search words; a published text is refused', async () => {
    const d = (await send('POST', '/api/documents', notice({ number: '平农发〔2026〕8号' }))).json();
    const edited = await send(
      'PUT',
      `/api/documents/${d.id}/text`,
      notice({ number: '平农发〔2026〕9号', paragraphs: ['做好金银花种植基地的春季管护。'] }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ number: '平农发〔2026〕9号', indexNumber: '平农发/2026-00009' });
    const found = (await get(`/api/documents?q=${encodeURIComponent('金银花')}`, admin)).json();
    expect(found.items.map((i: { id: number }) => i.id)).toEqual([d.id]);
    const taken = await send('PUT', `/api/documents/${d.id}/text`, notice());
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'DOCUMENT_NUMBER_EXISTS']);
    expect((await auditLinesOf(t.db, adminName, 'document_text_edited')).at(-1)?.detail).toMatchObject({
      number: '平农发〔2026〕9号',
      previousNumber: '平农发〔2026〕8号',
    });

    const published = await send(
      'PUT',
      `/api/documents/${fiveId}/text`,
      notice({ number: '平政办发〔2023〕5号', dateWritten: '2023-07-28' }),
    );
    expect([published.statusCode, published.json().code]).toEqual([409, 'DOCUMENT_PUBLISHED']);
    expect(published.json().message).toContain('撤回');
  });
});

describe('withdrawing a publication', () => {
  it('takes a document off /open, keeps its record and who withdrew it, and lets it be published again under 三同步', async () => {
    const d = (await send('POST', '/api/documents', notice({ number: '平农发〔2026〕10号', disclosure: 'public' }))).json();
    const early = await send('POST', `/api/documents/${d.id}/withdraw`, { reason: '发布前撤回' });
    expect([early.statusCode, early.json().code]).toEqual([409, 'DOCUMENT_NOT_PUBLISHED']);
    expect((await send('POST', `/api/documents/${d.id}/publish`, {})).statusCode).toBe(200);
    const q = `/api/open/documents?q=${encodeURIComponent('玫瑰花田')}`;
    expect((await get(q)).json().items.map((i: { id: number }) => i.id)).toContain(d.id);
    expect((await get(`/api/open/documents/${d.id}.docx`)).statusCode).toBe(200);

    const reasonless = await send('POST', `/api/documents/${d.id}/withdraw`, { reason: '' });
    expect(reasonless.statusCode).toBe(400);
    const withdrawn = await send('POST', `/api/documents/${d.id}/withdraw`, { reason: '文中联系电话有误，更正后重新发布' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      publishedOn: null,
      disclosure: 'public',
      withdrawals: [{ publishedOn: '2026-03-10', reason: '文中联系电话有误，更正后重新发布', by: adminName }],
    });
    expect((await get(q)).json().items.map((i: { id: number }) => i.id)).not.toContain(d.id);
    expect((await get(`/api/open/documents/${d.id}`)).statusCode).toBe(404);
    expect((await get(`/api/open/documents/${d.id}.docx`)).statusCode).toBe(404);
    expect((await auditLinesOf(t.db, adminName, 'document_withdrawn')).at(-1)?.detail).toMatchObject({
      reason: '文中联系电话有误，更正后重新发布',
      publishedOn: '2026-03-10',
    });

    // Now editable; published again, a policy document needs its interpretation or a reason (三同步).
    expect((await send('PUT', `/api/documents/${d.id}/text`, notice({ number: '平农发〔2026〕10号' }))).statusCode).toBe(200);
    await t.app.inject({ method: 'PATCH', url: `/api/documents/${d.id}`, payload: { isPolicy: true }, headers: { cookie: admin } });
    const unsynced = await send('POST', `/api/documents/${d.id}/publish`, {});
    expect(unsynced.json().code).toBe('INTERPRETATION_REQUIRED');
    const again = await send('POST', `/api/documents/${d.id}/publish`, { syncExemptionReason: '解读随后由农业农村局发布' });
    expect(again.statusCode, again.body).toBe(200);
    expect((await get(`/api/open/documents/${d.id}`)).statusCode).toBe(200);
    expect(again.json().withdrawals).toHaveLength(1);
  });

  it('takes one of two withdrawals sent at once, and refuses the other as a wrong step', async () => {
    // Two staff at once: the row is locked for the change, so the second finds it unpublished.
    const d = (await send('POST', '/api/documents', notice({ number: '平农发〔2026〕31号', disclosure: 'public' }))).json();
    expect((await send('POST', `/api/documents/${d.id}/publish`, {})).statusCode).toBe(200);
    const both = await Promise.all([
      send('POST', `/api/documents/${d.id}/withdraw`, { reason: '同时撤回之一' }),
      send('POST', `/api/documents/${d.id}/withdraw`, { reason: '同时撤回之二' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('DOCUMENT_NOT_PUBLISHED');
    const rows = await t.db.selectFrom('document_withdrawals').select('id').where('document_id', '=', d.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps a withdrawn gazette document unpublished through a re-import, and off its published issue public page', async () => {
    const issue = (
      await send('POST', '/api/gazette-issues', { year: 2023, issueNumber: 9, title: '平阴县人民政府公报 2023年第9期' })
    ).json();
    await t.app.inject({
      method: 'PUT',
      url: `/api/gazette-issues/${issue.id}/documents`,
      payload: { documentIds: [fiveId] },
      headers: { cookie: admin },
    });
    expect((await send('POST', `/api/gazette-issues/${issue.id}/publish`, {})).statusCode).toBe(200);
    expect((await send('POST', `/api/documents/${fiveId}/withdraw`, { reason: '附件版本有误' })).statusCode).toBe(200);
    expect((await get(`/api/open/gazette-issues/${issue.id}`)).json().documents).toEqual([]);
    expect((await get(`/api/gazette-issues/${issue.id}`, admin)).json().documents.map((x: { id: number }) => x.id)).toEqual([fiveId]);
    await t.db.transaction().execute((trx) => importGazetteDocuments(trx, [opennessPoints()], { source: 'again.txt' }));
    const row = await t.db
      .selectFrom('documents')
      .select(['published_on', 'import_source'])
      .where('id', '=', fiveId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ published_on: null, import_source: 'again.txt' });
    // The gazette's number is its key: it is not changed by hand.
    const renumbered = await send(
      'PUT',
      `/api/documents/${fiveId}/text`,
      notice({ number: '平政办发〔2023〕55号', dateWritten: '2023-07-28' }),
    );
    expect(renumbered.json().code).toBe('DOCUMENT_NUMBER_FROM_GAZETTE');
  });
});

describe('the public organ filter', () => {
  it('takes the organ name or the organ code of the number', async () => {
    const byCode = (await get(`/api/open/documents?organ=${encodeURIComponent('平农发')}`)).json();
    const byName = (await get(`/api/open/documents?organ=${encodeURIComponent('平阴县农业农村局')}`)).json();
    expect(byCode.total).toBeGreaterThan(0);
    expect(byCode.items.map((i: { id: number }) => i.id)).toEqual(byName.items.map((i: { id: number }) => i.id));
    expect((await get(`/api/open/documents?organ=${encodeURIComponent('平政办')}`)).json().total).toBe(0);
  });
});
