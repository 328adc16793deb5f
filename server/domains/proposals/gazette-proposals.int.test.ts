import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GazetteDocument } from '../../../common/contracts/gazette.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildStaff, seedCasework } from '../../test/factories.js';
import { importGazetteProposals } from './index.js';

/**
 * The proposals a gazette's replies answer, imported as the gazette importer calls the domain:
 * the seed's 平政办字〔2023〕9号 (one document sent to three proposers) is one proposal with three
 * proposers and one reply, and importing again updates, never duplicates, and keeps what people
 * added since. Fixtures are built by hand from the text of seed-docs/pingyin-2023-gazette.txt.
 */
function reply(overrides: Partial<GazetteDocument> & Pick<GazetteDocument, 'title' | 'number'>): GazetteDocument {
  return {
    organ: null,
    addressees: [],
    addresseeRole: '委员',
    paragraphs: [],
    attachmentNotes: [],
    signature: null,
    dateWritten: null,
    note: null,
    disclosure: null,
    enclosure: null,
    attachments: [],
    copyTo: [],
    text: '',
    tasks: [],
    phases: [],
    startLine: 1,
    endLine: 2,
    ...overrides,
  };
}

const SEED_REPLY = reply({
  number: { text: '平政办字〔2023〕9号', organCode: '平政办字', year: 2023, serial: 9 },
  title: '对县政协十一届二次会议第1102097号提案的答复',
  addressees: ['白咸勇', '徐坤', '常伟青'],
  paragraphs: [
    '您提出的关于《关于加快智慧社区建设的建议》的提案收悉。根据“提案重点建议清单”，现答复如下：',
    '十分感谢您对我县智慧社区建设的关注和关心，首先将我县近两年智慧社区建设情况简要汇报：平阴县2022年遴选9个社区……',
    '您对我们的办理和答复有何意见和建议,请填写在“征询意见表”中,以便我们进一步改进工作。',
    '感谢您对我们工作的关心和支持。',
  ],
  attachmentNotes: [],
  signature: '平阴县人民政府办公室',
  dateWritten: '2023-09-26',
  copyTo: ['县政府办公室', '县政协提案工作委员会'],
  startLine: 590,
  endLine: 954,
});

/** Another county's NPC suggestion, signed by a department under the county's full name. */
const OTHER_COUNTY = reply({
  number: { text: '东交函〔2024〕3号', organCode: '东交函', year: 2024, serial: 3 },
  title: '对县人大十八届三次会议第18号建议的答复',
  addresseeRole: '代表',
  addressees: ['王五'],
  paragraphs: ['您提出的关于《关于加强农村公路养护的建议》收悉。现答复如下：'],
  signature: '某某县交通运输局',
  dateWritten: '2024-05-06',
});

const UNREADABLE = reply({
  number: { text: '平政办字〔2023〕11号', organCode: '平政办字', year: 2023, serial: 11 },
  title: '对县政协十一届二次会议第1102100号提案的答复',
  addressees: ['赵六'],
  paragraphs: ['现将有关情况答复如下：'],
  signature: '平阴县人民政府办公室',
  dateWritten: '2023-09-30',
});

const NOTICE = reply({
  number: { text: '平政办发〔2023〕5号', organCode: '平政办发', year: 2023, serial: 5 },
  title: '平阴县人民政府办公室关于印发2023年平阴县政务公开工作要点的通知',
  addresseeRole: null,
});

let t: Awaited<ReturnType<typeof buildTestApp>>;
beforeAll(async () => {
  t = await buildTestApp();
  await seedCasework(t.db);
}, 60_000);
afterAll(async () => t?.close());

const run = (documents: GazetteDocument[]) =>
  t.db.transaction().execute((trx) => importGazetteProposals(trx, documents, new Map([['平政办字〔2023〕9号', 41]])));

describe('importing the replies of a gazette', () => {
  it('reads proposal 1102097 with its three proposers and its reply by 县政府办公室, and another county’s suggestion', async () => {
    const result = await run([NOTICE, SEED_REPLY, OTHER_COUNTY, UNREADABLE]);
    expect(result).toMatchObject({ sessions: 2, proposals: 2, replies: 2 });
    expect(result.warnings).toEqual([expect.objectContaining({ document: '平政办字〔2023〕11号', field: '案由' })]);

    const admin = (await loginAs(t.app, await buildStaff(t.db, 'county_admin', '平阴县'))).cookie;
    const found = (await t.app.inject({ url: '/api/proposals?number=1102097', headers: { cookie: admin } })).json();
    expect(found).toMatchObject({
      total: 1,
      items: [
        {
          number: '1102097',
          sessionName: '县政协十一届二次会议',
          title: '关于加快智慧社区建设的建议',
          proposers: ['白咸勇', '徐坤', '常伟青'],
          replyDocumentNumber: '平政办字〔2023〕9号',
          state: 'replied',
          units: [{ unitName: '县政府办公室', role: 'lead', status: 'replied' }],
        },
      ],
    });
    const detail = (await t.app.inject({ url: `/api/proposals/${found.items[0].id}`, headers: { cookie: admin } })).json();
    expect(detail.assignments[0]).toMatchObject({ assignedOn: null, replyDeadline: null });
    expect(detail.assignments[0].reply).toMatchObject({ repliedOn: '2023-09-26', documentId: 41, onTime: null });
    expect(detail.actions).toEqual(['feedback']);

    const suggestion = (await t.app.inject({ url: '/api/proposals?number=18', headers: { cookie: admin } })).json().items[0];
    expect(suggestion).toMatchObject({ kind: 'suggestion', sessionName: '县人大十八届三次会议', units: [{ unitName: '县交通运输局' }] });
  });

  it('updates on a second import, never duplicates, and keeps a feedback form recorded since', async () => {
    const admin = (await loginAs(t.app, await buildStaff(t.db, 'county_admin', '平阴县'))).cookie;
    const id = (await t.app.inject({ url: '/api/proposals?number=1102097', headers: { cookie: admin } })).json().items[0].id;
    const unitId = (await t.db.selectFrom('org_units').select('id').where('name', '=', '县政府办公室').executeTakeFirstOrThrow()).id;
    const form = { unitId, consultation: 'phone', pertinence: 'strong', satisfaction: 'satisfied', adoption: 'A', signer: '徐坤' };
    const closed = await t.app.inject({ method: 'POST', url: `/api/proposals/${id}/feedback`, headers: { cookie: admin }, payload: form });
    expect(closed.json().state, closed.body).toBe('closed');

    const again = await run([SEED_REPLY, { ...OTHER_COUNTY, dateWritten: '2024-05-07' }]);
    expect(again).toMatchObject({ sessions: 2, proposals: 2, replies: 2, warnings: [] });
    const count = async (table: 'proposal_sessions' | 'proposals' | 'proposal_proposers' | 'proposal_assignments' | 'proposal_replies') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await count('proposal_sessions'), await count('proposals'), await count('proposal_proposers')]).toEqual([2, 2, 4]);
    expect([await count('proposal_assignments'), await count('proposal_replies')]).toEqual([2, 2]);
    const detail = (await t.app.inject({ url: `/api/proposals/${id}`, headers: { cookie: admin } })).json();
    expect(detail).toMatchObject({ state: 'closed', proposers: ['白咸勇', '徐坤', '常伟青'] });
    expect(detail.assignments[0].reply.feedback).toMatchObject({ satisfaction: 'satisfied', signer: '徐坤' });
    const moved = await t.db
      .selectFrom('proposal_replies')
      .select('replied_on')
      .where('document_number', '=', '东交函〔2024〕3号')
      .executeTakeFirstOrThrow();
    expect(moved.replied_on).toBe('2024-05-07');
  });
});
