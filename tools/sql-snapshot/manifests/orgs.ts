import { gazetteOrgsRepository } from '../../../server/domains/orgs/gazette/gazette-orgs.repository.js';
import { orgsRepository } from '../../../server/domains/orgs/orgs.repository.js';
import { propertyCompaniesRepository } from '../../../server/domains/orgs/property-companies.repository.js';
import { PAGE_AND_COUNT, repository, RETURNS_ID, type FileManifest } from '../manifest.js';

const NOTICE = '平政发〔2026〕1号';

export const orgs: FileManifest[] = [
  {
    file: 'server/domains/orgs/gazette/gazette-orgs.repository.ts',
    repositories: [
      repository('gazetteOrgsRepository', (ctx) => gazetteOrgsRepository(ctx.db), {
        unitsNamed: [['县城市管理局', '县交通运输局']],
        updateUnit: [7, { kind: 'department', aliases: ['城管局'], parent_id: null }],
        insertUnit: { args: [{ name: '县交通运输局', kind: 'department', aliases: ['交通局'], parent_id: null }], results: RETURNS_ID },
        upsertLeader: { args: ['分管副县长'], results: RETURNS_ID },
        upsertPost: [{ leader_id: 11, body: '县政府', rank: 3, source_doc: NOTICE }],
        forgetNotice: [NOTICE],
        insertDuties: [
          [
            { leader_id: 11, duty: 'in_charge', work_area: '城市管理', org_unit_id: 7, assists_leader_id: null, source_doc: NOTICE },
            { leader_id: 12, duty: 'assist', work_area: '城市管理', org_unit_id: 7, assists_leader_id: 11, source_doc: NOTICE },
          ],
        ],
        upsertAbPairs: [[{ leader_a: 11, leader_b: 12, source_doc: NOTICE }]],
      }),
    ],
  },
  {
    file: 'server/domains/orgs/orgs.repository.ts',
    repositories: [
      repository('orgsRepository', (ctx) => orgsRepository(ctx.db), {
        units: {
          args: [
            { q: '城管', kind: 'department' },
            { offset: 0, limit: 20 },
          ],
          results: PAGE_AND_COUNT,
        },
        unitById: [7],
        unitNamedAnyOf: [['平阴县人民政府办公室', '县政府办公室']],
        allUnits: [],
        duties: [{ leaderIds: [11, 12] }],
        leaders: [],
        posts: [],
        abPairs: [],
      }),
    ],
  },
  {
    file: 'server/domains/orgs/property-companies.repository.ts',
    repositories: [
      repository('propertyCompaniesRepository', (ctx) => propertyCompaniesRepository(ctx.scoped), {
        companies: [],
        managedEstates: [],
      }),
    ],
  },
];
