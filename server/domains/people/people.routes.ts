import { requires, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams, offsetOf } from '../../platform/paging.js';
import { forbidden } from '../../platform/errors.js';
import * as repo from './people.repository.js';
import { presentResident } from './people.presenter.js';
import { createResidentBody, moveBody, residentQuery, updateResidentBody } from './people.schema.js';
import * as people from './people.service.js';

export async function peopleRoutes(app: App) {
  const r = typed(app);

  r.get('/api/residents', {
    schema: { tags: ['people'], summary: '居民列表（分页、筛选、搜索：姓名、身份证/手机号尾号）', querystring: residentQuery },
    preHandler: requires('residents.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const { page, pageSize, sort, order, ...filter } = request.query;
    const { rows, total } = await repo.listResidents(app.db, await people.residentFilter(app.db, viewer, filter), {
      offset: offsetOf({ page, pageSize }), limit: pageSize, sort, order,
    });
    return { items: rows.map((row) => presentResident(row, viewer)), total };
  });

  r.get('/api/residents/:id', {
    schema: { tags: ['people'], summary: '居民详情（户、房屋、车辆、迁入迁出）', params: idParams },
    preHandler: requires('residents.read'),
  }, async (request) => people.residentDetail(app.db, viewerOf(request), request.params.id));

  r.get('/api/residents/:id/special-groups', {
    schema: { tags: ['people'], summary: '特殊人群信息（受限，每次查看记入审计日志）', params: idParams },
    preHandler: requires('special_groups.read'),
  }, async (request) => people.readSpecialGroups(app.db, viewerOf(request), request.params.id));

  r.post('/api/residents', {
    schema: { tags: ['people'], summary: '登记居民', body: createResidentBody },
    preHandler: requires('residents.write'),
  }, async (request, reply) => {
    const viewer = viewerOf(request);
    const id = await people.createResident(app.db, viewer, request.body);
    return reply.status(201).send(await people.residentDetail(app.db, viewer, id));
  });

  r.patch('/api/residents/:id', {
    schema: { tags: ['people'], summary: '修改居民信息', params: idParams, body: updateResidentBody },
    preHandler: requires('residents.write'),
  }, async (request) => {
    const viewer = viewerOf(request);
    await people.updateResident(app.db, viewer, request.params.id, request.body);
    return people.residentDetail(app.db, viewer, request.params.id);
  });

  r.post('/api/residents/:id/moves', {
    schema: { tags: ['people'], summary: '登记迁入/迁出', params: idParams, body: moveBody },
    preHandler: requires('residents.write'),
  }, async (request) => {
    const viewer = viewerOf(request);
    await people.recordMove(app.db, viewer, request.params.id, request.body);
    return people.residentDetail(app.db, viewer, request.params.id);
  });

  r.get('/api/me/home', {
    schema: { tags: ['people'], summary: '我的家（居民本人、家庭成员、房屋、网格员）' },
    preHandler: requires('me.home'),
  }, async (request) => {
    const viewer = viewerOf(request);
    if (!viewer.residentId) throw forbidden('该账号未关联居民档案');
    const resident = await people.residentDetail(app.db, viewer, viewer.residentId);
    const [community, grid, workers] = await Promise.all([
      app.db.selectFrom('regions').select(['id', 'name']).where('id', '=', resident.communityId).executeTakeFirst(),
      resident.gridId ? app.db.selectFrom('regions').select(['id', 'name']).where('id', '=', resident.gridId).executeTakeFirst() : undefined,
      resident.gridId
        ? app.db.selectFrom('grid_workers').select(['name', 'phone', 'employment']).where('grid_id', '=', resident.gridId).orderBy('employment').execute()
        : [],
    ]);
    return { resident, community: community ?? null, grid: grid ?? null, gridWorkers: workers };
  });
}
