import { idParams } from '../../../common/contracts/shared.js';
import {
  createResidentBody,
  moveBody,
  myHome as myHomeSchema,
  residentDetail as residentDetailSchema,
  residentPage,
  residentQuery,
  revealResidentBody,
  specialGroupRecords,
  updateResidentBody,
} from '../../../common/contracts/people.js';
import { guarded, listRoute, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { writeAudit } from '../../platform/audit.js';
import { rateLimits } from '../../platform/rate-limit.js';
import { countReveal } from '../../platform/reveal-limit.js';
import { revealedNumber } from '../../../common/contracts/reveal.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { vehiclesRepository } from '../vehicles/index.js';
import { communityInScope, houseInScope, publishedGridWorkersOf, regionNames } from '../regions/index.js';
import { residentsRepository } from './people.repository.js';
import * as people from './people.service.js';

/** The people API: thin — validate, scope, call the service, which presents. */
export async function peopleRoutes(app: App) {
  const r = typed(app);
  const deps = async (viewer: Viewer) => peopleDeps(app, viewer, await scopedDb(app.db, viewer));

  listRoute(
    app,
    '/api/residents',
    'residents.read',
    {
      tags: ['people'],
      summary: '居民列表（分页、筛选、搜索：姓名、身份证/手机号尾号）',
      querystring: residentQuery,
      response: residentPage,
    },
    (scoped, query, viewer) => people.listResidents(peopleDeps(app, viewer, scoped), viewer, query),
  );

  r.get(
    '/api/residents/:id',
    guarded('residents.read', {
      tags: ['people'],
      summary: '居民详情（户、房屋、车辆、迁入迁出）',
      params: idParams,
      response: { 200: residentDetailSchema },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return people.residentDetail(await deps(viewer), viewer, request.params.id);
    },
  );

  r.get(
    '/api/residents/:id/special-groups',
    guarded('special_groups.read', {
      tags: ['people'],
      summary: '特殊人群信息（受限，每次查看记入审计日志）',
      params: idParams,
      response: { 200: specialGroupRecords },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return people.readSpecialGroups(await deps(viewer), viewer, request.params.id);
    },
  );

  r.post(
    '/api/residents/:id/reveal',
    guarded('personal_data.reveal', {
      tags: ['people'],
      summary: '查看完整号码（身份证号或电话；须填写原因，记入审计日志，限频）',
      params: idParams,
      body: revealResidentBody,
      response: { 200: revealedNumber },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return people.revealResidentNumber(await deps(viewer), viewer, request.params.id, request.body);
    },
  );

  r.post(
    '/api/residents',
    guarded('residents.write', {
      tags: ['people'],
      summary: '登记居民',
      body: createResidentBody,
      response: { 201: residentDetailSchema },
    }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      return reply.status(201).send(await people.registerResident(await deps(viewer), viewer, request.body));
    },
  );

  r.patch(
    '/api/residents/:id',
    guarded('residents.write', {
      tags: ['people'],
      summary: '修改居民信息',
      params: idParams,
      body: updateResidentBody,
      response: { 200: residentDetailSchema },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return people.updateResident(await deps(viewer), viewer, request.params.id, request.body);
    },
  );

  r.post(
    '/api/residents/:id/moves',
    guarded('residents.write', {
      tags: ['people'],
      summary: '登记迁入/迁出',
      params: idParams,
      body: moveBody,
      response: { 200: residentDetailSchema },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return people.recordMove(await deps(viewer), viewer, request.params.id, request.body);
    },
  );

  r.get(
    '/api/me/home',
    guarded('me.home', { tags: ['people'], summary: '我的家（居民本人、家庭成员、房屋、网格员）', response: { 200: myHomeSchema } }),
    async (request) => {
      const viewer = viewerOf(request);
      return people.myHome(await deps(viewer), viewer);
    },
  );
}

/** The people services' dependencies over a scope, and over the same scope in a transaction. */
function peopleDeps(app: App, viewer: Viewer, scoped: ScopedDb): people.PeopleDeps {
  return {
    residents: residentsRepository(scoped),
    places: {
      house: (id) => houseInScope(scoped, id),
      community: (id) => communityInScope(scoped, id),
      names: (ids) => regionNames(scoped, ids),
      gridWorkers: (gridId) => publishedGridWorkersOf(scoped, gridId),
    },
    vehiclesOf: (ownerId) => vehiclesRepository(scoped).ofOwner(ownerId),
    audit: (entry) => writeAudit(scoped.unscoped, viewer, entry),
    countReveal: () => countReveal(rateLimits(scoped.unscoped), viewer, app.casework.clock.now()),
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(peopleDeps(app, viewer, scoped.on(trx)))),
    today: localDateOf(app.casework.clock.now()),
  };
}
