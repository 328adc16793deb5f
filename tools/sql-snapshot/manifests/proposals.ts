import { proposalsRepository } from '../../../server/domains/proposals/proposals.repository.js';
import { PAGE_AND_COUNT, repository, RETURNS_ID, type FileManifest } from '../manifest.js';

const SESSION = { level: '县', body: 'cppcc' as const, term: 11, session_number: 2 };

export const proposals: FileManifest[] = [
  {
    file: 'server/domains/proposals/proposals.repository.ts',
    repositories: [
      repository('proposalsRepository', (ctx) => proposalsRepository(ctx.db), {
        sessions: [],
        sessionById: [3],
        upsertSession: { args: [SESSION], results: RETURNS_ID },
        insertSession: [{ ...SESSION, opens_on: '2023-01-10', closes_on: '2023-01-13' }],
        list: {
          args: [
            { number: '1102097', sessionId: 3, state: 'handling', unitId: 29, q: '智慧社区', visibleToUnit: 29 },
            { offset: 0, limit: 20 },
          ],
          results: PAGE_AND_COUNT,
        },
        byId: [7, null],
        byNumber: [3, '1102097'],
        lock: [7],
        insert: {
          args: [{ session_id: 3, kind: 'proposal', number: '1102097', title: '关于加快智慧社区建设的建议', state: 'pending_review' }],
          results: RETURNS_ID,
        },
        update: [7, { state: 'to_assign', review_reason: null }],
        proposersOf: [[7, 8]],
        setProposers: [7, ['白咸勇', '徐坤', '常伟青']],
        assignmentsOf: [[7]],
        insertAssignments: [
          [{ proposal_id: 7, round: 1, org_unit_id: 29, role: 'lead', status: 'handling', assigned_on: '2023-03-02', assigned_by: 1 }],
        ],
        updateAssignment: [12, { status: 'replied' }],
        insertReply: {
          args: [{ assignment_id: 12, replied_on: '2023-09-26', document_number: '平政办字〔2023〕9号', content: '答复' }],
          results: RETURNS_ID,
        },
        updateReply: [5, { replied_on: '2023-09-26', document_id: 41 }],
        insertFeedback: {
          args: [
            {
              reply_id: 5,
              consultation: 'phone',
              pertinence: 'strong',
              satisfaction: 'satisfied',
              adoption: 'A',
              signer: '徐坤',
              signer_phone: null,
              recorded_by: 1,
            },
          ],
          results: RETURNS_ID,
        },
        evaluationsOf: [7],
        insertEvaluation: {
          args: [
            { proposal_id: 7, org_unit_id: 29, scores: '{"topic":18}', total: 90, recommended: true, suggestions: null, evaluated_by: 1 },
          ],
          results: RETURNS_ID,
        },
        statisticsProposals: [{ sessionId: 3, visibleToUnit: null }],
      }),
    ],
  },
];
