import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { guarded, requiresAny, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams } from '../../platform/paging.js';
import { scopedDb } from '../../platform/db/scoped-db.js';
import { createdId, okResponse, questionnaireBody, questionnaireResult, regionQuery } from '../../../common/contracts/cases.js';
import {
  caseStatistics as caseStatisticsSchema,
  dispatchTargets as dispatchTargetsSchema,
  handlingUnitBody,
  handlingUnitList,
  noticePage,
  noticeQuery,
  routingRuleBody,
  routingRuleList,
  statisticsQuery,
  supervisionBoard as supervisionBoardSchema,
} from '../../../common/contracts/case-desk.js';
import { acknowledgeNotice, caseStatistics, listNotices, statisticsPeriod, supervisionBoard } from './supervision.js';
import { answerQuestionnaire } from './questionnaire.js';
import { addRoutingRule, deleteRoutingRule, routingRules } from './settings.js';
import { caseDeps } from './context.js';
import { dispatchTargets, handlingUnits, setHandlingUnit } from './handling-units.js';

const supervision = ['supervision'];
const tags = ['cases'];

/** Around the loop: supervision, statistics, questionnaires, routing rules. (Inboxes are the notifications domain's, the calendar its own.) */
export async function casesDeskRoutes(app: App) {
  const r = typed(app);
  const ctx = app.casework;
  /** The dependencies of one request, over the viewer's scope (narrowed to `regionId`, 404 outside it). */
  const deps = async (request: FastifyRequest, regionId?: number) => caseDeps(ctx, await scopedDb(app.db, viewerOf(request), regionId));

  r.get(
    '/api/supervision/board',
    guarded('cases.supervise', {
      tags: supervision,
      summary: '督办看板：各单位、各镇街红黄灯与事件总计',
      querystring: regionQuery,
      response: { 200: supervisionBoardSchema },
    }),
    async (request) => supervisionBoard(await deps(request, request.query.regionId)),
  );

  r.get(
    '/api/supervision/notices',
    {
      schema: {
        tags: supervision,
        summary: '督办单：承办人看本单位的，工作人员看辖区的',
        querystring: noticeQuery,
        response: { 200: noticePage },
      },
      preHandler: requiresAny('cases.handle', 'cases.supervise', 'cases.dispatch'),
    },
    async (request) => listNotices(await deps(request), viewerOf(request), request.query),
  );

  r.post(
    '/api/supervision/notices/:id/acknowledge',
    {
      schema: { tags: supervision, summary: '签收督办单', params: idParams, response: { 200: okResponse } },
      preHandler: requiresAny('cases.handle', 'cases.dispatch'),
    },
    async (request) => {
      await acknowledgeNotice(await deps(request), viewerOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/case-statistics',
    guarded('cases.read', {
      tags: supervision,
      summary: '考评统计：各单位按时办结率、平均处置时长、重办率、满意率',
      querystring: statisticsQuery,
      response: { 200: caseStatisticsSchema },
    }),
    async (request) => {
      const period = statisticsPeriod(request.query, ctx.clock.now());
      return caseStatistics(await deps(request, request.query.regionId), period);
    },
  );

  r.post(
    '/api/cases/:id/questionnaire',
    guarded('cases.report', {
      tags,
      summary: '回答回访：问题是否真的解决',
      params: idParams,
      body: questionnaireBody,
      response: { 200: questionnaireResult },
    }),
    async (request) => answerQuestionnaire(await deps(request), viewerOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/case-handling-units',
    guarded('cases.configure', { tags, summary: '承办单位配置：各组织机构是否承办事件', response: { 200: handlingUnitList } }),
    async (request) => ({ items: await handlingUnits(await deps(request)) }),
  );

  r.patch(
    '/api/case-handling-units/:id',
    guarded('cases.configure', {
      tags,
      summary: '设置组织机构是否承办事件（县级管理员）',
      params: idParams,
      body: handlingUnitBody,
      response: { 204: z.null().describe('已保存') },
    }),
    async (request, reply) => {
      await setHandlingUnit(await deps(request), viewerOf(request), request.params.id, request.body.handles);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/case-dispatch-targets',
    guarded('cases.dispatch', { tags, summary: '派遣目标：承办单位与辖区镇街、社区、网格', response: { 200: dispatchTargetsSchema } }),
    async (request) => dispatchTargets(await deps(request)),
  );

  r.get(
    '/api/case-routing-rules',
    guarded('cases.configure', { tags, summary: '分派规则', response: { 200: routingRuleList } }),
    async (request) => ({ items: await routingRules((await deps(request)).catalogue) }),
  );

  r.post(
    '/api/case-routing-rules',
    guarded('cases.configure', { tags, summary: '新增分派规则', body: routingRuleBody, response: { 201: createdId } }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      const scope = (regionId: number) => scopedDb(app.db, viewer, regionId);
      return reply.status(201).send(await addRoutingRule({ catalogue: (await deps(request)).catalogue, scope }, viewer, request.body));
    },
  );

  r.delete(
    '/api/case-routing-rules/:id',
    guarded('cases.configure', {
      tags,
      summary: '删除分派规则（分类文件中的规则随文件维护，不能在此删除）',
      params: idParams,
      response: { 204: z.null().describe('已删除') },
    }),
    async (request, reply) => {
      await deleteRoutingRule((await deps(request)).catalogue, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
