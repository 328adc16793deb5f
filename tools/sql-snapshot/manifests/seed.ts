import { caseSeedRepository } from '../../../server/seed/cases.repository.js';
import { countyRepository } from '../../../server/seed/county.repository.js';
import { installRepository } from '../../../server/seed/install.repository.js';
import { devicesSeedRepository } from '../../../server/seed/devices.repository.js';
import { repository, type FileManifest } from '../manifest.js';

const NOW = new Date('2026-03-02T01:30:00.000Z');
const CASE_IDS = [9001, 9002];

export const seed: FileManifest[] = [
  {
    file: 'server/seed/cases.repository.ts',
    repositories: [
      repository('caseSeedRepository', (ctx) => caseSeedRepository(ctx.db), {
        categories: [],
        routingRules: [],
        grids: [],
        communities: [],
        estates: [],
        housesByGrid: [],
        buildingsByGrid: [],
        county: { args: [], results: [[{ id: 1, name: '平邑县' }]] },
        reserveCaseNumbers: { args: [500], results: [[{ base: '1000' }]] },
        // One generated row per table: each goes in as one array per column (docs/decisions/006).
        insertDay: [
          {
            cases: [{ id: 9001, number: 'PY20260302000123', category_id: 12, status: 'reported', source: 'resident', attributes: '{}' }],
            sources: [{ id: 1, case_id: 9001, source: 'resident', anonymous: false, reported_at: NOW }],
            events: [{ id: 50001, case_id: 9001, at: NOW, actor_name: '王芳', action: 'report', audience: 'public', data: '{}' }],
            supervisions: [],
          },
        ],
        vacuumAnalyze: [],
        demoResident: [],
        residentReportIn: [['dispatched', 'closed'], [9003], '/1/4/17/'],
        makeReporter: [{ id: 43, name: '王芳', phone: '13800000000' }, CASE_IDS, ['report', 'comment']],
        publicLines: [CASE_IDS],
        closedOf: [CASE_IDS],
        insertNotifications: [
          [
            {
              user_id: 43,
              kind: 'case_closed',
              case_id: 9001,
              title: '事件已办结',
              body: 'PY20260302000123 已办结',
              audience: 'public',
              created_at: NOW,
            },
          ],
        ],
        insertQuestionnaire: [{ case_id: 9001, user_id: 43, send_at: NOW, sent_at: null }],
      }),
    ],
  },
  {
    file: 'server/seed/county.repository.ts',
    repositories: [
      repository('countyRepository', (ctx) => countyRepository(ctx.db), {
        hasResidents: [],
        regions: [],
        placeRegions: [[{ id: 4, lon: 116.4551, lat: 36.2869 }]],
        estateNames: [],
        propertyCompaniesNamed: [['平邑县物业服务有限公司']],
        vacuumAnalyze: [['residents', 'houses']],
      }),
    ],
  },
  {
    file: 'server/seed/install.repository.ts',
    repositories: [
      repository('installRepository', (ctx) => installRepository(ctx.db), {
        isMarked: [],
        hasRegions: [],
        mark: ['demo'],
      }),
    ],
  },
  {
    file: 'server/seed/devices.repository.ts',
    repositories: [
      repository('devicesSeedRepository', (ctx) => devicesSeedRepository(ctx.db), {
        estates: [],
        buildings: [],
        communities: [],
        gridPaths: [],
        elderlyLivingAloneHomes: [40],
        insertDevices: [
          [
            {
              serial: 'PY-SD-00001',
              type_code: 'smoke_detector',
              name: '锦绣花园3号楼1层楼道烟感',
              region_id: 230,
              region_path: '/1/4/17/230/',
              estate_id: 12,
              building_id: 40,
              floor: 1,
              mqtt_username: 'PY-SD-00001.demo',
              secret_sha256: 'c0ffee',
              credentials_issued_at: NOW,
            },
          ],
        ],
      }),
    ],
  },
];
