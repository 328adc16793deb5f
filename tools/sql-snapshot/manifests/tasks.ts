import { gazetteImportRepository } from '../../../server/domains/tasks/gazette-import.repository.js';
import { tasksRepository } from '../../../server/domains/tasks/tasks.repository.js';
import { PAGE_AND_COUNT, repository, RETURNS_ID, type FileManifest } from '../manifest.js';

const UNIT = { all: false as const, orgUnitId: 12, regionId: null };
const REPORTED: [{ measureId: number; value: number }] = [{ measureId: 3, value: 20000 }];

export const tasks: FileManifest[] = [
  {
    file: 'server/domains/tasks/tasks.repository.ts',
    repositories: [
      repository('tasksRepository', (ctx) => tasksRepository(ctx.scoped), {
        lists: [],
        listById: [1],
        tasks: [UNIT, { listId: 1, orgUnitIds: [12, 13], q: '政务公开' }],
        unitsOf: [[1, 2]],
        reportsOf: [[1, 2]],
        filesOf: [[1]],
        fileById: [1, 2],
        targetsOf: [1],
        measuresOf: [[1, 2]],
        actionsOf: [1],
        actions: { args: [UNIT, { kind: 'notice' }, { offset: 0, limit: 20 }], results: PAGE_AND_COUNT },
        listByIdempotencyKey: ['user:1:0f6c2f4e-1d3a-4a8b-9f00-5b7a1c2d3e4f'],
        insertList: {
          args: [
            {
              title: '县政府常务会议议定事项',
              kind: 'manual',
              decision_id: 3,
              issued_on: '2023-09-01',
              created_by: 1,
              idempotency_key: 'user:1:0f6c2f4e-1d3a-4a8b-9f00-5b7a1c2d3e4f',
              idempotency_fingerprint: 'ab12',
            },
          ],
          results: RETURNS_ID,
        },
        insertTask: { args: [{ list_id: 1, seq: 1, task: '落实议定事项', deadline: '2023-10-31', ongoing: false }], results: RETURNS_ID },
        insertUnits: [[{ task_id: 1, role: 'lead', printed_name: '县财政局', org_unit_id: 12, region_id: null, sort: 0 }]],
        updateTask: [1, { deadline: '2023-11-30', deadline_text: '2023年11月底前' }],
        upsertReport: {
          args: [
            {
              task_unit_id: 1,
              month: '2023-08-01',
              text: '进展',
              figures: JSON.stringify(REPORTED),
              submitted_by: 1,
              submitted_at: new Date('2023-09-05T02:00:00Z'),
            },
          ],
          results: RETURNS_ID,
        },
        reportById: [1],
        insertFile: {
          args: [{ report_id: 1, file_name: '佐证.pdf', sha256: 'a'.repeat(64), extension: '.pdf', size: 10, uploaded_by: 1 }],
          results: RETURNS_ID,
        },
        insertAction: {
          args: [{ task_id: 1, task_unit_id: 2, kind: 'notice', text: '限期报送', respond_by: '2023-09-15', created_by: 1 }],
          results: RETURNS_ID,
        },
        recordedAssessments: [1],
        recordAssessment: [1, '2023', [{ unit_key: 'unit:12', unit_name: '县财政局', timeliness: 75, completion: 100, score: 90 }], 1],
      }),
    ],
  },
  {
    file: 'server/domains/tasks/gazette-import.repository.ts',
    repositories: [
      repository('gazetteImportRepository', (ctx) => gazetteImportRepository(ctx.db), {
        upsertList: {
          args: [{ number: '平政办发〔2023〕5号', document_id: 7, title: '任务分解表', kind: 'table', issued_on: '2023-07-28' }],
          results: RETURNS_ID,
        },
        upsertTask: {
          args: [
            {
              list_id: 1,
              seq: 1,
              category: null,
              task: '深化重点领域信息公开',
              requirement: '聚焦重点工作',
              deadline: '2023-12-31',
              ongoing: false,
              deadline_text: '2023年12月底前',
              starts_on: null,
            },
          ],
          results: RETURNS_ID,
        },
        dropTasksExcept: [1, [1, 2, 3]],
        upsertTarget: {
          args: [{ task_id: 1, period: '全年目标', due: '2023-12-31', text: '全年数币消费笔数突破2万笔', sort: 2 }],
          results: RETURNS_ID,
        },
        dropTargetsFrom: [1, 3],
        upsertMeasure: [{ target_id: 1, label: '全年数币消费笔数突破2万笔', quantity: 20000, unit: '笔', sort: 0 }],
        dropMeasuresFrom: [1, 2],
        unitsOf: [1],
        insertUnit: [{ task_id: 1, role: 'lead', printed_name: '县发改局', org_unit_id: 7, region_id: null, sort: 0 }],
        updateUnit: [1, { role: 'co', printed_name: '县工信局', sort: 1 }],
        dropUnits: [[1, 2]],
      }),
    ],
  },
];
