import { applicationsRepository } from '../../../server/domains/disclosure/applications.repository.js';
import { decisionsRepository } from '../../../server/domains/disclosure/decisions.repository.js';
import { repository, type FileManifest } from '../manifest.js';

const application = {
  tracking_code: 'YS2024-7KQ3M9TX',
  applicant_kind: 'natural',
  applicant_name: '李明',
  id_type: 'resident_id',
  id_number: '370124198001010013',
  phone: '13912345678',
  description: '平政办发〔2023〕5号的任务分解表',
  format: 'electronic',
  delivery: 'email',
  state: 'submitted',
  idempotency_key: 'open:k1',
  idempotency_fingerprint: 'f',
};

export const disclosure: FileManifest[] = [
  {
    file: 'server/domains/disclosure/applications.repository.ts',
    repositories: [
      repository('applicationsRepository', (ctx) => applicationsRepository(ctx.db), {
        insert: [application],
        byIdempotencyKey: ['open:k1'],
        trackingCodeTaken: ['YS2024-7KQ3M9TX'],
        byTrackingCode: ['YS2024-7KQ3M9TX'],
        byId: [1],
        lockById: [1],
        list: {
          args: [
            { state: 'handling', q: '李' },
            { offset: 0, limit: 20 },
          ],
          results: [[], [{ n: 0 }]],
        },
        update: [1, { state: 'reviewing', received_on: '2024-09-27', clock_start_on: '2024-09-27' }],
        events: [1],
        addEvent: [{ application_id: 1, action: 'register', actor_name: '县政府办公室', state_after: 'reviewing' }],
        correction: [1],
        insertCorrection: [{ application_id: 1, issued_on: '2024-10-09', requested: '请写明文号', respond_by: '2024-10-25' }],
        correctionReceived: [1, '2024-10-14', null],
        consultations: [1],
        insertConsultation: [{ application_id: 1, kind: 'third_party', party: '某公司', started_on: '2024-10-21' }],
        endConsultation: [1, '2024-10-25', '同意公开'],
        extension: [1],
        insertExtension: [
          {
            application_id: 1,
            days: 20,
            reason: '数据汇总',
            approver: '张主任',
            approved_on: '2024-10-25',
            notice: '延长',
            notified_on: '2024-10-25',
          },
        ],
        reply: [1],
        insertReply: [
          {
            application_id: 1,
            reply_type: 'disclosed',
            year: 2024,
            serial: 1,
            number: '平政办依复〔2024〕1号',
            replied_on: '2024-11-20',
            content: '见附件',
          },
        ],
        nextReplySerial: { args: [2024], results: [[{ last: 1 }]] },
        fee: [1],
        setFee: [
          { application_id: 1, method: 'per_volume', quantity: 45, amount_yuan: 150, explanation: '按量计收', noticed_on: '2024-11-20' },
        ],
        forAnnualTable: ['2024-01-01', '2024-12-31'],
      }),
    ],
  },
  {
    file: 'server/domains/disclosure/decisions.repository.ts',
    repositories: [
      repository('decisionsRepository', (ctx) => decisionsRepository(ctx.db), {
        catalogue: [2024],
        byId: [1],
        lockById: [1],
        nextSeq: { args: [2024], results: [[{ last: 3 }]] },
        insert: {
          args: [
            {
              year: 2024,
              seq: 4,
              title: '停车收费管理办法',
              organ: '县发展改革局',
              draft: '草案',
              explanation: '说明',
              background: '背景',
              state: 'planned',
            },
          ],
          results: [[{ id: 1 }]],
        },
        update: [1, { state: 'consulting', comment_opens_on: '2024-03-04', comment_closes_on: '2024-04-02' }],
        comments: [1],
        comment: [1, 2],
        commentBy: [1, 5, '建议延长夜间免费停车时段。'],
        addComment: { args: [{ decision_id: 1, user_id: 7, author: '王**', content: '建议夜间免费停车' }], results: [[{ id: 2 }]] },
        updateComment: [2, { moderation: 'approved', moderation_note: null }],
      }),
    ],
  },
];
