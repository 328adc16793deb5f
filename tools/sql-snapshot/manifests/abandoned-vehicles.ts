import {
  avReportsRepository,
  campaignsRepository,
  dossiersRepository,
} from '../../../server/domains/abandoned-vehicles/abandoned-vehicles.repository.js';
import type { CampaignInput, CampaignPlan } from '../../../common/contracts/abandoned-vehicles.js';
import { repository, type FileManifest } from '../manifest.js';

const NOW = new Date('2026-03-02T01:30:00.000Z');
const PERIOD = { from: new Date('2026-01-31T16:00:00.000Z'), to: new Date('2026-02-28T16:00:00.000Z') };

// 平政办字〔2023〕7号: the county's campaign against abandoned vehicles, in two phases.
const CAMPAIGN: CampaignInput = {
  code: 'av-2023',
  name: '废弃汽车专项整治',
  docNumber: '平政办字〔2023〕7号',
  issuedOn: '2023-03-01',
  issuingUnit: '平邑县人民政府办公室',
  legalBasis: '《城市市容和环境卫生管理条例》',
  reportDay: 8,
  phases: [
    { code: 'survey', name: '摸底排查', startsOn: '2023-03-01', endsOn: '2023-03-31' },
    { code: 'clear', name: '集中清理', startsOn: '2023-04-01', endsOn: '2023-06-30' },
  ],
};
/** A plan as plan.ts reads it from the gazette, cut short: the statement's shape is what matters. */
const PLAN: CampaignPlan = {
  sourceDoc: CAMPAIGN.docNumber,
  coordination: { name: '协调机制', lead: '县发展和改革局', convener: '召集人', office: '办公室', remit: '职责', members: [] },
  reporting: {
    monthlyDueDay: 8,
    monthlyFrom: '各镇（街道）',
    monthlyTo: '协调机制办公室',
    monthlyContents: ['印发政策文件'],
    yearEndDue: '2023年年底',
    yearEndContent: '完成情况',
    yearEndTo: '协调机制办公室',
  },
};

/** A campaign row as av_campaigns holds it, answered so that its phases are read too. */
const CAMPAIGN_ROW = { id: 1, code: CAMPAIGN.code, issued_on: CAMPAIGN.issuedOn };

export const abandonedVehicles: FileManifest[] = [
  {
    file: 'server/domains/abandoned-vehicles/abandoned-vehicles.repository.ts',
    repositories: [
      repository('campaignsRepository', (ctx) => campaignsRepository(ctx.db), {
        list: { args: [], results: [[CAMPAIGN_ROW]] },
        byId: { args: [1], results: [[CAMPAIGN_ROW]] },
        byCode: [CAMPAIGN.code],
        // The transaction's BEGIN answers first; the insert's returned id then lets the phases be written.
        insert: { args: [CAMPAIGN, true], results: [[], [{ id: 1 }]] },
        setPlan: [1, PLAN],
        update: [1, CAMPAIGN],
      }),
      repository('dossiersRepository', (ctx) => dossiersRepository(ctx.db), {
        byCase: [9001],
        ensure: [9001, 1],
        update: [9001, { owner_status: 'found', vehicle_id: 7, owner_id: 1001, owner_checked_at: NOW }, NOW],
        objectionsOf: [9001],
        insertObjection: {
          args: [{ caseId: 9001, raisedAt: NOW, raisedBy: '车主张某', content: '车辆仍在使用', userId: 42 }],
          results: [[{ id: 1 }]],
        },
        resolveObjection: [1, { at: NOW, resolution: '车主已移走车辆', userId: 42 }],
        vehicleByPlate: ['鲁Q12345'],
      }),
      repository('avReportsRepository', (ctx) => avReportsRepository(ctx.scoped), {
        measuresBy: [{ ...PERIOD, by: 'town' }],
        towns: [],
        disposedCases: [{ ...PERIOD, limit: 5 }],
      }),
    ],
  },
];
