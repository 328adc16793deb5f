import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { ROLES, type Role } from '../../common/enums.js';
import { ROLE_PERMISSIONS, type Permission } from '../platform/auth/permissions.js';
import { buildTestApp, loginAs } from './app.js';
import { scanResponse } from './response-scan.js';
import { alarmWritesRepository } from '../domains/iot/alarms.repository.js';
import { incidentsRepository } from '../domains/iot/incidents.repository.js';
import { listening, openAdmitted, openEventStream, type EventStreamClient } from './sse-client.js';
import { importGazetteDocuments } from '../domains/documents/index.js';
import { opennessPoints } from '../domains/documents/documents.fixtures.js';
import {
  buildCasePhoto,
  buildDevice,
  buildGridWorker,
  buildHouse,
  buildResident,
  buildUser,
  buildVillageHouse,
  makeIdCard,
  regionByName,
  seedCasework,
} from './factories.js';

/**
 * Walks every API route with every role, signed in from two different regions, and proves:
 * a route refuses roles without its permission; an object of the other region is 404, exactly
 * (as if it did not exist), and never appears in a list; ID numbers and phones stay masked for
 * roles that may not see them in full, wherever they sit in a response; restricted reads are
 * audited. A route missing from ROUTES fails the test, so each new route must say here how it is
 * scoped. Who may do what with a case by their relation to it is walked in
 * relations/case-relations.int.test.ts.
 */

type World = Awaited<ReturnType<typeof buildWorld>>;
interface RouteCase {
  /** A list means "any one of these". */
  permission: Permission | Permission[] | 'signed_in' | 'public';
  /**
   * detail: the URL names an object of a world's region; case: an object reached through a case,
   * which a county department sees only when it is its unit's (so the other world's is 404 to
   * it too); list: a list that must not show the other world.
   */
  scope: 'detail' | 'case' | 'list' | 'global' | 'own';
  url: (w: World) => string;
  body?: (w: World) => unknown;
  auditAction?: string;
  /** Status for the caller's own world when allowed (default 200). */
  ok?: number[];
  /** A role allowed the route but with no relation to the world's object (e.g. property staff and a case). */
  okFor?: Partial<Record<Role, number[]>>;
  /** Numbers the route answers in full by design, to its own audited request (查看完整号码, decision 019). */
  reveals?: (w: World) => string[];
  /** A text/event-stream: opened over a socket and closed once it starts (its events are walked below). */
  stream?: true;
}

const MARK = ['甲区标记', '乙区标记'] as const;
/** A fresh name part for routes that create (no I or O, so it may sit in a plate). */
let freshCount = 0;
const fresh = () => `${(++freshCount).toString(36)}${Math.random().toString(36).slice(2, 6)}`.replace(/[io]/g, 'x');

const CAMPAIGN = {
  code: 'auth-walk-2027',
  name: '授权测试专项',
  docNumber: '测试〔2027〕1号',
  issuedOn: '2027-01-04',
  issuingUnit: '平阴县人民政府办公室',
  legalBasis: '依据测试',
  phases: [{ code: 'survey', name: '排查', startsOn: '2027-01-05', endsOn: '2027-02-05' }],
};

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
const AV_ROUTES: ['GET' | 'POST', string, (() => object) | undefined][] = [
  ['GET', '', undefined],
  ['POST', '/owner-lookup', () => ({})],
  ['POST', '/owner-notice', () => ({ method: 'phone', deadline: inAWeek() })],
  ['POST', '/public-notice', () => ({ method: 'posted', deadline: inAWeek() })],
  ['GET', '/public-notice.docx', undefined],
  ['POST', '/objections', () => ({ raisedBy: '车主', content: '车辆仍在使用' })],
  ['POST', '/objections/{objectionId}/resolve', () => ({ resolution: '已核实' })],
  ['POST', '/disposal', () => ({ outcome: 'self_cleared' })],
];

const ROUTES: Record<string, RouteCase> = {
  'GET /api/health': { permission: 'public', scope: 'global', url: () => '/api/health' },
  // Devices sign in with their own token, not a session (iot/ingest/ingest.routes.ts): 401 without one.
  'POST /api/iot/telemetry': {
    permission: 'public',
    scope: 'global',
    url: () => '/api/iot/telemetry',
    body: () => ({ readings: [{ values: { smoke: false } }] }),
    ok: [401],
  },
  // An external broker asks with BROKER_AUTH_SECRET, not a session (iot/broker-auth.routes.ts): unset here, so off.
  'POST /api/iot/broker/authenticate': {
    permission: 'public',
    scope: 'global',
    url: () => '/api/iot/broker/authenticate',
    body: () => ({ username: 'nobody', password: 'x' }),
    ok: [503],
  },
  'POST /api/iot/broker/authorize': {
    permission: 'public',
    scope: 'global',
    url: () => '/api/iot/broker/authorize',
    body: () => ({ username: 'nobody', topic: 'civicgrid/v1/X/telemetry', action: 'publish' }),
    ok: [503],
  },
  'GET /api/iot/devices/{id}/telemetry': {
    permission: 'iot.read',
    scope: 'detail',
    url: (w) => `/api/iot/devices/${w.device.id}/telemetry`,
  },
  'POST /api/auth/login': {
    permission: 'public',
    scope: 'global',
    url: () => '/api/auth/login',
    body: () => ({ username: 'nobody', password: 'x' }),
    ok: [401, 429],
  },
  'POST /api/auth/logout': { permission: 'public', scope: 'global', url: () => '/api/auth/logout', ok: [204] },
  'POST /api/auth/login-challenge': {
    permission: 'public',
    scope: 'global',
    url: () => '/api/auth/login-challenge',
    body: () => ({ username: 'nobody' }),
  },
  'POST /api/auth/password': {
    permission: 'signed_in',
    scope: 'own',
    url: () => '/api/auth/password',
    body: () => ({ currentPassword: 'not-the-password', newPassword: 'Another#2027pass' }),
    ok: [400],
  },
  'GET /api/users': { permission: 'users.manage', scope: 'list', url: () => '/api/users?pageSize=200' },
  'POST /api/users/{id}/unlock': { permission: 'users.manage', scope: 'detail', url: (w) => `/api/users/${w.adminUserId}/unlock` },
  // A staff account in the world's community: a new one each call, so the name is fresh.
  'POST /api/users': {
    permission: 'users.manage',
    scope: 'detail',
    url: () => '/api/users',
    body: (w) => ({
      username: `walk.${w.index}.${Math.random().toString(36).slice(2, 10)}`,
      displayName: '授权测试',
      role: 'community_staff',
      regionId: w.communityId,
    }),
    ok: [201],
  },
  'PATCH /api/users/{id}': {
    permission: 'users.manage',
    scope: 'detail',
    url: (w) => `/api/users/${w.adminUserId}`,
    body: (w) => ({ displayName: `${w.marker}社区工作人员` }),
  },
  'POST /api/users/{id}/reset-password': {
    permission: 'users.manage',
    scope: 'detail',
    url: (w) => `/api/users/${w.spareUserId}/reset-password`,
  },
  'GET /api/auth/me': { permission: 'signed_in', scope: 'global', url: () => '/api/auth/me' },
  // Each event is filtered per viewer: walked role by role in "the live event stream" below.
  'GET /api/events': { permission: 'signed_in', scope: 'global', url: () => '/api/events', stream: true },
  'GET /api/audit': { permission: 'audit.read', scope: 'global', url: () => '/api/audit' },
  'GET /api/regions/tree': { permission: 'regions.read', scope: 'list', url: () => '/api/regions/tree' },
  'GET /api/regions/{id}': { permission: 'regions.read', scope: 'detail', url: (w) => `/api/regions/${w.house.grid_id}` },
  // Places on the map are public facts, the same for everyone (regions/map.repository.ts).
  'GET /api/map/config': { permission: 'public', scope: 'global', url: () => '/api/map/config' },
  'GET /api/map/areas': { permission: 'public', scope: 'global', url: () => '/api/map/areas' },
  'GET /api/map/places': {
    permission: ['regions.read', 'cases.report'],
    scope: 'global',
    url: () => '/api/map/places?west=116.4&south=36.25&east=116.5&north=36.32',
  },
  'GET /api/map/locate': {
    permission: ['regions.read', 'cases.report'],
    scope: 'global',
    url: () => '/api/map/locate?lon=116.4551&lat=36.2869',
  },
  'GET /api/map/roads': {
    permission: ['regions.read', 'cases.report'],
    scope: 'global',
    url: () => '/api/map/roads?west=116.2&south=36.1&east=116.7&north=36.5',
  },
  // The county's map data (decision 048). Not multipart: refused before anything is read.
  'POST /api/map/imports': { permission: 'map.manage', scope: 'global', url: () => '/api/map/imports', ok: [400] },
  'GET /api/houses': { permission: 'houses.read', scope: 'list', url: () => '/api/houses?pageSize=200' },
  'GET /api/houses/{id}': { permission: 'houses.read', scope: 'detail', url: (w) => `/api/houses/${w.house.id}` },
  'GET /api/estates': { permission: 'houses.read', scope: 'list', url: () => '/api/estates?pageSize=200' },
  'GET /api/estates/{id}': { permission: 'houses.read', scope: 'detail', url: (w) => `/api/estates/${w.house.estateId}` },
  // 小区 and 楼栋 (places.write): a new name each call, in the world's community.
  'POST /api/estates': {
    permission: 'places.write',
    scope: 'detail',
    url: () => '/api/estates',
    body: (w) => ({ communityId: w.communityId, name: `${w.marker}新小区${fresh()}`, address: '授权测试路1号', lon: 116.45, lat: 36.28 }),
    ok: [201],
  },
  'GET /api/estates/{id}/form': { permission: 'places.write', scope: 'detail', url: (w) => `/api/estates/${w.house.estateId}/form` },
  'PATCH /api/estates/{id}': {
    permission: 'places.write',
    scope: 'detail',
    url: (w) => `/api/estates/${w.house.estateId}`,
    body: () => ({ address: '授权测试路2号' }),
  },
  'POST /api/estates/{id}/buildings': {
    permission: 'places.write',
    scope: 'detail',
    url: (w) => `/api/estates/${w.house.estateId}/buildings`,
    body: () => ({ name: `${fresh()}号楼`, floors: 6, units: 2 }),
    ok: [201],
  },
  'PATCH /api/estates/{id}/buildings/{buildingId}': {
    permission: 'places.write',
    scope: 'detail',
    url: (w) => `/api/estates/${w.house.estateId}/buildings/${w.buildingId}`,
    body: () => ({ floors: 7 }),
  },
  // 房屋 (houses.write): a new room each call, in the world's house's unit and grid.
  'POST /api/houses': {
    permission: 'houses.write',
    scope: 'detail',
    url: () => '/api/houses',
    body: (w) => ({ unitId: w.house.unit_id, room: fresh(), floor: 2, area: 70, houseUse: 'vacant', gridId: w.house.grid_id }),
    ok: [201],
  },
  'GET /api/houses/{id}/form': { permission: 'houses.write', scope: 'detail', url: (w) => `/api/houses/${w.house.id}/form` },
  'PATCH /api/houses/{id}': {
    permission: 'houses.write',
    scope: 'detail',
    url: (w) => `/api/houses/${w.house.id}`,
    body: (w) => ({ room: w.house.room, floor: 1, area: 88.5, houseUse: 'owner_occupied', gridId: w.house.grid_id }),
  },
  // 网格 (places.write): a new one each call in the world's community; the world's grid renamed.
  'POST /api/grids': {
    permission: 'places.write',
    scope: 'detail',
    url: () => '/api/grids',
    body: (w) => ({ communityId: w.communityId, name: `第${fresh()}网格` }),
    ok: [201],
  },
  'GET /api/grids/{id}/form': { permission: 'places.write', scope: 'detail', url: (w) => `/api/grids/${w.house.grid_id}/form` },
  'PATCH /api/grids/{id}': {
    permission: 'places.write',
    scope: 'detail',
    url: (w) => `/api/grids/${w.house.grid_id}`,
    body: () => ({ name: `第${fresh()}网格` }),
  },
  // 网格员 (decision 047): added, corrected and removed by who may edit the grid; the phone whole only through its reveal.
  'POST /api/grids/{id}/workers': {
    permission: 'places.write',
    scope: 'detail',
    url: (w) => `/api/grids/${w.house.grid_id}/workers`,
    body: () => ({ name: '授权测试员', phone: '0531-87880000', employment: 'part_time' }),
    ok: [201],
  },
  'PATCH /api/grids/{id}/workers/{workerId}': {
    permission: 'places.write',
    scope: 'detail',
    url: (w) => `/api/grids/${w.house.grid_id}/workers/${w.gridWorker.id}`,
    body: (w) => ({ name: w.gridWorker.name, phone: w.gridWorker.phone, employment: 'full_time' }),
  },
  // The world's spare worker: the first role allowed removes it, those after find it gone.
  'DELETE /api/grids/{id}/workers/{workerId}': {
    permission: 'places.write',
    scope: 'detail',
    url: (w) => `/api/grids/${w.house.grid_id}/workers/${w.spareWorkerId}`,
    ok: [204, 404],
  },
  'POST /api/grids/{id}/workers/{workerId}/reveal': {
    permission: ['places.write', 'personal_data.reveal'],
    scope: 'detail',
    url: (w) => `/api/grids/${w.house.grid_id}/workers/${w.gridWorker.id}/reveal`,
    body: () => ({ reason: '授权测试：通知网格例会' }),
    auditAction: 'reveal_grid_worker_phone',
    reveals: (w) => [w.gridWorker.phone],
  },
  'GET /api/grids/{id}/worker-accounts': {
    permission: 'places.write',
    scope: 'detail',
    url: (w) => `/api/grids/${w.house.grid_id}/worker-accounts`,
  },
  'GET /api/grids': { permission: 'grids.read', scope: 'list', url: () => '/api/grids?pageSize=200' },
  'GET /api/grids/{id}': { permission: 'grids.read', scope: 'detail', url: (w) => `/api/grids/${w.house.grid_id}` },
  'GET /api/residents': { permission: 'residents.read', scope: 'list', url: () => '/api/residents?pageSize=200' },
  'GET /api/residents/{id}': { permission: 'residents.read', scope: 'detail', url: (w) => `/api/residents/${w.resident.id}` },
  'GET /api/residents/{id}/special-groups': {
    permission: 'special_groups.read',
    scope: 'detail',
    url: (w) => `/api/residents/${w.resident.id}/special-groups`,
    auditAction: 'read_special_groups',
  },
  'POST /api/residents/{id}/reveal': {
    permission: 'personal_data.reveal',
    scope: 'detail',
    url: (w) => `/api/residents/${w.resident.id}/reveal`,
    body: () => ({ field: 'idCard', reason: '授权测试：核实身份' }),
    auditAction: 'reveal_personal_data',
    reveals: (w) => [w.resident.id_card],
  },
  'POST /api/residents': {
    permission: 'residents.write',
    scope: 'detail',
    url: () => '/api/residents',
    body: (w) => ({ idCard: makeIdCard('19850505'), name: '新登记', populationType: 'resident', houseId: w.house.id }),
    ok: [201],
  },
  'PATCH /api/residents/{id}': {
    permission: 'residents.write',
    scope: 'detail',
    url: (w) => `/api/residents/${w.resident.id}`,
    body: () => ({ ethnicity: '汉族' }),
  },
  'POST /api/residents/{id}/moves': {
    permission: 'residents.write',
    scope: 'detail',
    url: (w) => `/api/residents/${w.spare.id}/moves`,
    body: () => ({ kind: 'move_in', movedOn: '2024-01-01' }),
    ok: [200, 409],
  },
  'GET /api/me/home': { permission: 'me.home', scope: 'own', url: () => '/api/me/home' },
  'GET /api/vehicles': { permission: 'vehicles.read', scope: 'list', url: () => '/api/vehicles?pageSize=200' },
  // Registered by its owner's home, so a grid worker registers the cars of their grid.
  'POST /api/vehicles': {
    permission: 'vehicles.write',
    scope: 'detail',
    url: () => '/api/vehicles',
    body: (w) => ({ plate: `鲁A${fresh().toUpperCase().slice(0, 5).padEnd(5, '0')}`, vehicleType: 'car', ownerId: w.resident.id }),
    ok: [201],
  },
  'PATCH /api/vehicles/{id}': {
    permission: 'vehicles.write',
    scope: 'detail',
    url: (w) => `/api/vehicles/${w.vehicleId}`,
    body: () => ({ color: '白' }),
  },
  'GET /api/vehicles/{id}': { permission: 'vehicles.read', scope: 'detail', url: (w) => `/api/vehicles/${w.vehicleId}` },
  'GET /api/iot/device-types': { permission: 'iot.read', scope: 'global', url: () => '/api/iot/device-types' },
  'GET /api/iot/devices': { permission: 'iot.read', scope: 'list', url: () => '/api/iot/devices?pageSize=200' },
  // Registered on a place of the world: another world's estate is 404 PLACE_NOT_IN_SCOPE.
  'POST /api/iot/devices': {
    permission: 'iot.manage',
    scope: 'detail',
    url: () => '/api/iot/devices',
    body: (w) => ({ serial: `AUTH-${fresh()}`, typeCode: 'smoke_detector', estateId: w.house.estateId }),
    ok: [201],
  },
  'GET /api/iot/devices/{id}': { permission: 'iot.read', scope: 'detail', url: (w) => `/api/iot/devices/${w.device.id}` },
  'PATCH /api/iot/devices/{id}': {
    permission: 'iot.manage',
    scope: 'detail',
    url: (w) => `/api/iot/devices/${w.device.id}`,
    body: () => ({ firmware: 'v1.0.1' }),
  },
  // The walk's import job made no devices: nothing waits for a download, in any region (410).
  'POST /api/iot/imports/{id}/credentials.xlsx': {
    permission: 'iot.manage',
    scope: 'global',
    url: (w) => `/api/iot/imports/${w.importJobId}/credentials.xlsx`,
    ok: [410],
  },
  'GET /api/iot/alarms': { permission: 'iot.read', scope: 'list', url: () => '/api/iot/alarms?status=all&pageSize=200' },
  'GET /api/iot/alarm-overview': { permission: 'iot.read', scope: 'list', url: () => '/api/iot/alarm-overview' },
  'GET /api/iot/alarms/{id}': { permission: 'iot.read', scope: 'detail', url: (w) => `/api/iot/alarms/${w.alarmId}` },
  // A note is allowed at any point of an alarm's life, so the walk can repeat it.
  'POST /api/iot/alarms/{id}/actions': {
    permission: 'iot.alarms',
    scope: 'detail',
    url: (w) => `/api/iot/alarms/${w.alarmId}/actions`,
    body: () => ({ action: 'note', note: '授权测试备注' }),
  },
  // Acknowledging again finds nothing left and answers 200, so every allowed role's walk may repeat it.
  'POST /api/iot/incidents/{id}/acknowledge': {
    permission: 'iot.alarms',
    scope: 'detail',
    url: (w) => `/api/iot/incidents/${w.incidentId}/acknowledge`,
  },
  'POST /api/iot/devices/{id}/credentials': {
    permission: 'iot.manage',
    scope: 'detail',
    url: (w) => `/api/iot/devices/${w.device.id}/credentials`,
    auditAction: 'reissue_device_credentials',
  },
  // 设备健康 lists devices by name: the world's device has a low battery, so the walk sees it (decision 032).
  'GET /api/iot/health': { permission: 'iot.read', scope: 'list', url: () => '/api/iot/health' },
  'GET /api/iot/devices/{id}/latest': { permission: 'iot.read', scope: 'detail', url: (w) => `/api/iot/devices/${w.device.id}/latest` },
  'GET /api/iot/devices/{id}/events': { permission: 'iot.read', scope: 'detail', url: (w) => `/api/iot/devices/${w.device.id}/events` },
  'GET /api/iot/device-types/{code}/rules': {
    permission: 'iot.read',
    scope: 'global',
    url: () => '/api/iot/device-types/smoke_detector/rules',
  },
  // A type's rules hold county-wide: a community's administrator, who may tune a device, is refused them.
  'PUT /api/iot/device-types/{code}/rules/{ruleCode}': {
    permission: 'iot.configure',
    scope: 'global',
    url: () => '/api/iot/device-types/smoke_detector/rules/battery_low',
    body: () => ({ name: '电量低', kind: 'battery', severity: 'warning', enabled: true, below: 20 }),
    okFor: { community_staff: [403] },
    auditAction: 'edit_iot_rule',
  },
  'GET /api/iot/devices/{id}/rules': { permission: 'iot.read', scope: 'detail', url: (w) => `/api/iot/devices/${w.device.id}/rules` },
  'PUT /api/iot/devices/{id}/rules/{ruleCode}': {
    permission: 'iot.configure',
    scope: 'detail',
    url: (w) => `/api/iot/devices/${w.device.id}/rules/battery_low`,
    body: () => ({ below: 15 }),
    auditAction: 'override_device_rule',
  },
  // After the PUT above, so there is an override to remove.
  'DELETE /api/iot/devices/{id}/rules/{ruleCode}': {
    permission: 'iot.configure',
    scope: 'detail',
    url: (w) => `/api/iot/devices/${w.device.id}/rules/battery_low`,
    auditAction: 'remove_device_rule_override',
  },
  // Proposals (issue 11 part 6): a county department reads and handles only what is assigned to
  // its unit, so the other world's proposal is 404 to it; the office and leaders read them all.
  // Actions change the world's proposal as the walk goes, so a later call may meet a wrong state.
  'GET /api/proposal-sessions': { permission: 'proposals.read', scope: 'global', url: () => '/api/proposal-sessions' },
  'POST /api/proposal-sessions': {
    permission: 'proposals.manage',
    scope: 'global',
    url: () => '/api/proposal-sessions',
    body: () => ({ body: 'npc', term: 1 + Math.floor(Math.random() * 99), sessionNumber: 1 + Math.floor(Math.random() * 99) }),
    ok: [201, 409],
  },
  'GET /api/proposals': { permission: 'proposals.read', scope: 'list', url: () => '/api/proposals?pageSize=200' },
  'GET /api/proposals/statistics': { permission: 'proposals.read', scope: 'list', url: () => '/api/proposals/statistics' },
  'POST /api/proposals': {
    permission: 'proposals.manage',
    scope: 'global',
    url: () => '/api/proposals',
    body: (w) => ({
      sessionId: w.proposalSessionId,
      kind: 'proposal',
      number: String(Date.now() % 1e9) + Math.floor(Math.random() * 1000),
      title: `${w.marker}新提案`,
      proposers: [`${w.marker}委员`],
    }),
    ok: [201],
  },
  'GET /api/proposals/{id}': { permission: 'proposals.read', scope: 'case', url: (w) => `/api/proposals/${w.proposalId}` },
  'POST /api/proposals/{id}/review': {
    permission: 'proposals.manage',
    scope: 'case',
    url: (w) => `/api/proposals/${w.proposalId}/review`,
    body: () => ({ decision: 'file' }),
    ok: [409],
  },
  'POST /api/proposals/{id}/assign': {
    permission: 'proposals.manage',
    scope: 'case',
    url: (w) => `/api/proposals/${w.proposalId}/assign`,
    body: (w) => ({ mode: 'single', leadUnitIds: [w.unitId], assignedOn: '2026-01-05' }),
    ok: [409],
  },
  'POST /api/proposals/{id}/extension': {
    permission: 'proposals.manage',
    scope: 'case',
    url: (w) => `/api/proposals/${w.proposalId}/extension`,
    body: (w) => ({ unitId: w.unitId, until: '2026-06-05', reason: '授权测试延期' }),
    ok: [409],
  },
  'POST /api/proposals/{id}/feedback': {
    permission: 'proposals.manage',
    scope: 'case',
    url: (w) => `/api/proposals/${w.proposalId}/feedback`,
    body: (w) => ({
      unitId: w.unitId,
      consultation: 'phone',
      pertinence: 'strong',
      satisfaction: 'satisfied',
      adoption: 'A',
      signer: `${w.marker}委员`,
      signerPhone: `1380000000${w.index}`,
    }),
    ok: [200, 409],
  },
  'POST /api/proposals/{id}/return': {
    permission: 'proposals.handle',
    scope: 'case',
    url: (w) => `/api/proposals/${w.proposalId}/return`,
    body: () => ({ reason: '授权测试退回', returnedOn: '2026-01-06' }),
    ok: [409],
  },
  'POST /api/proposals/{id}/opinion': {
    permission: 'proposals.handle',
    scope: 'case',
    url: (w) => `/api/proposals/${w.proposalId}/opinion`,
    body: () => ({ opinion: '授权测试意见', opinionOn: '2026-01-06' }),
    ok: [409],
  },
  'POST /api/proposals/{id}/reply': {
    permission: 'proposals.handle',
    scope: 'case',
    url: (w) => `/api/proposals/${w.proposalId}/reply`,
    body: () => ({ repliedOn: '2026-01-06', documentNumber: '平政办字〔2026〕2号', content: '授权测试答复' }),
    ok: [409],
  },
  'POST /api/proposals/{id}/evaluation': {
    permission: 'proposals.handle',
    scope: 'case',
    url: (w) => `/api/proposals/${w.proposalId}/evaluation`,
    body: () => ({ scores: { topic: 18, facts: 25, feasibility: 27, format: 20 }, recommended: false }),
    ok: [200, 409],
  },
  'GET /api/orgs/units': { permission: 'orgs.read', scope: 'global', url: () => '/api/orgs/units' },
  'GET /api/orgs/units/{id}': { permission: 'orgs.read', scope: 'global', url: (w) => `/api/orgs/units/${w.unitId}` },
  'GET /api/orgs/leaders': { permission: 'orgs.read', scope: 'global', url: () => '/api/orgs/leaders' },
  'GET /api/orgs/leaders/{id}': { permission: 'orgs.read', scope: 'global', url: (w) => `/api/orgs/leaders/${w.leaderId}` },
  'GET /api/property-companies': { permission: 'orgs.read', scope: 'list', url: () => '/api/property-companies' },
  'GET /api/imports/templates/{kind}.xlsx': { permission: 'imports.run', scope: 'global', url: () => '/api/imports/templates/houses.xlsx' },
  'POST /api/imports': { permission: 'imports.run', scope: 'global', url: () => '/api/imports', ok: [400] },
  // A text with no document in it: the import answers with a report that says so, and writes nothing.
  'POST /api/gazette/imports': {
    permission: 'documents.manage',
    scope: 'global',
    url: () => '/api/gazette/imports',
    body: () => ({ fileName: 'walk.txt', text: '这不是一份公报。' }),
  },
  'GET /api/imports': { permission: 'imports.run', scope: 'own', url: () => '/api/imports' },
  'GET /api/imports/{id}': { permission: 'imports.run', scope: 'detail', url: (w) => `/api/imports/${w.importJobId}` },
  // The walk's job rejected nothing: 409 NO_REJECTED_ROWS is its answer to those allowed to ask.
  'GET /api/imports/{id}/rejected.xlsx': {
    permission: 'imports.run',
    scope: 'detail',
    url: (w) => `/api/imports/${w.importJobId}/rejected.xlsx`,
    ok: [409],
  },
  // 督查督办 (decision 044): a task belongs to its units, not a region — the world's unit leads it
  // and the world's town co-operates, so the other world's task is 404 to both; the office and
  // the leaders read every task (county-wide). The office reports for no unit of the world's task.
  'GET /api/task-lists': { permission: 'tasks.read', scope: 'list', url: () => '/api/task-lists' },
  'POST /api/task-lists': {
    permission: 'tasks.supervise',
    scope: 'global',
    url: () => '/api/task-lists',
    body: (w) => ({ title: `${w.marker}会议议定事项`, tasks: [{ task: '落实会议议定事项', units: [{ orgUnitId: w.unitId }] }] }),
    ok: [201],
  },
  'GET /api/task-lists/{id}/export.xlsx': {
    permission: 'tasks.read',
    scope: 'case',
    url: (w) => `/api/task-lists/${w.tasks.listId}/export.xlsx`,
    auditAction: 'export_tasks',
  },
  'GET /api/tasks': { permission: 'tasks.read', scope: 'list', url: () => '/api/tasks' },
  'GET /api/tasks/{id}': { permission: 'tasks.read', scope: 'case', url: (w) => `/api/tasks/${w.tasks.taskId}` },
  'PATCH /api/tasks/{id}': {
    permission: 'tasks.supervise',
    scope: 'case',
    url: (w) => `/api/tasks/${w.tasks.taskId}`,
    body: (w) => ({ requirement: `${w.marker}具体要求` }),
  },
  'POST /api/tasks/{id}/completion': {
    permission: 'tasks.supervise',
    scope: 'case',
    url: (w) => `/api/tasks/${w.tasks.taskId}/completion`,
    body: () => ({ completedOn: null }),
    ok: [409],
  },
  'PUT /api/tasks/{id}/reports': {
    permission: 'tasks.report',
    scope: 'case',
    url: (w) => `/api/tasks/${w.tasks.taskId}/reports`,
    body: (w) => ({ month: w.tasks.month, text: `${w.marker}月度进展` }),
    okFor: { county_admin: [403] },
  },
  'POST /api/tasks/{id}/reports/{reportId}/files': {
    permission: 'tasks.report',
    scope: 'case',
    url: (w) => `/api/tasks/${w.tasks.taskId}/reports/${w.tasks.reportId}/files`,
    body: () => ({}),
    ok: [400],
    // The report is the lead unit's: the co-responsible town adds no evidence to it, nor does the office.
    okFor: { county_admin: [403], town_staff: [403] },
  },
  'GET /api/tasks/{id}/reports/{reportId}/files/{fileId}': {
    permission: 'tasks.read',
    scope: 'case',
    url: (w) => `/api/tasks/${w.tasks.taskId}/reports/${w.tasks.reportId}/files/${w.tasks.fileId}`,
  },
  'POST /api/tasks/{id}/actions': {
    permission: 'tasks.supervise',
    scope: 'case',
    url: (w) => `/api/tasks/${w.tasks.taskId}/actions`,
    body: () => ({ kind: 'reminder', text: '请按时报送进展' }),
    ok: [201],
  },
  'GET /api/task-assessment': {
    permission: 'tasks.supervise',
    scope: 'global',
    url: (w) => `/api/task-assessment?listId=${w.tasks.listId}`,
  },
  'POST /api/task-assessment': {
    permission: 'tasks.supervise',
    scope: 'global',
    url: () => '/api/task-assessment',
    body: (w) => ({ listId: w.tasks.listId, period: '2025' }),
    ok: [201],
  },
  'GET /api/task-leaders': { permission: 'tasks.read', scope: 'global', url: () => '/api/task-leaders' },
  'GET /api/task-actions': { permission: 'tasks.read', scope: 'list', url: () => '/api/task-actions' },
  'GET /api/task-assignees': { permission: 'tasks.supervise', scope: 'global', url: () => '/api/task-assignees' },
  'GET /api/exports/residents.xlsx': { permission: 'exports.run', scope: 'list', url: () => '/api/exports/residents.xlsx' },
  'GET /api/exports/houses.xlsx': { permission: 'exports.run', scope: 'list', url: () => '/api/exports/houses.xlsx' },
  'GET /api/case-categories': {
    permission: ['cases.report', 'cases.read', 'cases.handle'],
    scope: 'global',
    url: () => '/api/case-categories',
  },
  'GET /api/case-regions': { permission: 'cases.report', scope: 'global', url: () => '/api/case-regions' },
  'POST /api/case-photos': {
    permission: ['cases.report', 'cases.handle', 'cases.verify'],
    scope: 'global',
    url: () => '/api/case-photos',
    ok: [400],
  },
  'GET /api/case-photos/{id}/{variant}': {
    permission: 'signed_in',
    scope: 'case',
    url: (w) => `/api/case-photos/${w.photoId}/display`,
    okFor: { property_staff: [404] },
  },
  'POST /api/cases': {
    permission: 'cases.report',
    scope: 'global',
    url: () => '/api/cases',
    body: (w) => ({ categoryId: w.categoryId, description: `${w.marker}新上报`, regionId: w.house.grid_id }),
    ok: [201],
  },
  'GET /api/cases': { permission: ['cases.read', 'cases.handle'], scope: 'list', url: () => '/api/cases?pageSize=200' },
  'GET /api/cases/totals': { permission: ['cases.read', 'cases.handle'], scope: 'list', url: () => '/api/cases/totals' },
  'GET /api/cases/home': { permission: ['cases.read', 'cases.handle'], scope: 'list', url: () => '/api/cases/home' },
  'GET /api/cases/nearby': {
    permission: 'cases.report',
    scope: 'global',
    url: (w) => `/api/cases/nearby?categoryId=${w.categoryId}&lat=36.2869&lon=116.4551`,
  },
  'GET /api/cases/map': { permission: 'cases.read', scope: 'list', url: () => '/api/cases/map' },
  'GET /api/public/case-map': { permission: 'public', scope: 'global', url: () => '/api/public/case-map' },
  // 政府信息公开专栏 (documents/open-documents.routes.ts): published documents and issues, no session.
  'GET /api/open/site': { permission: 'public', scope: 'global', url: () => '/api/open/site' },
  'GET /api/open/documents': { permission: 'public', scope: 'global', url: () => '/api/open/documents' },
  'GET /api/open/documents/facets': { permission: 'public', scope: 'global', url: () => '/api/open/documents/facets' },
  'GET /api/open/documents/{id}': { permission: 'public', scope: 'global', url: (w) => `/api/open/documents/${w.documentId}` },
  'GET /api/open/documents/{id}.docx': { permission: 'public', scope: 'global', url: (w) => `/api/open/documents/${w.documentId}.docx` },
  'GET /api/open/document-files/{id}': { permission: 'public', scope: 'global', url: () => '/api/open/document-files/999999', ok: [404] },
  'GET /api/open/gazette-issues': { permission: 'public', scope: 'global', url: () => '/api/open/gazette-issues' },
  'GET /api/open/gazette-issues/{id}': {
    permission: 'public',
    scope: 'global',
    url: (w) => `/api/open/gazette-issues/${w.gazetteIssueId}`,
    ok: [200, 404],
  },
  // The library is the county office's (documents.read / documents.manage), the same for every region.
  'GET /api/documents': { permission: 'documents.read', scope: 'global', url: () => '/api/documents' },
  'GET /api/documents/annual-report': {
    permission: 'documents.read',
    scope: 'global',
    url: () => '/api/documents/annual-report?year=2027',
  },
  // A notice entered by hand, a fresh number each time (平法发〔2026〕N号).
  'POST /api/documents': {
    permission: 'documents.manage',
    scope: 'global',
    url: () => '/api/documents',
    body: () => ({
      number: `平法发〔2026〕${1000 + freshCount++}号`,
      organ: '平阴县司法局',
      title: '授权测试通知',
      addressees: [],
      dateWritten: '2026-01-05',
      paragraphs: ['授权测试。'],
      copyTo: [],
    }),
    ok: [201],
    auditAction: 'document_created',
  },
  'GET /api/document-themes': { permission: 'documents.read', scope: 'global', url: () => '/api/document-themes' },
  'GET /api/documents/{id}': { permission: 'documents.read', scope: 'global', url: (w) => `/api/documents/${w.documentId}` },
  'PATCH /api/documents/{id}': {
    permission: 'documents.manage',
    scope: 'global',
    url: (w) => `/api/documents/${w.documentId}`,
    body: () => ({ themes: ['综合政务'] }),
    auditAction: 'document_updated',
  },
  // Published on import already: its text is not edited in place.
  'PUT /api/documents/{id}/text': {
    permission: 'documents.manage',
    scope: 'global',
    url: (w) => `/api/documents/${w.documentId}/text`,
    body: () => ({
      number: '平政办发〔2023〕5号',
      organ: '平阴县人民政府办公室',
      title: '授权测试',
      addressees: [],
      dateWritten: '2023-07-28',
      paragraphs: ['授权测试。'],
      copyTo: [],
    }),
    ok: [409],
  },
  // No such document: nothing is withdrawn (the public routes still read the world's document).
  'POST /api/documents/{id}/withdraw': {
    permission: 'documents.manage',
    scope: 'global',
    url: () => '/api/documents/999999/withdraw',
    body: () => ({ reason: '授权测试撤回' }),
    ok: [404],
  },
  // Published on import already: a second publication is refused.
  'POST /api/documents/{id}/publish': {
    permission: 'documents.manage',
    scope: 'global',
    url: (w) => `/api/documents/${w.documentId}/publish`,
    body: () => ({}),
    ok: [409],
  },
  'POST /api/documents/{id}/interpretations': {
    permission: 'documents.manage',
    scope: 'global',
    url: (w) => `/api/documents/${w.documentId}/interpretations`,
    body: () => ({ kind: 'graphic', title: '图解', url: 'https://example.gov.cn/tujie' }),
    auditAction: 'document_interpretation_added',
  },
  // The world's interpretation: removed by the first role allowed, gone for the next.
  'DELETE /api/documents/{id}/interpretations/{interpretationId}': {
    permission: 'documents.manage',
    scope: 'global',
    url: (w) => `/api/documents/${w.documentId}/interpretations/${w.interpretationId}`,
    ok: [200, 404],
  },
  // Not multipart: refused before anything is stored.
  'POST /api/documents/{id}/files': {
    permission: 'documents.manage',
    scope: 'global',
    url: (w) => `/api/documents/${w.documentId}/files`,
    body: () => ({}),
    ok: [400],
  },
  'GET /api/document-files/{id}': { permission: 'documents.read', scope: 'global', url: () => '/api/document-files/999999', ok: [404] },
  'DELETE /api/document-files/{id}': {
    permission: 'documents.manage',
    scope: 'global',
    url: () => '/api/document-files/999999',
    ok: [404],
  },
  'GET /api/gazette-issues': { permission: 'documents.read', scope: 'global', url: () => '/api/gazette-issues' },
  'POST /api/gazette-issues': {
    permission: 'documents.manage',
    scope: 'global',
    url: () => '/api/gazette-issues',
    body: () => ({ year: 2027, issueNumber: 100 + freshCount++, title: '授权测试公报' }),
  },
  'GET /api/gazette-issues/{id}': { permission: 'documents.read', scope: 'global', url: (w) => `/api/gazette-issues/${w.gazetteIssueId}` },
  // Settable until the issue is published (the publish route below may come first).
  'PUT /api/gazette-issues/{id}/documents': {
    permission: 'documents.manage',
    scope: 'global',
    url: (w) => `/api/gazette-issues/${w.gazetteIssueId}/documents`,
    body: (w) => ({ documentIds: [w.documentId] }),
    ok: [200, 409],
  },
  'POST /api/gazette-issues/{id}/publish': {
    permission: 'documents.manage',
    scope: 'global',
    url: (w) => `/api/gazette-issues/${w.gazetteIssueId}/publish`,
    body: () => ({}),
    ok: [200, 409],
  },
  'GET /api/cases/{id}': { permission: 'signed_in', scope: 'case', url: (w) => `/api/cases/${w.caseId}`, okFor: { property_staff: [404] } },
  // A leader reads and supervises but takes no step of the loop, a note included: 403.
  'POST /api/cases/{id}/actions': {
    permission: 'signed_in',
    scope: 'case',
    url: (w) => `/api/cases/${w.caseId}/actions`,
    body: () => ({ action: 'comment', note: '授权测试备注' }),
    okFor: { property_staff: [404] },
  },
  'GET /api/cases/{id}/reporter-contacts': {
    permission: ['cases.read', 'cases.handle'],
    scope: 'case',
    url: (w) => `/api/cases/${w.caseId}/reporter-contacts`,
  },
  // The desk holding the case and its handling unit call the reporter back; those who only read it may not.
  'POST /api/cases/{id}/reporter-contacts/reveal': {
    permission: ['cases.read', 'cases.handle'],
    scope: 'case',
    url: (w) => `/api/cases/${w.caseId}/reporter-contacts/reveal`,
    body: (w) => ({ sourceId: w.sourceId, reason: '授权测试：回访报告人' }),
    auditAction: 'reveal_reporter_phone',
    reveals: (w) => [w.resident.phone!],
    okFor: { grid_worker: [403], leader: [403] },
  },
  'POST /api/cases/{id}/join': { permission: 'cases.report', scope: 'case', url: (w) => `/api/cases/${w.caseId}/join`, body: () => ({}) },
  'POST /api/cases/bulk-dispatch': {
    permission: 'cases.dispatch',
    scope: 'global',
    url: () => '/api/cases/bulk-dispatch',
    body: (w) => ({ caseIds: [w.caseId] }),
  },
  'GET /api/me/cases': { permission: 'cases.report', scope: 'own', url: () => '/api/me/cases' },
  'GET /api/supervision/board': { permission: 'cases.supervise', scope: 'list', url: () => '/api/supervision/board' },
  'GET /api/supervision/notices': {
    permission: ['cases.handle', 'cases.supervise', 'cases.dispatch'],
    scope: 'list',
    url: () => '/api/supervision/notices',
  },
  // A unit's notice is signed by the unit's handler: to anyone else it does not exist.
  'POST /api/supervision/notices/{id}/acknowledge': {
    permission: ['cases.handle', 'cases.dispatch'],
    scope: 'case',
    url: (w) => `/api/supervision/notices/${w.noticeId}/acknowledge`,
    okFor: { grid_worker: [404], community_staff: [404], county_admin: [404], town_staff: [404] },
  },
  'GET /api/case-statistics': { permission: 'cases.read', scope: 'list', url: () => '/api/case-statistics' },
  'GET /api/me/notifications': { permission: 'signed_in', scope: 'own', url: () => '/api/me/notifications' },
  'POST /api/me/notifications/{id}/read': {
    permission: 'signed_in',
    scope: 'own',
    url: (w) => `/api/me/notifications/${w.notificationId}/read`,
    ok: [404],
    okFor: { resident: [200] },
  },
  'POST /api/cases/{id}/questionnaire': {
    permission: 'cases.report',
    scope: 'own',
    url: (w) => `/api/cases/${w.caseId}/questionnaire`,
    body: () => ({ fixed: true }),
    ok: [404],
  },
  'GET /api/case-handling-units': { permission: 'cases.configure', scope: 'global', url: () => '/api/case-handling-units' },
  'PATCH /api/case-handling-units/{id}': {
    permission: 'cases.configure',
    scope: 'global',
    url: (w) => `/api/case-handling-units/${w.unitId}`,
    body: () => ({ handles: true }),
    ok: [204],
  },
  'GET /api/case-dispatch-targets': { permission: 'cases.dispatch', scope: 'list', url: () => '/api/case-dispatch-targets' },
  'GET /api/case-routing-rules': { permission: 'cases.configure', scope: 'global', url: () => '/api/case-routing-rules' },
  'POST /api/case-routing-rules': {
    permission: 'cases.configure',
    scope: 'global',
    url: () => '/api/case-routing-rules',
    body: (w) => ({ categoryId: w.categoryId, toGrid: true }),
    ok: [201],
  },
  'DELETE /api/case-routing-rules/{id}': {
    permission: 'cases.configure',
    scope: 'global',
    url: () => '/api/case-routing-rules/999999',
    ok: [404],
  },
  'GET /api/calendar-overrides': { permission: 'cases.configure', scope: 'global', url: () => '/api/calendar-overrides' },
  'GET /api/abandoned-vehicles/campaigns': {
    permission: ['cases.read', 'cases.handle'],
    scope: 'global',
    url: () => '/api/abandoned-vehicles/campaigns',
  },
  'GET /api/abandoned-vehicles/campaigns/current': {
    permission: ['cases.read', 'cases.handle'],
    scope: 'global',
    url: () => '/api/abandoned-vehicles/campaigns/current',
    ok: [200, 404],
  },
  'POST /api/abandoned-vehicles/campaigns': {
    permission: 'cases.configure',
    scope: 'global',
    url: () => '/api/abandoned-vehicles/campaigns',
    body: () => CAMPAIGN,
    ok: [201, 409],
  },
  'PUT /api/abandoned-vehicles/campaigns/{id}': {
    permission: 'cases.configure',
    scope: 'global',
    url: () => '/api/abandoned-vehicles/campaigns/999999',
    body: () => CAMPAIGN,
    ok: [404],
  },
  'GET /api/abandoned-vehicles/progress': { permission: 'cases.read', scope: 'list', url: () => '/api/abandoned-vehicles/progress' },
  'GET /api/abandoned-vehicles/reports/monthly': {
    permission: 'cases.read',
    scope: 'list',
    url: () => '/api/abandoned-vehicles/reports/monthly',
  },
  // The world's abandoned car: dispatched to the world's unit. Its desk and its unit work the
  // dossier (a step may be refused by the dossier's state: 409); the leader and the grid worker
  // (核查 only) read it and may not act (403); nobody else has it (404).
  ...Object.fromEntries(
    AV_ROUTES.map(([method, tail, body]) => [
      `${method} /api/abandoned-vehicles/dossiers/{caseId}${tail}`,
      {
        permission: 'signed_in',
        scope: 'case',
        url: (w: World) => `/api/abandoned-vehicles/dossiers/${w.avCaseId}${tail.replace('{objectionId}', String(w.objectionId))}`,
        ok: method === 'GET' ? [200] : tail.includes('resolve') ? [200, 404, 409] : [200, 409],
        okFor: { property_staff: [404], resident: [404], ...(method === 'POST' ? { leader: [403], grid_worker: [403] } : {}) },
        ...(body ? { body } : {}),
      } satisfies RouteCase,
    ]),
  ),
  'GET /api/open311-clients': { permission: 'cases.configure', scope: 'global', url: () => '/api/open311-clients' },
  'POST /api/open311-clients': {
    permission: 'cases.configure',
    scope: 'global',
    url: () => '/api/open311-clients',
    body: (w) => ({ name: `授权测试应用${w.index}-${Math.random()}` }),
    ok: [201],
  },
  'DELETE /api/open311-clients/{id}': {
    permission: 'cases.configure',
    scope: 'global',
    url: () => '/api/open311-clients/999999',
    ok: [404],
  },
  'PUT /api/calendar-overrides/{day}': {
    permission: 'cases.configure',
    scope: 'global',
    url: () => '/api/calendar-overrides/2027-10-08',
    body: () => ({ kind: 'holiday', note: '授权测试' }),
  },
  // 依申请公开 (docs/decisions/046): anyone may apply and follow their own application; the county
  // office handles every application, wherever the applicant lives (county-wide, not by region).
  'POST /api/open/disclosure/challenge': { permission: 'public', scope: 'global', url: () => '/api/open/disclosure/challenge' },
  // Without a solved puzzle the form is refused (the puzzle itself: disclosure.int.test.ts).
  'POST /api/open/disclosure/applications': {
    permission: 'public',
    scope: 'global',
    url: () => '/api/open/disclosure/applications',
    body: () => ({}),
    ok: [400],
  },
  'POST /api/open/disclosure/status': {
    permission: 'public',
    scope: 'global',
    url: () => '/api/open/disclosure/status',
    body: () => ({ trackingCode: 'YS2027-AAAAAAAA', contact: '13900000000' }),
    ok: [404],
  },
  'POST /api/open/disclosure/reply-letter': {
    permission: 'public',
    scope: 'global',
    url: () => '/api/open/disclosure/reply-letter',
    body: () => ({ trackingCode: 'YS2027-AAAAAAAA', contact: '13900000000' }),
    ok: [404],
  },
  'GET /api/disclosure/applications': {
    permission: 'disclosure.handle',
    scope: 'global',
    url: () => '/api/disclosure/applications?pageSize=200',
  },
  'POST /api/disclosure/applications': {
    permission: 'disclosure.handle',
    scope: 'global',
    url: () => '/api/disclosure/applications',
    body: () => ({
      applicantKind: 'natural',
      name: '来信申请人',
      idType: 'passport',
      idNumber: 'E12345678',
      phone: '0531-87881234',
      description: '授权测试：来信申请的政府信息',
      format: 'paper',
      delivery: 'mail',
      address: '平阴县青龙路 1 号',
      channel: 'letter',
      receivedOn: '2026-01-05',
    }),
    ok: [201],
  },
  'GET /api/disclosure/applications/{id}': {
    permission: 'disclosure.handle',
    scope: 'global',
    url: (w) => `/api/disclosure/applications/${w.applicationId}`,
  },
  'POST /api/disclosure/applications/{id}/actions': {
    permission: 'disclosure.handle',
    scope: 'global',
    url: (w) => `/api/disclosure/applications/${w.applicationId}/actions`,
    body: (w) => ({ action: 'note', note: `${w.marker}内部备注` }),
    auditAction: 'disclosure_note',
  },
  // The office reveals an applicant's number with a reason, audited (查看完整号码, decision 019).
  'POST /api/disclosure/applications/{id}/reveal': {
    permission: 'disclosure.handle',
    scope: 'global',
    url: (w) => `/api/disclosure/applications/${w.applicationId}/reveal`,
    body: () => ({ field: 'phone', reason: '电话告知补正' }),
    auditAction: 'reveal_personal_data',
    reveals: (w) => [`1390000000${w.index}`],
  },
  // Not answered yet: no letter.
  'GET /api/disclosure/applications/{id}/reply.docx': {
    permission: 'disclosure.handle',
    scope: 'global',
    url: (w) => `/api/disclosure/applications/${w.applicationId}/reply.docx`,
    ok: [404],
  },
  'GET /api/disclosure/annual-table': {
    permission: 'disclosure.handle',
    scope: 'global',
    url: () => '/api/disclosure/annual-table?year=2027',
  },
  // 重大决策预公开: the catalogue and the drafts are public; any signed-in account may comment
  // (the world's decision takes comments); the office's routes are county-wide.
  'GET /api/open/decisions': { permission: 'public', scope: 'global', url: () => '/api/open/decisions' },
  'GET /api/open/decisions/{id}': { permission: 'public', scope: 'global', url: (w) => `/api/open/decisions/${w.decisionId}` },
  'POST /api/open/decisions/{id}/comments': {
    permission: 'signed_in',
    scope: 'global',
    url: (w) => `/api/open/decisions/${w.decisionId}/comments`,
    body: (w) => ({ content: `${w.marker}对草案的意见` }),
    ok: [201],
  },
  'GET /api/disclosure/decisions': { permission: 'disclosure.handle', scope: 'global', url: () => '/api/disclosure/decisions' },
  'POST /api/disclosure/decisions': {
    permission: 'disclosure.handle',
    scope: 'global',
    url: () => '/api/disclosure/decisions',
    body: () => ({
      year: 2027,
      title: `授权测试决策${fresh()}`,
      organ: '县发展改革局',
      draft: '草案',
      explanation: '说明',
      background: '背景',
    }),
    ok: [201],
  },
  'GET /api/disclosure/decisions/{id}': {
    permission: 'disclosure.handle',
    scope: 'global',
    url: (w) => `/api/disclosure/decisions/${w.decisionId}`,
  },
  // Open already: a second opening is refused, which is all the walk needs of the route.
  'POST /api/disclosure/decisions/{id}/actions': {
    permission: 'disclosure.handle',
    scope: 'global',
    url: (w) => `/api/disclosure/decisions/${w.decisionId}/actions`,
    body: () => ({ action: 'open_consultation', opensOn: '2099-01-01', closesOn: '2099-02-01' }),
    ok: [409],
  },
};

/**
 * The house routes walked again on the world's village house (no estate, building or unit): the
 * same permissions and region; property staff, who read the houses of their company's estates
 * only, never reach it.
 */
const VILLAGE_HOUSE_ROUTES: Record<string, RouteCase> = {
  'GET /api/houses/{id}': {
    permission: 'houses.read',
    scope: 'detail',
    url: (w) => `/api/houses/${w.villageHouseId}`,
    okFor: { property_staff: [404] },
  },
  'GET /api/houses/{id}/form': {
    permission: 'houses.write',
    scope: 'detail',
    url: (w) => `/api/houses/${w.villageHouseId}/form`,
  },
  'PATCH /api/houses/{id}': {
    permission: 'houses.write',
    scope: 'detail',
    url: (w) => `/api/houses/${w.villageHouseId}`,
    body: (w) => ({ villageGroup: `${w.marker}组`, doorNumber: '1号', lon: 116.39, lat: 36.2, area: 130, houseUse: 'owner_occupied' }),
  },
  'POST /api/houses': {
    permission: 'houses.write',
    scope: 'detail',
    url: () => '/api/houses',
    body: (w) => ({
      communityId: w.communityId,
      doorNumber: `${fresh()}号`,
      lon: 116.39,
      lat: 36.2,
      area: 90,
      houseUse: 'vacant',
      gridId: w.house.grid_id,
    }),
    ok: [201],
  },
};

async function buildWorld(t: Awaited<ReturnType<typeof buildTestApp>>, index: 0 | 1, town: string, community: string) {
  const db = t.db;
  const house = await buildHouse(db, community, { estate: `${MARK[index]}小区` });
  // Living alone: the world's alarm lists them in its context, masked as the people pages mask them.
  const resident = await buildResident(db, house, { name: `${MARK[index]}居民`, phone: `1370000000${index}`, tags: ['living_alone'] });
  const spare = await buildResident(db, house, { name: `${MARK[index]}待迁入` });
  // A village house (docs/decisions/049) in the world's grid, named with the world's marker, and a villager living in it.
  const communityRegion = await regionByName(db, community);
  const villageHouse = await buildVillageHouse(
    db,
    { id: communityRegion.id, name: community, townName: town },
    { group: `${MARK[index]}组`, doorNumber: '1号', grid: { id: house.grid_id!, path: house.region_path } },
  );
  await buildResident(db, villageHouse, { name: `${MARK[index]}村民`, phone: `1370000010${index}` });
  await db
    .insertInto('special_group_records')
    .values({ resident_id: resident.id, category: 'released_prisoner', since_on: null, supervisor: null, note: null })
    .execute();
  const company = await db
    .insertInto('property_companies')
    .values({ name: `${MARK[index]}物业公司` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('estates').set({ property_company_id: company.id }).where('id', '=', house.estateId).execute();
  const vehicle = await db
    .insertInto('vehicles')
    .values({
      plate: `鲁A${index}TEST`,
      vehicle_type: 'car',
      owner_id: resident.id,
      estate_id: house.estateId,
      region_path: house.region_path,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const gridOfHouse = { id: house.grid_id!, path: house.region_path };
  const gridWorker = await buildGridWorker(db, gridOfHouse, { name: `${MARK[index]}网格员`, phone: `1360000010${index}` });
  const spareWorker = await buildGridWorker(db, gridOfHouse, { name: `${MARK[index]}兼职网格员`, employment: 'part_time' });
  const regionOf: Record<Role, number> = {
    county_admin: (await regionByName(db, '平阴县')).id,
    leader: (await regionByName(db, '平阴县')).id,
    dept_handler: (await regionByName(db, '平阴县')).id,
    town_staff: (await regionByName(db, town)).id,
    community_staff: (await regionByName(db, community)).id,
    grid_worker: house.grid_id!,
    property_staff: (await regionByName(db, community)).id,
    resident: (await regionByName(db, community)).id,
  };
  const users = {} as Record<Role, string>;
  for (const role of ROLES) {
    users[role] = await buildUser(db, role, regionOf[role], {
      residentId: role === 'resident' ? resident.id : undefined,
      propertyCompanyId: role === 'property_staff' ? company.id : undefined,
    });
  }
  const admin = await db
    .selectFrom('users')
    .select(['id', 'region_id'])
    .where('username', '=', users.community_staff)
    .executeTakeFirstOrThrow();
  const building = await db.selectFrom('buildings').select('id').where('estate_id', '=', house.estateId).executeTakeFirstOrThrow();
  // An account no test signs in with, whose password the walk resets.
  const spareUser = await buildUser(db, 'community_staff', regionOf.community_staff);
  const spareUserId = (await db.selectFrom('users').select('id').where('username', '=', spareUser).executeTakeFirstOrThrow()).id;
  const job = await db
    .insertInto('import_jobs')
    .values({
      kind: 'houses',
      file_name: `${MARK[index]}.xlsx`,
      file_sha256: 'x',
      file_path: '/nonexistent',
      status: 'done',
      user_id: admin.id,
      region_id: admin.region_id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = await db
    .insertInto('org_units')
    .values({ name: `县测试局${index}`, kind: 'department' })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .executeTakeFirst();
  const leader = await db
    .insertInto('leaders')
    .values({ name: `测试领导${index}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const device = await buildWorldDevice(db, index, house);
  const alarm = await buildWorldAlarm(db, index, device.id, house, building.id);
  const casework = await buildWorldCase(t, { index, house, users, unitId: unit!.id });
  const av = await buildWorldVehicleCase(t, { index, house, unitId: unit!.id });
  const proposal = await buildWorldProposal(db, index, unit!.id);
  const application = await buildWorldApplication(db, index);
  const decision = await buildWorldDecision(db, index);
  const tasks = await buildWorldTasks(t, { index, town: regionOf.town_staff, unitId: unit!.id, users });
  const library = await buildWorldDocument(t, index, admin.id);
  return {
    tasks,
    index,
    house,
    resident,
    spare,
    vehicleId: vehicle.id,
    communityId: regionOf.community_staff,
    users,
    importJobId: job.id,
    unitId: unit!.id,
    leaderId: leader.id,
    adminUserId: admin.id,
    spareUserId,
    gridWorker,
    spareWorkerId: spareWorker.id,
    buildingId: building.id,
    villageHouseId: villageHouse.id,
    device,
    alarmId: alarm.id,
    incidentId: alarm.incidentId,
    marker: MARK[index],
    ...casework,
    ...av,
    ...proposal,
    applicationId: application.id,
    decisionId: decision.id,
    ...library,
  };
}

/**
 * A proposal of the world, assigned to the world's unit and replied to, its contact's phone in the
 * reply: a county department reads only its own, and the phone is masked for who may not see it.
 */
async function buildWorldProposal(db: Kysely<DB>, index: number, unitId: number) {
  await db
    .insertInto('proposal_sessions')
    .values({ body: 'cppcc', term: 11, session_number: 2 })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const session = await db.selectFrom('proposal_sessions').select('id').where('term', '=', 11).executeTakeFirstOrThrow();
  const proposal = await db
    .insertInto('proposals')
    .values({
      session_id: session.id,
      kind: 'proposal',
      number: `990${index}`,
      title: `${MARK[index]}提案`,
      state: 'replied',
      mode: 'single',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('proposal_proposers')
    .values({ proposal_id: proposal.id, seq: 1, name: `${MARK[index]}委员` })
    .execute();
  const assignment = await db
    .insertInto('proposal_assignments')
    .values({ proposal_id: proposal.id, org_unit_id: unitId, role: 'lead', status: 'replied', assigned_on: '2026-01-05' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('proposal_replies')
    .values({
      assignment_id: assignment.id,
      replied_on: '2026-01-06',
      document_number: '平政办字〔2026〕1号',
      content: `${MARK[index]}答复`,
      contact_name: `${MARK[index]}联系人`,
      contact_phone: `1390000000${index}`,
    })
    .execute();
  return { proposalId: proposal.id, proposalSessionId: session.id };
}

/** A major decision of the world's marker, open for comments from long ago to far ahead. */
function buildWorldDecision(db: Kysely<DB>, index: number) {
  return db
    .insertInto('disclosure_decisions')
    .values({
      year: 2027,
      seq: 100 + index,
      title: `${MARK[index]}决策事项`,
      organ: '县发展改革局',
      draft: '草案',
      explanation: '说明',
      background: '背景',
      state: 'consulting',
      comment_opens_on: '2000-01-01',
      comment_closes_on: '2099-12-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * An application for disclosure of the world, with full numbers in its fields and in its free
 * text: the office works masked, so none may reach it in full.
 */
function buildWorldApplication(db: Kysely<DB>, index: number) {
  return db
    .insertInto('disclosure_applications')
    .values({
      tracking_code: `YS2027-AUTH000${index}`,
      applicant_kind: 'natural',
      applicant_name: `${MARK[index]}申请人`,
      id_type: 'resident_id',
      id_number: makeIdCard(),
      phone: `1390000000${index}`,
      description: `${MARK[index]}申请公开的信息，联系 1380000000${index}`,
      format: 'electronic',
      delivery: 'online',
      state: 'reviewing',
      received_on: '2027-01-04',
      clock_start_on: '2027-01-04',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * A supervised task of the world (docs/decisions/044): led by the world's unit, its town
 * co-responsible, issued three months ago so that last month is one to report on; the unit has
 * reported a month with an evidence file.
 */
async function buildWorldTasks(
  t: Awaited<ReturnType<typeof buildTestApp>>,
  w: { index: number; town: number; unitId: number; users: Record<Role, string> },
) {
  const db = t.db;
  const monthBack = (n: number) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - n);
    return d.toISOString().slice(0, 10);
  };
  const handler = await db.selectFrom('users').select('id').where('username', '=', w.users.dept_handler).executeTakeFirstOrThrow();
  const list = await db
    .insertInto('task_lists')
    .values({ title: `${MARK[w.index]}任务清单`, kind: 'manual', issued_on: monthBack(3) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const task = await db
    .insertInto('tasks')
    .values({ list_id: list.id, seq: 1, task: `${MARK[w.index]}重点任务`, deadline: '2099-12-31', deadline_text: '2099年12月底前' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [lead] = await db
    .insertInto('task_units')
    .values([
      { task_id: task.id, role: 'lead', printed_name: `县测试局${w.index}`, org_unit_id: w.unitId, region_id: null, sort: 0 },
      { task_id: task.id, role: 'co', printed_name: '属地街道', region_id: w.town, org_unit_id: null, sort: 1 },
    ])
    .returning('id')
    .execute();
  const report = await db
    .insertInto('task_reports')
    .values({ task_unit_id: lead.id, month: monthBack(3), text: `${MARK[w.index]}已报进展`, figures: '[]', submitted_by: handler.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const stored = await t.app.casework.files.put('task-evidence', Buffer.from(`%PDF-1.4 ${MARK[w.index]}`), '.pdf');
  const file = await db
    .insertInto('task_report_files')
    .values({
      report_id: report.id,
      file_name: '佐证.pdf',
      sha256: stored.sha256,
      extension: '.pdf',
      size: stored.size,
      uploaded_by: handler.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { listId: list.id, taskId: task.id, reportId: report.id, fileId: file.id, month: monthBack(2).slice(0, 7) };
}

/**
 * A published document of the county's library, with an interpretation and a gazette issue.
 * The library is the county office's, not a region's: every role that reads it reads both worlds'.
 */
async function buildWorldDocument(t: Awaited<ReturnType<typeof buildTestApp>>, index: number, adminId: number) {
  const doc = { ...opennessPoints(), number: { text: `授权〔2027〕${index + 1}号`, organCode: '授权', year: 2027, serial: index + 1 } };
  doc.title = `${MARK[index]}文件`;
  const { ids } = await t.db.transaction().execute((trx) => importGazetteDocuments(trx, [doc], { source: 'auth-walk' }));
  const documentId = ids.get(doc.number.text)!;
  const interpretation = await t.db
    .insertInto('document_interpretations')
    .values({ document_id: documentId, kind: 'text', title: `${MARK[index]}解读`, body: '解读', created_by: adminId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const issue = await t.db
    .insertInto('gazette_issues')
    .values({ year: 2027, issue_number: index + 1, title: `${MARK[index]}公报` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { documentId, interpretationId: interpretation.id, gazetteIssueId: issue.id };
}

/** A smoke detector in the world's house, named with the world's marker. */
async function buildWorldDevice(db: Kysely<DB>, index: number, house: Awaited<ReturnType<typeof buildHouse>>) {
  const { device } = await buildDevice(db, index === 0 ? '锦源社区' : '玫瑰苑社区');
  return db
    .updateTable('iot_devices')
    .set({
      name: `${MARK[index]}烟感`,
      battery: 10,
      estate_id: house.estateId,
      house_id: house.id,
      region_id: house.grid_id!,
      region_path: house.region_path,
    })
    .where('id', '=', device.id)
    .returning(['id', 'secret_sha256', 'mosquitto_hash'])
    .executeTakeFirstOrThrow();
}

/** An open smoke alarm of the world's device, as the rules would write it, in a storm incident of its own. */
async function buildWorldAlarm(
  db: Kysely<DB>,
  index: number,
  deviceId: number,
  house: Awaited<ReturnType<typeof buildHouse>>,
  buildingId: number,
) {
  const at = new Date();
  const place = { regionPath: house.region_path, estateId: house.estateId, buildingId, severity: 'critical' as const, at };
  const { id } = await alarmWritesRepository(db).insert({
    ...place,
    deviceId,
    ruleCode: 'smoke',
    ruleName: '烟雾报警',
    detail: `${MARK[index]}烟雾`,
    value: true,
    readings: { smoke: true },
    snapshotUrl: null,
    flapping: false,
  });
  const incident = await incidentsRepository(db).open({ ...place, ruleCode: 'smoke', typeCode: 'smoke_detector' });
  await alarmWritesRepository(db).update(id, { incident_id: incident.id });
  return { id, incidentId: incident.id };
}

/**
 * A case of the world: a private category (so that "me too" is limited to the region), reported
 * by the world's resident, dispatched to the world's unit, with a photo, a 督办单 and a message.
 */
async function buildWorldCase(
  t: Awaited<ReturnType<typeof buildTestApp>>,
  w: { index: number; house: { grid_id: number | null; region_path: string }; users: Record<Role, string>; unitId: number },
) {
  const db = t.db;
  const userId = async (role: Role) =>
    (await db.selectFrom('users').select('id').where('username', '=', w.users[role]).executeTakeFirstOrThrow()).id;
  await db.updateTable('users').set({ org_unit_id: w.unitId }).where('username', '=', w.users.dept_handler).execute();
  const category = await db.selectFrom('case_categories').select('id').where('code', '=', 'neighbour_dispute').executeTakeFirstOrThrow();
  const reporter = await userId('resident');
  const c = await db
    .insertInto('cases')
    .values({
      number: `PYAUTH${w.index}`,
      category_id: category.id,
      status: 'dispatched',
      source: 'resident',
      title: `${MARK[w.index]}事件`,
      description: `${MARK[w.index]}纠纷`,
      is_public: false,
      lon: 116.4551,
      lat: 36.2869,
      region_id: w.house.grid_id!,
      region_path: w.house.region_path,
      reporter_user_id: reporter,
      handler_unit_id: w.unitId,
      step: 'sign',
      next_deadline_at: new Date(Date.now() - 3600_000),
      due_at: new Date(Date.now() + 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const source = await db
    .insertInto('case_sources')
    .values({
      case_id: c.id,
      source: 'resident',
      reporter_user_id: reporter,
      reporter_name: `${MARK[w.index]}居民`,
      reporter_phone: `1370000000${w.index}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const photoId = await buildCasePhoto(t.app, db, Buffer.from(`photo ${w.index}`), { case_id: c.id, uploaded_by: reporter });
  const notice = await db
    .insertInto('case_supervisions')
    .values({ case_id: c.id, level: 1, org_unit_id: w.unitId, reason: `${MARK[w.index]}督办` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const message = await db
    .insertInto('notifications')
    .values({ user_id: reporter, kind: 'case_update', case_id: c.id, title: '事件进展', body: '已派遣' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { caseId: c.id, sourceId: source.id, categoryId: category.id, photoId, noticeId: notice.id, notificationId: message.id };
}

/**
 * An abandoned car of the world, dispatched to the world's unit, its owner found, a notice
 * issued (so the .docx exists) and an objection waiting.
 */
async function buildWorldVehicleCase(
  t: Awaited<ReturnType<typeof buildTestApp>>,
  w: { index: number; house: { id: number; grid_id: number | null; region_path: string; community_id: number }; unitId: number },
) {
  const db = t.db;
  const category = await db.selectFrom('case_categories').select('id').where('code', '=', 'abandoned_vehicle').executeTakeFirstOrThrow();
  const c = await db
    .insertInto('cases')
    .values({
      number: `PYAUTHAV${w.index}`,
      category_id: category.id,
      status: 'in_progress',
      source: 'grid_patrol',
      title: `${MARK[w.index]}废弃汽车`,
      description: `${MARK[w.index]}废弃汽车`,
      attributes: JSON.stringify({ plate: `鲁A${w.index}AV00`, vehicle_kind: 'car', signs: ['dust'], location_kind: 'public_area' }),
      is_public: true,
      region_id: w.house.grid_id!,
      region_path: w.house.region_path,
      handler_unit_id: w.unitId,
      first_unit_id: w.unitId,
      step: 'handle',
      accepted_at: new Date(),
      dispatched_at: new Date(),
      signed_at: new Date(),
      due_at: new Date(Date.now() + 20 * 86_400_000),
      next_deadline_at: new Date(Date.now() + 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const notice = t.app.casework.files.save('av-notices', Buffer.from(`notice ${w.index}`), '.docx');
  await db
    .insertInto('av_dossiers')
    .values({
      case_id: c.id,
      owner_status: 'found',
      owner_checked_at: new Date(),
      public_notice_method: 'posted',
      public_notice_at: new Date(),
      public_deadline: '2020-01-01',
      public_notice_sha: notice.sha256,
      issuing_unit: '授权测试单位',
    })
    .execute();
  const objection = await db
    .insertInto('av_objections')
    .values({ case_id: c.id, raised_at: new Date(), raised_by: '车主', content: '授权测试异议' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { avCaseId: c.id, objectionId: objection.id };
}

const COUNTY_WIDE: Role[] = ['county_admin', 'leader'];
/** A county department is county-wide for the places of the county, not for its cases. */
const countyWideFor = (role: Role, scope: RouteCase['scope']) =>
  COUNTY_WIDE.includes(role) || (role === 'dept_handler' && scope !== 'case');

/**
 * Numbers a masked viewer may read in full: a resident's own ID number and phone, and their grid
 * worker's work phone, posted on the grid's notice board for them (我的家, decision 047).
 */
function publishedNumbers(w: World, role: Role): string[] {
  return role === 'resident' ? [w.resident.id_card, w.resident.phone!, w.gridWorker.phone] : [];
}

describe('authorization: every route × every role × two regions', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let worlds: [World, World];
  const cookies = new Map<string, { cookie: string }>();
  let deviceSecrets: (string | RegExp)[];

  beforeAll(async () => {
    t = await buildTestApp();
    await seedCasework(t.db);
    worlds = [await buildWorld(t, 0, '榆山街道', '锦源社区'), await buildWorld(t, 1, '锦水街道', '玫瑰苑社区')];
    for (const w of worlds) for (const role of ROLES) cookies.set(`${role}/${w.index}`, await loginAs(t.app, w.users[role]));
    deviceSecrets = [...worlds.flatMap((w) => [w.device.secret_sha256, w.device.mosquitto_hash!]), /secret_?sha256/i, /mosquitto_?hash/i];
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has a case for every route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/'))
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.filter((r) => !ROUTES[r])).toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('refuses every non-public route without a session', async () => {
    for (const [key, c] of Object.entries(ROUTES)) {
      if (c.permission === 'public') continue;
      const res = await call(t.app, key, c, worlds[0]);
      expect(res.statusCode, key).toBe(401);
    }
  });

  /** Every route of `routes` as `role`, from both worlds: permission, region, masking, audit. */
  async function walk(role: Role, routes: Record<string, RouteCase>) {
    const has = (p: RouteCase['permission']) =>
      p === 'public' ||
      p === 'signed_in' ||
      (Array.isArray(p) ? p.some((one) => ROLE_PERMISSIONS[role].includes(one)) : ROLE_PERMISSIONS[role].includes(p));
    const seesFull = ROLE_PERMISSIONS[role].includes('personal_data.full');
    for (const home of worlds) {
      const other = worlds[1 - home.index];
      const session = cookies.get(`${role}/${home.index}`)!;
      for (const [key, c] of Object.entries(routes)) {
        if (c.permission === 'public') continue;
        const countyWide = countyWideFor(role, c.scope);
        const auditBefore = c.auditAction ? await auditCount(t, c.auditAction) : 0;
        const own = await call(t.app, key, c, home, session);
        if (!has(c.permission)) {
          expect(own.statusCode, `${role} ${key} without permission`).toBe(403);
          continue;
        }
        expect(c.okFor?.[role] ?? c.ok ?? [200], `${role} ${key} own region: ${own.body.slice(0, 200)}`).toContain(own.statusCode);
        if (c.auditAction && own.statusCode === 200) expect(await auditCount(t, c.auditAction), `${key} audited`).toBe(auditBefore + 1);
        const isJson = own.headers['content-type']?.toString().includes('json');
        if (isJson && !seesFull)
          expect(
            scanResponse(own.body, { masked: true, allowed: [...publishedNumbers(home, role), ...(c.reveals?.(home) ?? [])] }),
            `${role} ${key} masking`,
          ).toEqual([]);
        // A grid worker's phone is masked for every role, those who see residents' numbers in full too (decision 047).
        const wholeHere = [...publishedNumbers(home, role), ...(c.reveals?.(home) ?? [])];
        const workerPhones = worlds.map((w) => w.gridWorker.phone).filter((p) => !wholeHere.includes(p));
        expect(
          workerPhones.filter((p) => own.body.includes(p)),
          `${role} ${key} grid worker phones`,
        ).toEqual([]);
        // A device's secret hash leaves the database in no answer, whoever asks.
        expect(scanResponse(own.body, { masked: false, forbidden: deviceSecrets }), `${role} ${key} device secrets`).toEqual([]);
        if (c.scope === 'list' && !countyWide) {
          expect(await textOf(own), `${role} ${key} must not list the other region`).not.toContain(other.marker);
        }
        if ((c.scope === 'detail' || c.scope === 'case') && !countyWide) {
          const foreign = await call(t.app, key, c, other, session);
          expect(foreign.statusCode, `${role} ${key} other region: ${foreign.body.slice(0, 200)}`).toBe(404);
        }
      }
    }
  }

  for (const role of ROLES) {
    it(`keeps ${role} to its permissions, its region and its masking`, () => walk(role, ROUTES), 120_000);
    it(`keeps ${role} to its region on a village house`, () => walk(role, VILLAGE_HOUSE_ROUTES), 30_000);
  }

  it("gives an alarm's context its building's residents who need help as the people pages show them, and none to property staff", async () => {
    const w = worlds[0];
    const contextOf = async (role: Role) =>
      (await t.app.inject({ url: `/api/iot/alarms/${w.alarmId}`, headers: cookies.get(`${role}/0`)! })).json().context;
    for (const role of ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('iot.read'))) {
      const context = await contextOf(role);
      if (!ROLE_PERMISSIONS[role].includes('residents.read')) {
        expect(context.residents, role).toBeNull();
        continue;
      }
      const phone = ROLE_PERMISSIONS[role].includes('personal_data.full')
        ? w.resident.phone
        : expect.not.stringContaining(w.resident.phone!);
      expect(context.residents, role).toEqual([expect.objectContaining({ id: w.resident.id, tags: ['living_alone'], phone })]);
      // The walk added part-time workers; the world's full-time one is on duty, every phone masked (decision 047).
      expect(context.gridWorkers[0], role).toEqual(
        expect.objectContaining({ name: `${w.marker}网格员`, onDuty: true, phone: '136****0100' }),
      );
    }
  });

  it('streams to every role of two regions the lines of its own region and relations, in their audiences, and no personal data', async () => {
    const base = await listening(t.app);
    const streams = new Map<string, EventStreamClient>();
    try {
      for (const w of worlds)
        for (const role of ROLES) streams.set(`${role}/${w.index}`, await openAdmitted(base, cookies.get(`${role}/${w.index}`)!.cookie));
      // The desk of each world writes a public note and an internal one on its world's case.
      const lines: { world: number; audience: 'public' | 'internal'; id: number }[] = [];
      for (const w of worlds)
        for (const audience of ['public', 'internal'] as const) {
          const note = `${w.marker}${audience}事件流备注`;
          const payload = { action: 'comment', note, internal: audience === 'internal' };
          const res = await t.app.inject({
            method: 'POST',
            url: `/api/cases/${w.caseId}/actions`,
            headers: cookies.get(`community_staff/${w.index}`)!,
            payload,
          });
          expect(res.statusCode, res.body).toBe(200);
          const line = await t.db.selectFrom('case_events').select('id').where('note', '=', note).executeTakeFirstOrThrow();
          lines.push({ world: w.index, audience, id: line.id });
        }
      // Every stream is sent an event at once; a county administrator is sent them all.
      await streams.get('county_admin/0')!.next((m) => m.event === 'message' && JSON.parse(m.data).data.lineId === lines.at(-1)!.id);
      await new Promise((r) => setTimeout(r, 300));
      for (const w of worlds)
        for (const role of ROLES) {
          const stream = streams.get(`${role}/${w.index}`)!;
          const follows = await followsCase(t, w.users[role], w.caseId);
          const expected = lines.filter((l) => hearsLine(role, w.index, l, follows)).map((l) => l.id);
          const heard = stream
            .events()
            .flatMap((e) => (e.type === 'case.step' && lines.some((l) => l.id === e.data.lineId) ? [e.data.lineId] : []));
          expect(heard, `${role} of world ${w.index}`).toEqual(expected);
          const masked = !ROLE_PERMISSIONS[role].includes('personal_data.full');
          expect(scanResponse(stream.text, { masked, allowed: publishedNumbers(w, role), forbidden: [...MARK] }), `${role} stream`).toEqual(
            [],
          );
        }
    } finally {
      streams.forEach((s) => s.close());
    }
  });
});

/**
 * Who hears a line of a world's case (dispatched to the world's unit, reported by its resident):
 * county-wide readers of both worlds; in its own world the town, community and grid, and the unit
 * it is dispatched to; those who only watch (a leader) not the internal lines; someone who
 * follows it (its reporter, or property staff who said "我也遇到了" in the walk above) its public
 * lines only, and nobody else outside casework anything.
 */
function hearsLine(role: Role, home: number, line: { world: number; audience: 'public' | 'internal' }, follows: boolean) {
  if (role === 'county_admin') return true;
  if (role === 'leader') return line.audience === 'public';
  if (line.world !== home) return false;
  if (role === 'resident' || role === 'property_staff') return follows && line.audience === 'public';
  return true;
}

/** Whether the user reported or joined the case: a case source of their own. */
async function followsCase(t: Awaited<ReturnType<typeof buildTestApp>>, username: string, caseId: number) {
  const source = await t.db
    .selectFrom('case_sources')
    .innerJoin('users', 'users.id', 'case_sources.reporter_user_id')
    .select('case_sources.id')
    .where('users.username', '=', username)
    .where('case_sources.case_id', '=', caseId)
    .executeTakeFirst();
  return source !== undefined;
}

async function call(app: FastifyInstance, key: string, c: RouteCase, w: World, session?: { cookie: string }) {
  if (c.stream) return callStream(app, c, w, session);
  const [method] = key.split(' ');
  const body = c.body?.(w);
  return app.inject({
    method: method as 'GET',
    url: c.url(w),
    headers: session ?? {},
    ...(body !== undefined ? { payload: body as object } : {}),
  });
}

type Answer = Pick<Awaited<ReturnType<FastifyInstance['inject']>>, 'statusCode' | 'body' | 'headers' | 'rawPayload'>;

/** A stream's answer: its status and, for a refusal, its JSON; an admitted stream is closed once it starts. */
async function callStream(app: FastifyInstance, c: RouteCase, w: World, session?: { cookie: string }): Promise<Answer> {
  const stream = await openEventStream(await listening(app), session ?? {}, c.url(w));
  if (stream.status === 200) await stream.next((m) => m.event === 'retry');
  else await stream.ended;
  stream.close();
  return { statusCode: stream.status, body: stream.text, headers: stream.headers, rawPayload: Buffer.from(stream.text) };
}

async function textOf(res: Answer) {
  if (res.headers['content-type']?.toString().includes('spreadsheet')) {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    return cells.join('|');
  }
  return res.body;
}

async function auditCount(t: Awaited<ReturnType<typeof buildTestApp>>, action: string) {
  const row = await t.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
