import { deviceTypesRepository } from '../../../server/domains/iot/device-types.repository.js';
import { alarmsRepository, alarmWritesRepository } from '../../../server/domains/iot/alarms.repository.js';
import { alarmOverviewRepository } from '../../../server/domains/iot/alarm-overview.repository.js';
import { alarmCasesRepository } from '../../../server/domains/iot/alarm-cases.repository.js';
import { alarmContextRepository } from '../../../server/domains/iot/alarm-context.repository.js';
import { ruleLoadRepository } from '../../../server/domains/iot/rules-for-devices.repository.js';
import { ingestRepository } from '../../../server/domains/iot/ingest/ingest.repository.js';
import { telemetryReadRepository, telemetryRepository } from '../../../server/domains/iot/telemetry.repository.js';
import { devicesRepository } from '../../../server/domains/iot/devices.repository.js';
import { devicesImportRepository } from '../../../server/domains/iot/devices-import.repository.js';
import { brokerAuthRepository } from '../../../server/domains/iot/broker-auth.repository.js';
import { incidentsRepository } from '../../../server/domains/iot/incidents.repository.js';
import { ruleTimersRepository } from '../../../server/domains/iot/rule-timers.repository.js';
import { PAGE_AND_COUNT, repository, RETURNS_ID, type FileManifest } from '../manifest.js';

const NOW = new Date('2026-03-02T01:30:00.000Z');
const at = new Date('2026-12-05T08:00:00Z');

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
    file: 'server/domains/iot/alarm-overview.repository.ts',
    repositories: [
      repository('alarmOverviewRepository', (ctx) => alarmOverviewRepository(ctx.scoped), {
        openCounts: { args: [], results: [[]] },
        raisedByHour: { args: [at], results: [[]] },
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
        lockIncident: [5],
        lockUnacknowledgedOfIncident: [5],
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
    file: 'server/domains/iot/alarm-cases.repository.ts',
    repositories: [
      repository('alarmCasesRepository', (ctx) => alarmCasesRepository(ctx.db), {
        claimDue: { args: [NOW], results: [[]] },
        claimClearToNote: { args: [], results: [[]] },
        update: [7, { case_id: 31, case_due_at: null, case_error: null }],
        insertEvent: [7, NOW, 'case', '已生成案件 PY20260302001，派遣至 第一网格'],
        propertyStaff: { args: [5], results: [[{ name: '锦源物业' }], [{ id: 61 }]] },
        caseIdsOf: [[7, 8]],
        openAlarmsOfCase: [31],
        incidentCase: { args: [9], results: [[{ case_id: 31 }]] },
        setIncidentCase: [9, 31],
      }),
    ],
  },
  {
    file: 'server/domains/iot/alarm-context.repository.ts',
    repositories: [
      repository('alarmContextRepository', (ctx) => alarmContextRepository(ctx.scoped), {
        camerasNear: [{ buildingId: 40, estateId: 12, box: { minLat: 36.28, maxLat: 36.29, minLon: 116.45, maxLon: 116.46 } }],
      }),
    ],
  },
  {
    file: 'server/domains/iot/ingest/ingest.repository.ts',
    repositories: [
      repository('ingestRepository', (ctx) => ingestRepository(ctx.db), {
        deviceByUsername: ['SD-0001.1a2b3c4d'],
        devicesBySerial: [['SD-0001', 'SD-0002']],
        deviceTypes: [],
        recordAuthFailure: [7, at],
        lockDeviceStates: [[9, 7]],
        finishBatch: [
          {
            states: [{ deviceId: 7, ts: at, values: { smoke: false }, ruleState: null }],
            touches: [{ id: 7, seenAt: at, online: true, battery: 87, firmware: null }],
            day: '2026-12-05',
            counts: new Map([['stored', 1]]),
          },
        ],
        insertDeadLetters: [
          [
            {
              transport: 'mqtt',
              topic: 'civicgrid/v1/SD-0001/telemetry',
              serial: 'SD-0001',
              device_id: 7,
              reason: 'OUT_OF_RANGE',
              detail: '字段 battery 的值 120 超出范围 0–100',
              payload: '{"values":{"battery":120}}',
              received_at: at,
            },
          ],
        ],
        countsOf: ['2026-12-05'],
        trimDeadLetters: [10_000],
        markSilentOffline: [at],
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
    file: 'server/domains/iot/incidents.repository.ts',
    repositories: [
      repository('incidentsRepository', (ctx) => incidentsRepository(ctx.db), {
        lockPlace: ['smoke', { level: 'building', id: 40 }],
        openAt: ['smoke', { level: 'estate', id: 12 }],
        open: {
          args: [
            {
              ruleCode: 'smoke',
              typeCode: 'smoke_detector',
              regionPath: '/1/4/17/230/',
              estateId: 12,
              buildingId: 40,
              severity: 'critical',
              at: NOW,
            },
          ],
          results: RETURNS_ID,
        },
        join: { args: [5, NOW, 'critical'], results: [[{ alarm_count: 2 }]] },
        closeSettled: [NOW, 120],
      }),
    ],
  },
  {
    file: 'server/domains/iot/rule-timers.repository.ts',
    repositories: [
      repository('ruleTimersRepository', (ctx) => ruleTimersRepository(ctx.db), {
        devicePage: { args: [0, 500], results: [[{ device_id: 3 }]] },
        lockStates: [[3, 4]],
        saveRuleStates: [[{ deviceId: 3, ruleState: { smoke: { active: false } } }]],
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
  {
    file: 'server/domains/iot/telemetry.repository.ts',
    repositories: [
      repository('telemetryRepository', (ctx) => telemetryRepository(ctx.db), {
        insertReadings: { args: [[{ deviceId: 7, ts: at, msgKey: 'm-1', values: { smoke: false } }]], results: [[{ n: 1, stored: null }]] },
        partitions: [],
        createPartition: ['2026-12-05'],
        dropPartition: ['iot_telemetry_20260906'],
        rolledUntil: [],
        rollUpHours: [new Date('2026-12-05T06:00:00Z'), at],
        dropHoursBefore: [new Date('2024-12-05T00:00:00Z')],
      }),
      repository('telemetryReadRepository', (ctx) => telemetryReadRepository(ctx.scoped), {
        device: [7],
        rolledUntil: [],
        buckets: [7, new Date('2026-12-04T08:00:00Z'), at, 300, ['lel', 'valve_closed'], null],
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
  {
    file: 'server/domains/iot/broker-auth.repository.ts',
    repositories: [
      repository('brokerAuthRepository', (ctx) => brokerAuthRepository(ctx.db), {
        deviceByUsername: ['SD-0001.1a2b3c4d'],
        mosquittoAccounts: [],
      }),
    ],
  },
];
