import { documentsRepository } from '../../../server/domains/documents/documents.repository.js';
import { documentExtrasRepository } from '../../../server/domains/documents/document-extras.repository.js';
import { gazetteIssuesRepository } from '../../../server/domains/documents/gazette-issues.repository.js';
import { PAGE_AND_COUNT, repository, RETURNS_ID, type FileManifest } from '../manifest.js';

export const documents: FileManifest[] = [
  {
    file: 'server/domains/documents/documents.repository.ts',
    repositories: [
      repository('documentsRepository', (ctx) => documentsRepository(ctx.scoped), {
        list: {
          args: [
            {
              query: "'政务' <-> '公开'",
              year: 2023,
              organ: '平阴县人民政府办公室',
              theme: '综合政务',
              validity: 'valid',
              publicOnly: true,
            },
            { offset: 0, limit: 20 },
          ],
          results: PAGE_AND_COUNT,
        },
        byId: [7, true],
        lockById: [7],
        idByNumber: ['平政办字〔2023〕9号'],
        byKeys: [[{ organCode: '平政办发', year: 2023, serial: 5 }]],
        byIdempotencyKey: ['user:1:3f2a6c1e-7d7b-4c55-9a4e-0b1f2c3d4e5f'],
        insert: {
          args: [
            {
              number: '平政办发〔2023〕5号',
              organ_code: '平政办发',
              year: 2023,
              serial: 5,
              index_number: '平政办发/2023-00005',
              title: '通知',
            },
          ],
          results: RETURNS_ID,
        },
        update: [7, { published_on: '2023-07-28' }],
        facets: { args: [], results: [[], [], [], []] },
        themesInUse: [],
        annualFigures: { args: [2023], results: [[{ n: 0 }], [{ n: 0 }], [{ n: 0 }], [{ n: 0 }], [{ n: 0 }], [{ n: 0 }]] },
      }),
    ],
  },
  {
    file: 'server/domains/documents/document-extras.repository.ts',
    repositories: [
      repository('documentExtrasRepository', (ctx) => documentExtrasRepository(ctx.scoped), {
        interpretationsOf: [7],
        insertInterpretation: {
          args: [{ document_id: 7, kind: 'text', title: '解读', body: '正文', qa: '[]', url: null, created_by: 1 }],
          results: RETURNS_ID,
        },
        deleteInterpretation: { args: [7, 3], results: [[]] },
        filesOf: [7],
        insertFile: {
          args: [
            {
              document_id: 7,
              interpretation_id: null,
              file_name: 'a.pdf',
              mime: 'application/pdf',
              size: 1,
              sha256: 'x',
              path: '/f',
              uploaded_by: 1,
            },
          ],
          results: RETURNS_ID,
        },
        fileById: [9],
        deleteFile: [9],
        exemptionOf: [7],
        recordExemption: [7, '答复件', 1],
        withdrawalsOf: [7],
        insertWithdrawal: [{ document_id: 7, published_on: '2023-07-28', reason: '发布有误', withdrawn_by: 1 }],
      }),
    ],
  },
  {
    file: 'server/domains/documents/gazette-issues.repository.ts',
    repositories: [
      repository('gazetteIssuesRepository', (ctx) => gazetteIssuesRepository(ctx.scoped), {
        list: [true],
        byId: [3],
        byNumber: [2023, 3],
        documentsOf: [3, true],
        insert: { args: [{ year: 2023, issue_number: 3, title: '公报' }], results: RETURNS_ID },
        existingDocuments: [[5, 7]],
        replaceDocuments: [3, [7, 5]],
        publish: [3, '2023-12-01'],
      }),
    ],
  },
];
