import type { FastifyRequest } from 'fastify';
import { guarded, requiresAny, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams } from '../../platform/paging.js';
import { AppError, invalid } from '../../platform/errors.js';
import { idempotencyKeyOf } from '../../platform/idempotency.js';
import { scopedDb } from '../../platform/db/scoped-db.js';
import {
  actionBody,
  actionResult,
  bulkDispatchBody,
  bulkDispatchResult,
  caseDetail as caseDetailSchema,
  caseListQuery,
  caseHome as caseHomeSchema,
  caseTotals,
  caseTotalsQuery,
  casePage,
  categoryList,
  fileResponse,
  joinBody,
  joinResult,
  nearbyList,
  nearbyQuery,
  pageQuery,
  photoParams,
  publicMap,
  publicMapQuery,
  regionQuery,
  deskReportBody,
  reportRegionList,
  reportResult,
  uploadedPhoto,
} from '../../../common/contracts/cases.js';
import { caseDeps } from './context.js';
import { regionScope } from './cases.repository.js';
import { joinCase, reportCaseFromDesk } from './report.js';
import { actOnCase } from './actions.js';
import { assertMayViewPhoto, caseDetail, listCases, myCases, nearbyForReporter, publicCaseMap, workbenchTotals } from './read.js';
import { photoFile, uploadPhoto } from './photos.js';
import { categoryTree, reportRegions } from './categories.js';
import { caseTypeRoutes } from './type-registry.js';
import { caseHome } from './home.js';

const tags = ['cases'];

/** The casework API: report, work the loop, read; the workbench, the H5 clients and Open311 share it. */
export async function casesRoutes(app: App) {
  const r = typed(app);
  const ctx = app.casework;
  /** The dependencies of one request, over the viewer's scope (narrowed to `regionId`, 404 outside it). */
  const deps = async (request: FastifyRequest, regionId?: number) => caseDeps(ctx, await scopedDb(app.db, viewerOf(request), regionId));

  r.get(
    '/api/case-categories',
    {
      schema: { tags, summary: '事件分类（含表单、时限、默认承办单位）', response: { 200: categoryList } },
      preHandler: requiresAny('cases.report', 'cases.read', 'cases.handle'),
    },
    async (request) => ({ items: await categoryTree((await deps(request)).catalogue) }),
  );

  r.get(
    '/api/case-regions',
    guarded('cases.report', { tags, summary: '上报时可选的镇街、社区和网格', response: { 200: reportRegionList } }),
    async (request) => ({ items: await reportRegions((await deps(request)).catalogue) }),
  );

  r.post(
    '/api/case-photos',
    {
      schema: {
        tags,
        summary: '上传事件照片（multipart: file），返回照片编号',
        consumes: ['multipart/form-data'],
        response: { 201: uploadedPhoto },
      },
      preHandler: requiresAny('cases.report', 'cases.handle', 'cases.verify'),
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw invalid('FILE_REQUIRED', '请以 multipart/form-data 上传照片');
      const part = await request.file();
      if (!part) throw invalid('FILE_REQUIRED', '请选择照片');
      return reply.status(201).send(await uploadPhoto(await deps(request), viewerOf(request), await part.toBuffer()));
    },
  );

  r.get(
    '/api/case-photos/:id/:variant',
    {
      schema: {
        tags,
        summary: '事件照片（thumb 缩略图 / display 去除元数据的展示图 / original 原图，仅工作人员）',
        params: photoParams,
        response: {
          200: fileResponse(['image/jpeg', 'image/png', 'image/webp', 'image/heic'], '照片：缩略图和展示图为 JPEG，原图保留其原格式'),
        },
      },
    },
    async (request, reply) => {
      const d = await deps(request);
      const { photo, path, mime } = await photoFile(d, request.params.id, request.params.variant);
      await assertMayViewPhoto(d, viewerOf(request), photo, request.params.variant);
      return reply
        .type(mime)
        .header('Cache-Control', 'private, max-age=86400')
        .send(await d.files.open(path));
    },
  );

  r.post(
    '/api/cases',
    guarded('cases.report', {
      tags,
      summary: '上报事件（居民、网格员巡查、12345 热线录入）；Idempotency-Key 头防止重复提交',
      body: deskReportBody,
      response: { 200: reportResult, 201: reportResult },
    }),
    async (request, reply) => {
      const result = await reportCaseFromDesk(await deps(request), viewerOf(request), request.body, idempotencyKeyOf(request));
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );

  r.get(
    '/api/cases',
    {
      schema: { tags, summary: '事件工作台列表（按状态、单位、区域、超时筛选）', querystring: caseListQuery, response: { 200: casePage } },
      preHandler: requiresAny('cases.read', 'cases.handle'),
    },
    async (request) => listCases(await deps(request, request.query.regionId), viewerOf(request), request.query),
  );

  r.get(
    '/api/cases/home',
    {
      schema: { tags, summary: '首页：本人岗位的待办、超时与今日到期（按角色）', response: { 200: caseHomeSchema } },
      preHandler: requiresAny('cases.read', 'cases.handle'),
    },
    async (request) => caseHome(await deps(request), viewerOf(request)),
  );

  r.get(
    '/api/cases/totals',
    {
      schema: { tags, summary: '事件工作台各页签的数量（一次请求）', querystring: caseTotalsQuery, response: { 200: caseTotals } },
      preHandler: requiresAny('cases.read', 'cases.handle'),
    },
    async (request) => workbenchTotals(await deps(request, request.query.regionId), viewerOf(request), request.query),
  );

  r.get(
    '/api/cases/nearby',
    guarded('cases.report', {
      tags,
      summary: '附近同类未办结事件（“是这件吗？”）',
      querystring: nearbyQuery,
      response: { 200: nearbyList },
    }),
    async (request) => ({ items: await nearbyForReporter(await deps(request), viewerOf(request), request.query) }),
  );

  r.get(
    '/api/cases/map',
    guarded('cases.read', { tags, summary: '辖区内有坐标的未办结事件（地图）', querystring: regionQuery, response: { 200: casePage } }),
    async (request) => {
      const query = caseListQuery.parse({ regionId: request.query.regionId, open: 'true', pageSize: 200, sort: 'deadline' });
      return listCases(await deps(request, query.regionId), viewerOf(request), query, { located: true });
    },
  );

  r.get(
    '/api/public/case-map',
    {
      schema: {
        tags,
        summary: '公开事件地图：公开分类的事件，不含任何个人信息',
        querystring: publicMapQuery,
        response: { 200: publicMap },
      },
    },
    async (request) => {
      const scoped = await regionScope(app.db, request.query.regionId);
      return { items: await publicCaseMap(caseDeps(ctx, scoped), request.query) };
    },
  );

  r.get(
    '/api/cases/:id',
    {
      schema: { tags, summary: '事件详情：时间线、照片、来源、时限、可执行操作', params: idParams, response: { 200: caseDetailSchema } },
    },
    async (request) => caseDetail(await deps(request), viewerOf(request), request.params.id),
  );

  r.post(
    '/api/cases/:id/actions',
    {
      schema: {
        tags,
        summary:
          '办理事件：受理、立案、派遣、签收、退回、转办、延期、挂账、处置、核查、结案、评价、合并、备注、督办；办理后不再经手的，答 { id, left: true }',
        params: idParams,
        body: actionBody,
        response: { 200: actionResult },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const d = await deps(request);
      await actOnCase(d, viewer, request.params.id, request.body);
      // A step can take the case off the viewer's desk (a unit's 退回): say so, not 404.
      return caseDetail(d, viewer, request.params.id).catch((e: unknown) => {
        if (e instanceof AppError && e.status === 404) return { id: request.params.id, left: true as const };
        throw e;
      });
    },
  );

  r.post(
    '/api/cases/:id/join',
    guarded('cases.report', {
      tags,
      summary: '“我也遇到了”：加入附近已上报的同一事件，一同接收反馈',
      params: idParams,
      body: joinBody,
      response: { 200: joinResult },
    }),
    async (request) => joinCase(await deps(request), viewerOf(request), request.params.id, request.body.note),
  );

  r.post(
    '/api/cases/bulk-dispatch',
    guarded('cases.dispatch', {
      tags,
      summary: '批量派遣（各事件按分派规则，或统一改派并说明理由）',
      body: bulkDispatchBody,
      response: { 200: bulkDispatchResult },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      const d = await deps(request);
      const results = [];
      // Each case is its own transaction: one refusal does not undo the others, and says why.
      for (const id of request.body.caseIds) {
        try {
          await actOnCase(d, viewer, id, { action: 'dispatch', target: request.body.target, reason: request.body.reason });
          results.push({ id, ok: true as const });
        } catch (e) {
          results.push({ id, ok: false as const, message: (e as Error).message });
        }
      }
      return { results };
    },
  );

  r.get(
    '/api/me/cases',
    guarded('cases.report', { tags, summary: '我上报的事件', querystring: pageQuery, response: { 200: casePage } }),
    async (request) => myCases(await deps(request), viewerOf(request), request.query),
  );

  // Case types' own APIs (their steps and reports), beside the engine's.
  await caseTypeRoutes(app, ctx.caseTypes);
}
