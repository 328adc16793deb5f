import { deviceTypesRepository } from '../../../server/domains/iot/device-types.repository.js';
import { devicesRepository } from '../../../server/domains/iot/devices.repository.js';
import { devicesImportRepository } from '../../../server/domains/iot/devices-import.repository.js';
import { PAGE_AND_COUNT, repository, RETURNS_ID, type FileManifest } from '../manifest.js';

export const iot: FileManifest[] = [
  {
    file: 'server/domains/iot/device-types.repository.ts',
    repositories: [
      repository('deviceTypesRepository', (ctx) => deviceTypesRepository(ctx.db), {
        upsertType: [
          {
            code: 'smoke_detector',
            name: '独立式烟感探测器',
            category: '消防安全',
            fields: '[{"key":"smoke","label":"烟雾","type":"boolean"}]',
            events: '[]',
            offline_minutes: 60,
            has_camera: false,
            case_category_code: null,
            sort: 0,
          },
        ],
        upsertDefaultRule: ['smoke_detector', 'smoke', '{"code":"smoke","kind":"threshold"}'],
      }),
    ],
  },
  {
    file: 'server/domains/iot/devices.repository.ts',
    repositories: [
      repository('devicesRepository', (ctx) => devicesRepository(ctx.scoped), {
        list: {
          args: [
            { q: 'SD-00', typeCode: 'smoke_detector', status: 'active', online: true, estateId: 12 },
            { offset: 20, limit: 20 },
          ],
          results: PAGE_AND_COUNT,
        },
        byId: [7],
        serialRegistered: ['SD-0001'],
        byIdempotencyKey: ['user:9:reg-000001'],
        insert: {
          args: [
            {
              serial: 'SD-0001',
              type_code: 'smoke_detector',
              name: '独立式烟感探测器',
              region_id: 31,
              region_path: '/1/4/17/31/',
              estate_id: 12,
              building_id: 40,
              house_id: 1001,
              unit_name: '1单元',
              floor: 5,
              mqtt_username: 'SD-0001.0a1b2c3d',
              secret_sha256: '<sha256>',
              credentials_issued_at: new Date('2026-12-05T08:00:00Z'),
              idempotency_key: 'user:9:reg-000001',
              idempotency_fingerprint: '<sha256>',
            },
          ],
          results: RETURNS_ID,
        },
        update: [7, { status: 'maintenance', name: '3号楼烟感' }],
        type: ['smoke_detector'],
        types: [],
        typeRules: [],
      }),
    ],
  },
  {
    file: 'server/domains/iot/devices-import.repository.ts',
    repositories: [
      repository('devicesImportRepository', (ctx) => devicesImportRepository(ctx.scoped), {
        inScope: [['SD-0001', 'SD-0002']],
        registered: [['SD-0003']],
        types: [],
        insert: [
          {
            serial: 'SD-0003',
            type_code: 'smoke_detector',
            name: '独立式烟感探测器',
            region_id: 17,
            region_path: '/1/4/17/',
            estate_id: 12,
            mqtt_username: 'SD-0003.0a1b2c3d',
            secret_sha256: '<sha256>',
            credentials_issued_at: new Date('2026-12-05T08:00:00Z'),
            import_job_id: 5,
            credentials_pending: true,
          },
        ],
        update: [7, { firmware: 'v2.1.0' }],
        pendingOfJob: [5, new Date('2026-12-05T07:30:00Z')],
      }),
    ],
  },
];
