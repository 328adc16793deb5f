import { z } from 'zod';
import { requires, requiresAny, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams, pagingQuery } from '../../platform/paging.js';
import { AppError, invalid } from '../../platform/errors.js';
import { idempotencyKeyOf } from '../../platform/idempotency.js';
import { actionBody, bulkDispatchBody, caseListQuery, nearbyQuery, reportCaseBody } from './cases.schema.js';
import { joinCase, reportCase } from './case-report.js';
import { actOnCase } from './case-actions.js';
import { assertMayViewPhoto, caseDetail, listCases, myCases, nearbyForReporter, publicCaseMap } from './case-read.js';
import { photoFile, uploadPhoto } from './case-photos.js';
import { categoryTree, reportRegions } from './case-categories.js';
import type { CaseContext } from './case-context.js';


/** The casework API: report, work the loop, read; the workbench, the H5 clients and Open311 share it. */
export async function casesRoutes(app: App) {
  const r = typed(app);
  const ctx: CaseContext = app.casework;

  r.get('/api/case-categories', {
    schema: { tags: ['cases'], summary: '事件分类（含表单、时限、默认承办单位）' },
    preHandler: requiresAny('cases.report', 'cases.read', 'cases.handle'),
  }, async () => ({ items: await categoryTree(app.db) }));

  r.get('/api/case-regions', {
    schema: { tags: ['cases'], summary: '上报时可选的镇街、社区和网格' },
    preHandler: requires('cases.report'),
  }, async () => ({ items: await reportRegions(app.db) }));

  r.post('/api/case-photos', {
    schema: { tags: ['cases'], summary: '上传事件照片（multipart: file），返回照片编号', consumes: ['multipart/form-data'] },
    preHandler: requiresAny('cases.report', 'cases.handle', 'cases.verify'),
  }, async (request, reply) => {
    const viewer = viewerOf(request);
    if (!request.isMultipart()) throw invalid('FILE_REQUIRED', '请以 multipart/form-data 上传照片');
    const part = await request.file();
    if (!part) throw invalid('FILE_REQUIRED', '请选择照片');
    return reply.status(201).send(await uploadPhoto(ctx, viewer, await part.toBuffer()));
  });

  r.get('/api/case-photos/:id/:variant', {
    schema: { tags: ['cases'], summary: '事件照片（thumb 缩略图 / display 去除元数据的展示图 / original 原图，仅工作人员）', params: idParams.extend({ variant: z.enum(['thumb', 'display', 'original']) }) },
  }, async (request, reply) => {
    const viewer = viewerOf(request);
    const { photo, path, mime } = await photoFile(ctx, request.params.id, request.params.variant);
    await assertMayViewPhoto(ctx, viewer, photo, request.params.variant);
    return reply.type(mime).header('Cache-Control', 'private, max-age=86400').send(await ctx.files.open(path));
  });

  r.post('/api/cases', {
    schema: { tags: ['cases'], summary: '上报事件（居民、网格员巡查、12345 热线录入）；Idempotency-Key 头防止重复提交', body: reportCaseBody },
    preHandler: requires('cases.report'),
  }, async (request, reply) => {
    const result = await reportCase(ctx, { kind: 'viewer', viewer: viewerOf(request) }, request.body, idempotencyKeyOf(request));
    return reply.status(result.replayed ? 200 : 201).send(result);
  });

  r.get('/api/cases', {
    schema: { tags: ['cases'], summary: '事件工作台列表（按状态、单位、区域、超时筛选）', querystring: caseListQuery },
    preHandler: requiresAny('cases.read', 'cases.handle'),
  }, async (request) => listCases(ctx, viewerOf(request), request.query));

  r.get('/api/cases/nearby', {
    schema: { tags: ['cases'], summary: '附近同类未办结事件（“是这件吗？”）', querystring: nearbyQuery },
    preHandler: requires('cases.report'),
  }, async (request) => ({ items: await nearbyForReporter(ctx, viewerOf(request), request.query) }));

  r.get('/api/cases/map', {
    schema: { tags: ['cases'], summary: '辖区内有坐标的未办结事件（地图）', querystring: z.object({ regionId: z.coerce.number().int().positive().optional() }) },
    preHandler: requires('cases.read'),
  }, async (request) => {
    const query = caseListQuery.parse({ regionId: request.query.regionId, open: 'true', pageSize: 200, sort: 'deadline' });
    return listCases(ctx, viewerOf(request), query, { located: true });
  });

  r.get('/api/public/case-map', {
    schema: { tags: ['cases'], summary: '公开事件地图：公开分类的事件，不含任何个人信息', querystring: z.object({ regionId: z.coerce.number().int().positive().optional(), days: z.coerce.number().int().min(1).max(90).default(30) }) },
  }, async (request) => ({ items: await publicCaseMap(ctx, request.query) }));

  r.get('/api/cases/:id', {
    schema: { tags: ['cases'], summary: '事件详情：时间线、照片、来源、时限、可执行操作', params: idParams },
  }, async (request) => caseDetail(ctx, viewerOf(request), request.params.id));

  r.post('/api/cases/:id/actions', {
    schema: { tags: ['cases'], summary: '办理事件：受理、立案、派遣、签收、退回、转办、延期、挂账、处置、核查、结案、评价、合并、备注、督办', params: idParams, body: actionBody },
  }, async (request) => {
    const viewer = viewerOf(request);
    await actOnCase(ctx, viewer, request.params.id, request.body);
    // A step can take the case off the viewer's desk (a unit's 退回): say so, not 404.
    return caseDetail(ctx, viewer, request.params.id).catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) return { id: request.params.id, left: true as const };
      throw e;
    });
  });

  r.post('/api/cases/:id/join', {
    schema: { tags: ['cases'], summary: '“我也遇到了”：加入附近已上报的同一事件，一同接收反馈', params: idParams, body: z.object({ note: z.string().trim().min(1).max(500).optional() }) },
    preHandler: requires('cases.report'),
  }, async (request) => joinCase(ctx, viewerOf(request), request.params.id, request.body.note));

  r.post('/api/cases/bulk-dispatch', {
    schema: { tags: ['cases'], summary: '批量派遣（各事件按分派规则，或统一改派并说明理由）', body: bulkDispatchBody },
    preHandler: requires('cases.dispatch'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const results = [];
    // Each case is its own transaction: one refusal does not undo the others, and says why.
    for (const id of request.body.caseIds) {
      try {
        await actOnCase(ctx, viewer, id, { action: 'dispatch', target: request.body.target, reason: request.body.reason });
        results.push({ id, ok: true as const });
      } catch (e) {
        results.push({ id, ok: false as const, message: (e as Error).message });
      }
    }
    return { results };
  });

  r.get('/api/me/cases', {
    schema: { tags: ['cases'], summary: '我上报的事件', querystring: z.object(pagingQuery) },
    preHandler: requires('cases.report'),
  }, async (request) => myCases(ctx, viewerOf(request), request.query));
}
