import {
  caseListQueries,
  caseTotalsQueries,
  casesOfType,
  casesRepository,
  countyWide,
  deskFiguresQueries,
  estimatedRows,
  handlersOfTarget,
  regionScope,
} from '../../../server/domains/cases/cases.repository.js';
import { handlingUnitsRepository } from '../../../server/domains/cases/handling-units.repository.js';
import { catalogueRepository } from '../../../server/domains/cases/catalogue.repository.js';
import { photosRepository } from '../../../server/domains/cases/photos.repository.js';
import { publicCasesRepository } from '../../../server/domains/cases/public.repository.js';
import { reportRepository } from '../../../server/domains/cases/report.repository.js';
import { reporterContactRepository } from '../../../server/domains/cases/reporter-contact.repository.js';
import { stepsRepository } from '../../../server/domains/cases/steps.repository.js';
import { supervisionRepository } from '../../../server/domains/cases/supervision.repository.js';
import { timelineRepository } from '../../../server/domains/cases/timeline.repository.js';
import { EVENTS_CHANNEL } from '../../../server/platform/events/publish.js';
import { fn, PAGE_AND_COUNT, repository, RETURNS_ID, type FileManifest } from '../manifest.js';

const NOW = new Date('2026-03-02T01:30:00.000Z');
const MONTH_AGO = new Date('2026-02-02T01:30:00.000Z');
const END_OF_DAY = new Date('2026-03-02T16:00:00.000Z');
const WORKBENCH_PAGE = { offset: 0, limit: 20, sort: 'deadline' } as const;
/** A grid the snapshot's community holds, as a case names its place. */
const GRID = { id: 230, path: '/1/4/17/230/' };
/** A new case's live event as the report statement completes it (its caseId set by the statement). */
const CASE_REPORTED = {
  type: 'case.reported' as const,
  regionPath: GRID.path,
  estateId: null,
  audience: { permissions: ['cases.read' as const], userIds: [] },
  data: { caseId: 0 },
};

const PLAN_ROWS = (n: number) => [{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': n } }] }];
const TOTALS_ROW = { reported: 0, accepted: 0, registered: 0, working: 0, handled: 0, verified: 0, suspended: 0, grid_desk: 0, all: 0 };

export const cases: FileManifest[] = [
  {
    file: 'server/domains/cases/cases.repository.ts',
    repositories: [
      repository('casesRepository', (ctx) => casesRepository(ctx.scoped), {
        byId: [9001],
        lock: [9001],
        // The capped count is read with executeTakeFirstOrThrow.
        list: {
          args: [{ statuses: ['dispatched', 'in_progress'], clock: 'red', q: '路灯', now: NOW }, WORKBENCH_PAGE],
          results: [[], [{ n0: 0 }]],
        },
        // A department's totals: the estimates of 全部 (its own cases past the cap, not counted), then one row per branch.
        totals: {
          args: [{ unitId: 7, source: 'hotline', now: NOW }],
          results: [PLAN_ROWS(300_000), PLAN_ROWS(12), [TOTALS_ROW, TOTALS_ROW]],
        },
        // 首页: a department's queue (two branches), the overview's areas under a town, today's reports.
        deskFigures: {
          args: [{ unitId: 7, statuses: ['dispatched', 'in_progress'], now: NOW }, END_OF_DAY],
          results: [[{ waiting: 0, overdue: 0, due_today: 0, nearly_due: 0 }]],
        },
        openByArea: [2, NOW],
        reportedSince: { args: [MONTH_AGO], results: [[{ n: 0 }]] },
        categoryWithChildren: [12],
        sourcesOf: [9001],
        eventsOf: [9001],
        eventById: [50001],
        supervisionsOf: [9001],
        reporterIds: [9001],
        follows: [9001, 43],
        nearbyOpen: [{ categoryId: 12, lat: 35.6, lon: 117.2, metres: 100, since: MONTH_AGO, excludeId: 9001 }],
        ofReporter: { args: [43, { offset: 0, limit: 20 }], results: PAGE_AND_COUNT },
        publicMap: [{ since: MONTH_AGO }],
        publicPlaceNames: [[{ id: 9001, region_path: GRID.path, house_id: 3001 }]],
        // A grid target: its path is read with executeTakeFirstOrThrow before its people.
        handlersOfTarget: { args: [{ unitId: null, regionId: GRID.id }], results: [[{ path: GRID.path }]] },
      }),
    ],
    functions: {
      // A department's list: its own cases and those it answers for after a transfer, as two branches.
      caseListQueries: fn(caseListQueries, (ctx) => [ctx.scoped, { unitId: 7, open: true, now: NOW }, WORKBENCH_PAGE]),
      // A grid worker's totals: 待我处理 (the grid's desk) counted in the same pass.
      caseTotalsQueries: fn(caseTotalsQueries, (ctx) => [ctx.scoped, { clock: 'red' as const, now: NOW }, GRID.path]),
      estimatedRows: fn(estimatedRows, (ctx) => [ctx.db, casesOfType(ctx.scoped, 'abandoned_vehicle')], [
        [{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': 60000 } }] }],
      ]),
      countyWide: fn(countyWide, (ctx) => [ctx.db]),
      // A unit target (the repository's method above shows a grid's).
      handlersOfTarget: fn(handlersOfTarget, (ctx) => [ctx.db, { unitId: 7, regionId: null }]),
      regionScope: fn(regionScope, (ctx) => [ctx.db, GRID.id], [[{ path: GRID.path }]]),
      casesOfType: fn(casesOfType, (ctx) => [ctx.scoped, 'abandoned_vehicle', { reportedBefore: NOW, countable: true }]),
      // 首页: a department's figures, both branches (its own handling and its transfers).
      deskFiguresQueries: fn(deskFiguresQueries, (ctx) => [
        ctx.scoped,
        { unitId: 7, statuses: ['dispatched', 'in_progress'], now: NOW },
        END_OF_DAY,
      ]),
    },
  },
  {
    file: 'server/domains/cases/handling-units.repository.ts',
    repositories: [
      repository('handlingUnitsRepository', (ctx) => handlingUnitsRepository(ctx.scoped), {
        seed: [[7, 8]],
        handles: [7],
        all: [],
        // The unit is looked up first; then the administrator's choice is written over the seeded one.
        set: { args: [7, false, 43], results: [[{ id: 7 }], []] },
        handlingUnits: [],
        regionTargets: [],
      }),
    ],
  },
  {
    file: 'server/domains/cases/catalogue.repository.ts',
    repositories: [
      repository('catalogueRepository', (ctx) => catalogueRepository(ctx.db), {
        activeCategories: [{ fresh: true }],
        categoryRows: [],
        categoryById: [12],
        reportRegions: [],
        unitById: [7],
        regionById: [GRID.id],
        rulesFor: [[12, 13]],
        allRules: [],
        insertRule: {
          args: [{ category_id: 12, region_id: GRID.id, org_unit_id: 7, note: '城关社区的路灯归县城市管理局' }],
          results: RETURNS_ID,
        },
        deleteOwnRule: [5],
        // The leader's duty and AB pair answered, so the backup is read too.
        leaderInCharge: {
          args: [7],
          results: [[{ id: 11, name: '分管副县长', duty: 'in_charge' }], [{ leader_a: 11, leader_b: 12 }]],
        },
        unitIdsByName: [],
        upsertCategory: {
          args: [{ code: 'street-light', name: '路灯不亮', parent_id: 10, sla_amount: 3, sla_unit: 'working_days', form: '[]' }],
          results: RETURNS_ID,
        },
        replaceCatalogueRules: [
          12,
          [
            { region_id: null, attribute_key: null, attribute_value: null, org_unit_id: 7, note: null },
            { region_id: GRID.id, attribute_key: 'road', attribute_value: 'rural', org_unit_id: 8, note: '农村公路' },
          ],
        ],
        deactivateAllBut: [['street-light', 'garbage']],
      }),
    ],
  },
  {
    file: 'server/domains/cases/photos.repository.ts',
    repositories: [
      repository('photosRepository', (ctx) => photosRepository(ctx.db), {
        insert: {
          args: [{ uploaded_by: 43, kind: 'photo', original_sha: 'a1', display_sha: 'a2', thumb_sha: 'a3', width: 1600, height: 1200 }],
          results: RETURNS_ID,
        },
        byId: [70],
        ofCase: [9001],
        countUnattachedOf: [43, [70, 71]],
        attach: [[70, 71], 9001, 50001],
      }),
    ],
  },
  {
    file: 'server/domains/cases/public.repository.ts',
    repositories: [
      repository('publicCasesRepository', (ctx) => publicCasesRepository(ctx.db), {
        publicServices: [],
        publicService: ['street-light'],
        publicCases: [{ serviceCodes: ['street-light'], from: MONTH_AGO, to: NOW, open: true, limit: 50 }],
        regionNames: [[1, 4, 17, GRID.id]],
        regionByCode: ['371425001001'],
        latestStatusSteps: [[9001, 9002]],
        firstPublicPhotos: [[9001, 9002]],
        publicPhoto: [70],
        caseOfToken: ['open311-token-1'],
        tokenOfCase: [9001],
      }),
    ],
  },
  {
    file: 'server/domains/cases/reporter-contact.repository.ts',
    repositories: [repository('reporterContactRepository', (ctx) => reporterContactRepository(ctx.db), { sourcesOf: [9001] })],
  },
  {
    file: 'server/domains/cases/report.repository.ts',
    repositories: [
      repository('reportRepository', (ctx) => reportRepository(ctx.db), {
        insertReported: [
          {
            numberDate: '20260302',
            case: {
              category_id: 12,
              source: 'resident',
              title: '路灯不亮',
              description: '小区门口路灯不亮',
              attributes: {},
              is_public: true,
              urgent: false,
              lon: 117.2,
              lat: 35.6,
              address: '城关社区幸福小区门口',
              location_text: '城关社区 · 幸福小区3号楼附近约20米',
              house_id: null,
              region_id: GRID.id,
              region_path: GRID.path,
              reporter_user_id: 43,
              idempotency_key: 'report-43-1',
              idempotency_fingerprint: 'f1',
              reported_at: NOW,
              due_at: null,
              warn_at: null,
              step: 'accept',
              step_due_at: null,
              next_deadline_at: null,
            },
            source: { reference: null, reporter_name: '王芳', reporter_phone: '13800000000', anonymous: false },
            event: { actor_user_id: 43, actor_name: '王芳', data: {} },
            nearby: { lat: 35.6, lon: 117.2, dLat: 0.001, dLon: 0.001, since: MONTH_AGO },
            announcement: { channel: EVENTS_CHANNEL, payload: JSON.stringify(CASE_REPORTED) },
          },
        ],
        byIdempotencyKey: ['report-43-1'],
        insertLinkedPhoto: [{ caseId: 9001, eventId: 50001, mediaUrl: 'https://example.org/photo.jpg' }],
        houseById: [3001],
        regionById: [GRID.id],
        homeOf: [1001],
        county: { args: [], results: [[{ id: 1, path: '/1/' }]] },
        insertSource: [{ caseId: 9001, source: 'resident', userId: 44, name: '李强', description: '我也看到了', at: NOW }],
      }),
    ],
  },
  {
    file: 'server/domains/cases/steps.repository.ts',
    repositories: [
      repository('stepsRepository', (ctx) => stepsRepository(ctx.db), {
        updateCase: [9001, { status: 'dispatched', dispatched_at: NOW, handler_unit_id: 7, pending_request: null, last_event_at: NOW }],
        // One source of the merged case answered, so its copy is written.
        copySources: {
          args: [9002, 9001],
          results: [
            [
              {
                source: 'resident',
                reference: null,
                reporter_user_id: 44,
                reporter_name: '李强',
                reporter_phone: '13900000000',
                anonymous: false,
                description: '路灯不亮',
                reported_at: MONTH_AGO,
              },
            ],
          ],
        },
        insertSupervision: [{ case_id: 9001, level: 1, org_unit_id: 7, reason: '处置已超时限' }],
        scheduleQuestionnaires: [9001, [43, 44], NOW],
        questionnaireOf: [9001, 43],
        answerQuestionnaire: [9001, 43, { at: NOW, fixed: true, comment: '已修好' }],
      }),
    ],
  },
  {
    file: 'server/domains/cases/supervision.repository.ts',
    repositories: [
      repository('supervisionRepository', (ctx) => supervisionRepository(ctx.scoped), {
        claimOverdue: [NOW, { working: new Date('2026-03-03T01:30:00.000Z'), calendar: new Date('2026-03-02T09:00:00.000Z') }],
        claimEscalations: [NOW],
        // A questionnaire answered as claimed, so its case's number is read.
        claimDueQuestionnaires: { args: [NOW], results: [[{ case_id: 9001, user_id: 43 }]] },
        townOf: { args: [GRID.id], results: [[{ path: GRID.path }]] },
        noticeById: [80],
        acknowledge: [80, NOW, 42],
        notices: { args: [{ openOnly: true }, { offset: 0, limit: 20 }], results: PAGE_AND_COUNT },
        board: [NOW],
        foldStatusCounts: { args: [], results: [[{ lines: 0 }]] },
        statistics: [{ from: MONTH_AGO, to: NOW }],
      }),
    ],
  },
  {
    file: 'server/domains/cases/timeline.repository.ts',
    repositories: [
      repository('timelineRepository', (ctx) => timelineRepository(ctx.db), {
        insertEvent: {
          args: [
            { case_id: 9001, at: NOW, actor_user_id: 42, actor_name: '社区工作人员', action: 'dispatch', note: '请尽快处理', data: '{}' },
          ],
          results: RETURNS_ID,
        },
        touchCase: [9001, NOW],
        listenersOf: {
          args: [9001],
          // The case, then its grid target's path before the grid's people.
          results: [
            [{ region_path: GRID.path, status: 'dispatched', handler_unit_id: null, handler_region_id: GRID.id, reporter_ids: ['43'] }],
            [{ path: GRID.path }],
          ],
        },
        // The event's id and time are drawn when it is raised.
        announce: {
          args: [{ ...CASE_REPORTED, type: 'case.step', data: { caseId: 9001, lineId: 1, action: 'dispatch', status: 'dispatched' } }],
          random: [2],
        },
      }),
    ],
  },
];
