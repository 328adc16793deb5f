import { deviceTypesRepository } from '../../../server/domains/iot/device-types.repository.js';
import { alarmsRepository, alarmWritesRepository } from '../../../server/domains/iot/alarms.repository.js';
import { ruleLoadRepository } from '../../../server/domains/iot/rules-for-devices.repository.js';
import { repository, type FileManifest } from '../manifest.js';

const NOW = new Date('2026-03-02T01:30:00.000Z');

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
    file: 'server/domains/iot/alarms.repository.ts',
    repositories: [
      repository('alarmsRepository', (ctx) => alarmsRepository(ctx.scoped), {
        list: {
          args: [{ page: 1, pageSize: 20, status: 'unacknowledged', severity: 'critical', estateId: 12 }],
          results: [[], [{ n: 0 }]],
        },
        byId: [7],
        lockById: [7],
        update: [7, { acknowledged_at: NOW, acknowledged_by: 43 }],
        events: [7],
        insertEvent: [{ alarmId: 7, at: NOW, action: 'acknowledge', userId: 43, userName: '王芳', note: null }],
        userNames: [[43, 44]],
      }),
      repository('alarmWritesRepository', (ctx) => alarmWritesRepository(ctx.db), {
        latest: [3, ['smoke', 'battery_low']],
        insert: {
          args: [
            {
              deviceId: 3,
              ruleCode: 'smoke',
              ruleName: '烟雾报警',
              severity: 'critical',
              regionPath: '/1/4/17/230/',
              estateId: 12,
              buildingId: 40,
              at: NOW,
              detail: '烟雾 是',
              value: true,
              readings: { smoke: true, battery: 80 },
              snapshotUrl: null,
              flapping: false,
            },
          ],
          results: [[{ id: 7 }]],
        },
        update: [7, { count: 2, last_at: NOW, condition_active: true }],
        insertEvent: [7, NOW, 'raise', '烟雾 是'],
      }),
    ],
  },
  {
    file: 'server/domains/iot/rules-for-devices.repository.ts',
    repositories: [
      repository('ruleLoadRepository', (ctx) => ruleLoadRepository(ctx.db), {
        devices: [[3, 4]],
        rules: [
          ['smoke_detector', 'gas_detector'],
          [3, 4],
        ],
      }),
    ],
  },
];
