import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildStaff, seedTestRegions } from '../../test/factories.js';
import { zipEntry } from '../../test/zip-entry.js';
import { importGazetteDocuments } from './index.js';
import { abandonedVehiclePlan, divisionOfLabour, opennessPoints, proposalReply, seedDocuments } from './documents.fixtures.js';

/**
 * The document library through its API on a real database: the gazette importer's part (keyed
 * by number, never overwriting a person), the public column (published documents only, searched
 * in Chinese, laid out as a .docx), and the county office's edits, 三同步 and gazette issues.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let admin: string;
let adminName: string;
let handler: string;
let ids: Map<string, number>;

beforeAll(async () => {
  t = await buildTestApp();
  await seedTestRegions(t.db);
  adminName = await buildStaff(t.db, 'county_admin', '平阴县');
  admin = (await loginAs(t.app, adminName)).cookie;
  handler = (await loginAs(t.app, await buildStaff(t.db, 'dept_handler', '平阴县'))).cookie;
  ids = (await t.db.transaction().execute((trx) => importGazetteDocuments(trx, seedDocuments(), { source: 'seed.txt' }))).ids;
}, 60_000);
afterAll(async () => t?.close());

const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });
const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload: object, cookie = admin) =>
  t.app.inject({ method, url, payload, headers: { cookie } });
const id = (number: string) => ids.get(number)!;
const row = (number: string) => t.db.selectFrom('documents').selectAll().where('number', '=', number).executeTakeFirstOrThrow();

describe('the gazette import', () => {
  it('files each document once by its number, with its index number, publishing the public ones on their date', async () => {
    expect([...ids.keys()]).toEqual(['平政办发〔2023〕4号', '平政办发〔2023〕5号', '平政办字〔2023〕7号', '平政办字〔2023〕9号']);
    const points = await row('平政办发〔2023〕5号');
    expect(points).toMatchObject({ organ_code: '平政办发', year: 2023, serial: 5, index_number: '平政办发/2023-00005' });
    expect(points).toMatchObject({ disclosure: 'public', published_on: '2023-07-28' });
    // No 附注 the library knows: 待确认, and not published.
    expect(await row('平政办发〔2023〕4号')).toMatchObject({ disclosure: null, published_on: null });
    expect((await row('平政办字〔2023〕9号')).addressees).toEqual(['白咸勇', '徐坤', '常伟青']);
  });

  it('updates the text on a second import and keeps what a person decided', async () => {
    const four = id('平政办发〔2023〕4号');
    expect(
      (await send('PATCH', `/api/documents/${four}`, { disclosure: 'not_public', disclosureReason: '内部事务信息', themes: ['综合政务'] }))
        .statusCode,
    ).toBe(200);
    expect(
      (await send('PATCH', `/api/documents/${id('平政办字〔2023〕7号')}`, { validity: 'expired', validityOn: '2024-01-01' })).statusCode,
    ).toBe(200);
    const changed = { ...divisionOfLabour(), title: '平阴县人民政府办公室关于县政府办公室班子成员分工的通知（修订）' };
    const again = await t.db.transaction().execute((trx) =>
      importGazetteDocuments(trx, [changed, opennessPoints(), abandonedVehiclePlan(), proposalReply(), proposalReply()], {
        source: 'again.txt',
      }),
    );
    expect(again).toMatchObject({ created: 0, updated: 4 });
    expect([...again.ids.entries()]).toEqual([...ids.entries()]);
    expect(await row('平政办发〔2023〕4号')).toMatchObject({
      title: changed.title,
      disclosure: 'not_public',
      disclosure_reason: '内部事务信息',
      themes: ['综合政务'],
      published_on: null,
    });
    expect(await row('平政办字〔2023〕7号')).toMatchObject({ validity: 'expired', validity_on: '2024-01-01' });
    expect(
      await t.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 4 });
    // The same number twice in one import is one document with every addressee.
    expect((await row('平政办字〔2023〕9号')).addressees).toEqual(['白咸勇', '徐坤', '常伟青']);
  });
});

describe('the public column', () => {
  it('lists only published documents, with the contract fields, without a session', async () => {
    const res = await get('/api/open/documents');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items.map((d: { number: string }) => d.number)).toEqual(['平政办字〔2023〕7号', '平政办发〔2023〕5号']);
    expect(body.items[1]).toMatchObject({
      id: id('平政办发〔2023〕5号'),
      title: expect.stringContaining('政务公开'),
      dateWritten: '2023-07-28',
      organ: '平阴县人民政府办公室',
    });
    expect((await get(`/api/open/documents/${id('平政办发〔2023〕4号')}`)).statusCode).toBe(404);
  });

  it('finds documents by Chinese words, ranked, the words marked in an escaped snippet', async () => {
    const found = (await get(`/api/open/documents?q=${encodeURIComponent('政务公开')}`)).json();
    expect(found.items.map((d: { number: string }) => d.number)).toEqual(['平政办发〔2023〕5号']);
    expect(found.items[0].snippet).toContain('<mark>政务公开</mark>');
    const cars = (
      await get(
        `/api/open/documents?q=${encodeURIComponent('废弃汽车 整治')}&year=2023&organ=${encodeURIComponent('平阴县人民政府办公室')}`,
      )
    ).json();
    expect(cars.items.map((d: { number: string }) => d.number)).toEqual(['平政办字〔2023〕7号']);
    expect((await get(`/api/open/documents?q=${encodeURIComponent('废弃汽车')}&validity=valid`)).json().total).toBe(0);
    expect((await get('/api/open/documents?year=2022')).json().total).toBe(0);
    const nothing = await get(`/api/open/documents?q=${encodeURIComponent('，。')}`);
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().code).toBe('SEARCH_NO_WORDS');
  });

  it('never sends a document text as HTML', async () => {
    const hostile = { ...abandonedVehiclePlan(), number: { text: '平政办字〔2023〕99号', organCode: '平政办字', year: 2023, serial: 99 } };
    hostile.text = '<script>alert(1)</script> 废弃汽车 <b>粗体</b>';
    await t.db.transaction().execute((trx) => importGazetteDocuments(trx, [hostile], { source: 'hostile.txt' }));
    const found = (await get(`/api/open/documents?q=${encodeURIComponent('粗体')}`)).json();
    expect(found.items[0].snippet).toBe('&lt;script&gt;alert(1)&lt;/script&gt; 废弃汽车 &lt;b&gt;<mark>粗体</mark>&lt;/b&gt;');
  });

  it('gives facets, the site organ from the region tree, and a document with its text', async () => {
    const facets = (await get('/api/open/documents/facets')).json();
    expect(facets.years).toEqual([{ value: 2023, count: 3 }]);
    expect(facets.organs).toEqual([{ value: '平阴县人民政府办公室', count: 3 }]);
    expect((await get('/api/open/site')).json()).toEqual({ countyName: '平阴县', organName: '平阴县人民政府' });
    const detail = (await get(`/api/open/documents/${id('平政办发〔2023〕5号')}`)).json();
    expect(detail).toMatchObject({ number: '平政办发〔2023〕5号', indexNumber: '平政办发/2023-00005', note: '（此件公开发布）' });
    expect(detail.enclosure.title).toBe('2023年平阴县政务公开工作要点');
    expect(detail).not.toHaveProperty('disclosureReason');
  });

  it('lays the document out as a GB/T 9704 .docx', async () => {
    const res = await get(`/api/open/documents/${id('平政办发〔2023〕5号')}.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('平政办发〔2023〕5号.docx'));
    const xml = zipEntry(res.rawPayload, 'word/document.xml')!;
    expect(xml).toContain('平阴县人民政府办公室文件');
    expect(xml).toContain('w:color w:val="FF0000"'); // the red organ name and separator
    expect(xml).toContain('平政办发〔2023〕5号');
    expect(xml).toContain('2023年7月28日');
    expect(xml).toContain('（此件公开发布）');
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('2023年平阴县政务公开工作要点');
    // A4 with 37 / 35 / 28 / 26 mm margins, in twips.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
    expect(zipEntry(res.rawPayload, 'word/footer1.xml')).toContain('PAGE');
    expect((await get(`/api/open/documents/${id('平政办发〔2023〕4号')}.docx`)).statusCode).toBe(404);
  });
});

describe("the county office's library", () => {
  it('refuses to publish a document whose attribute is undecided or not public, and one published twice', async () => {
    const nine = id('平政办字〔2023〕9号');
    const undecided = await send('POST', `/api/documents/${nine}/publish`, {});
    expect([undecided.statusCode, undecided.json().code]).toEqual([409, 'DISCLOSURE_UNDECIDED']);
    const four = await send('POST', `/api/documents/${id('平政办发〔2023〕4号')}/publish`, {});
    expect(four.json().code).toBe('DOCUMENT_NOT_PUBLIC');
    const twice = await send('POST', `/api/documents/${id('平政办发〔2023〕5号')}/publish`, {});
    expect(twice.json().code).toBe('DOCUMENT_ALREADY_PUBLISHED');
    const reasonless = await send('PATCH', `/api/documents/${nine}`, { disclosure: 'on_request' });
    expect([reasonless.statusCode, reasonless.json().code]).toEqual([400, 'DISCLOSURE_REASON_REQUIRED']);
    const repealedUndated = await send('PATCH', `/api/documents/${nine}`, { validity: 'repealed' });
    expect(repealedUndated.json().code).toBe('VALIDITY_DATE_REQUIRED');
    expect(await row('平政办字〔2023〕9号')).toMatchObject({ disclosure: null, validity: 'valid' });
    // A department reads the library but changes nothing.
    expect((await get('/api/documents', handler)).statusCode).toBe(200);
    expect((await send('PATCH', `/api/documents/${nine}`, { themes: ['其他'] }, handler)).statusCode).toBe(403);
  });

  it('holds a policy document to 三同步: with an interpretation, or with a recorded reason', async () => {
    const nine = id('平政办字〔2023〕9号');
    expect((await send('PATCH', `/api/documents/${nine}`, { disclosure: 'public', isPolicy: true })).statusCode).toBe(200);
    const refused = await send('POST', `/api/documents/${nine}/publish`, {});
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'INTERPRETATION_REQUIRED']);
    expect((await row('平政办字〔2023〕9号')).published_on).toBeNull();
    const published = await send('POST', `/api/documents/${nine}/publish`, { syncExemptionReason: '答复件，解读随提案办理情况通报发布' });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().syncExemption).toMatchObject({ reason: '答复件，解读随提案办理情况通报发布', by: adminName });
    expect(await auditLinesOf(t.db, adminName, 'document_published')).toHaveLength(1);
    const changeAfter = await send('PATCH', `/api/documents/${nine}`, { disclosure: 'not_public', disclosureReason: '误发' });
    expect(changeAfter.json().code).toBe('DOCUMENT_PUBLISHED');
  });

  it("prints a reply's committee members, its attachment's table and the 版记 with 抄送 in the .docx", async () => {
    const res = await get(`/api/open/documents/${id('平政办字〔2023〕9号')}.docx`);
    expect(res.statusCode).toBe(200);
    const xml = zipEntry(res.rawPayload, 'word/document.xml')!;
    expect(xml).toContain('委员：白咸勇，徐坤，常伟青：');
    expect(xml).toContain('附件6');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('提案的格式规范，达到“三有”（有情况、有分析、有具体建议）的基本要求');
    expect(xml).toContain('抄送：县政府办公室，县政协提案工作委员会。');
    expect(xml).toMatch(/平阴县人民政府办公室\t\d{4}年\d{1,2}月\d{1,2}日印发/);
  });

  it('adds an interpretation with Q&A and a picture, shown to the public with the document', async () => {
    const five = id('平政办发〔2023〕5号');
    const added = await send('POST', `/api/documents/${five}/interpretations`, {
      kind: 'text',
      title: '《2023年平阴县政务公开工作要点》政策解读',
      body: '一、起草背景',
      qa: [{ question: '政务公开平台建设有哪些要求？', answer: '推动平台管理数字化。' }],
    });
    expect(added.statusCode, added.body).toBe(200);
    const interpretationId = added.json().interpretations[0].id;
    const linkless = await send('POST', `/api/documents/${five}/interpretations`, { kind: 'video', title: '视频解读' });
    expect(linkless.statusCode).toBe(400);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const upload = await upload_(`/api/documents/${five}/files?interpretationId=${interpretationId}`, 'tu.png', png);
    expect(upload.statusCode, upload.body).toBe(200);
    const fake = await upload_(`/api/documents/${five}/files?interpretationId=${interpretationId}`, 'tu.png', Buffer.from('not a png'));
    expect(fake.json().code).toBe('FILE_TYPE');
    const detail = (await get(`/api/open/documents/${five}`)).json();
    expect(detail.interpretations[0]).toMatchObject({
      qa: [{ question: '政务公开平台建设有哪些要求？' }],
      pictures: [{ fileName: 'tu.png' }],
    });
    const picture = await get(`/api/open/document-files/${detail.interpretations[0].pictures[0].id}`);
    expect([picture.statusCode, picture.headers['content-type']]).toEqual([200, 'image/png']);
    expect(await auditLinesOf(t.db, adminName, 'document_file_uploaded')).toHaveLength(1);
  });

  it('suggests themes in use beside the standard list, and counts the annual report figures', async () => {
    const themes = (await get('/api/document-themes', admin)).json();
    expect(themes.inUse).toEqual([{ value: '综合政务', count: 1 }]);
    expect(themes.standard).toContain('城乡建设、环境保护');
    await send('PATCH', `/api/documents/${id('平政办字〔2023〕7号')}`, { isNormative: true });
    await send('PATCH', `/api/documents/${id('平政办发〔2023〕5号')}`, { isNormative: true });
    await send('PATCH', `/api/documents/${id('平政办发〔2023〕5号')}`, { validity: 'repealed', validityOn: '2023-12-01' });
    const y2023 = (await get('/api/documents/annual-report?year=2023', admin)).json();
    // 7号 expired on 2024-01-01, so it is still in force at the end of 2023; 5号 was repealed in 2023.
    expect(y2023.normative).toEqual({ issued: 2, repealed: 1, inForce: 1 });
    expect((await get('/api/documents/annual-report?year=2024', admin)).json().normative).toEqual({ issued: 0, repealed: 0, inForce: 0 });
  });

  it('lets the public browse by theme and by validity, with the counts each choice gives', async () => {
    await send('PATCH', `/api/documents/${id('平政办字〔2023〕7号')}`, { themes: ['公安、安全、司法', '交通'] });
    const byTheme = (await get(`/api/open/documents?theme=${encodeURIComponent('交通')}`)).json();
    expect(byTheme.items.map((d: { number: string }) => d.number)).toEqual(['平政办字〔2023〕7号']);
    expect((await get(`/api/open/documents?theme=${encodeURIComponent('综合政务')}`)).json().total).toBe(0); // 4号 has it, unpublished
    const facets = (await get('/api/open/documents/facets')).json();
    expect(facets.themes).toEqual(expect.arrayContaining([{ value: '交通', count: 1 }]));
    expect(facets.validities).toEqual(
      expect.arrayContaining([
        { value: 'repealed', count: 1 },
        { value: 'expired', count: 1 },
      ]),
    );
    expect((await get('/api/open/documents?validity=repealed')).json().items.map((d: { number: string }) => d.number)).toEqual([
      '平政办发〔2023〕5号',
    ]);
  });

  it('makes a gazette issue, orders its documents, publishes it, and shows the public only its published documents', async () => {
    const created = await send('POST', '/api/gazette-issues', { year: 2023, issueNumber: 3, title: '平阴县人民政府公报 2023年第3期' });
    expect(created.statusCode, created.body).toBe(200);
    const issueId = created.json().id;
    expect((await send('POST', '/api/gazette-issues', { year: 2023, issueNumber: 3, title: '重复' })).json().code).toBe(
      'GAZETTE_ISSUE_EXISTS',
    );
    const order = [id('平政办字〔2023〕7号'), id('平政办发〔2023〕4号'), id('平政办发〔2023〕5号')];
    const set = await send('PUT', `/api/gazette-issues/${issueId}/documents`, { documentIds: order });
    expect(set.json().documents.map((d: { id: number }) => d.id)).toEqual(order);
    expect((await get(`/api/open/gazette-issues/${issueId}`)).statusCode).toBe(404);
    expect((await send('POST', `/api/gazette-issues/${issueId}/publish`, {})).statusCode).toBe(200);
    const open = (await get(`/api/open/gazette-issues/${issueId}`)).json();
    expect(open.documents.map((d: { number: string }) => d.number)).toEqual(['平政办字〔2023〕7号', '平政办发〔2023〕5号']);
    // The print view's text is the whole document: 主送, the 要点 the notice issues, its task table.
    const five = open.documents[1];
    expect(five.addressees[0]).toBe('各镇人民政府');
    expect(five.attachments[0].tables[0].rows).toHaveLength(49);
    expect(five.enclosure?.title ?? five.attachments[0].title).toMatch(/政务公开/);
    expect((await get('/api/open/gazette-issues')).json().items).toHaveLength(1);
    const late = await send('PUT', `/api/gazette-issues/${issueId}/documents`, { documentIds: [] });
    expect(late.json().code).toBe('GAZETTE_ISSUE_PUBLISHED');
    const other = (
      await send('POST', '/api/gazette-issues', { year: 2023, issueNumber: 4, title: '平阴县人民政府公报 2023年第4期' })
    ).json();
    const twice = await send('PUT', `/api/gazette-issues/${other.id}/documents`, { documentIds: [order[0], order[0]] });
    expect(twice.json().code).toBe('GAZETTE_DUPLICATE_DOCUMENT');
    const unknown = await send('PUT', `/api/gazette-issues/${other.id}/documents`, { documentIds: [order[0], 999_999] });
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'DOCUMENT_NOT_FOUND']);
    expect((await get(`/api/gazette-issues/${other.id}`, admin)).json().documents).toEqual([]);
    expect((await send('POST', `/api/gazette-issues/${other.id}/publish`, {})).json().code).toBe('GAZETTE_ISSUE_EMPTY');
  });
});

function upload_(url: string, fileName: string, content: Buffer) {
  const boundary = '----cgdoc';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}
