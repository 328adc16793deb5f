import type { Kysely } from 'kysely';
import { idParams } from '../../../common/contracts/shared.js';
import {
  commentBody,
  commentReceipt,
  createDecisionBody,
  decisionActionBody,
  decisionCatalogue,
  decisionDetail as decisionDetailSchema,
  decisionQuery,
  publicDecision,
} from '../../../common/contracts/disclosure.js';
import { writeAudit } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import type { Clock } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { rateLimits } from '../../platform/rate-limit.js';
import { documentIdByNumber } from '../documents/index.js';
import { decisionsRepository } from './decisions.repository.js';
import {
  actOnDecision,
  COMMENT_LIMIT,
  commentOnDecision,
  createDecision,
  decisionCatalogue as catalogueOf,
  decisionDetail,
  publicDecisionOf,
  type DecisionDeps,
} from './decisions.service.js';

/**
 * 重大决策预公开: the catalogue and the decisions' pages for everyone (app.ts PUBLIC_API), a
 * comment for anyone signed in (the account verifies the commenter), the office's work behind
 * disclosure.handle.
 */
export async function decisionsRoutes(app: App, options: { clock: Clock }) {
  const r = typed(app);
  const deps = (db: Kysely<DB>, viewer: Viewer | null): DecisionDeps => ({
    decisions: decisionsRepository(db),
    today: localDateOf(options.clock.now()),
    documentId: (number, lookup) => documentIdByNumber(db, number, lookup),
    countComment: () => rateLimits(app.db).hit(`decision.comment:${viewer?.userId}`, COMMENT_LIMIT, options.clock.now()),
    audit: (entry) => writeAudit(db, viewer, entry),
    transaction: (work) => db.transaction().execute((trx) => work(deps(trx, viewer))),
  });

  r.get(
    '/api/open/decisions',
    {
      schema: {
        tags: ['disclosure'],
        summary: '重大行政决策事项目录',
        security: [] as [],
        querystring: decisionQuery,
        response: { 200: decisionCatalogue },
      },
    },
    async (request) => catalogueOf(deps(app.db, null), request.query.year),
  );
  r.get(
    '/api/open/decisions/:id',
    {
      schema: {
        tags: ['disclosure'],
        summary: '决策草案、说明、背景与公开的意见',
        security: [] as [],
        params: idParams,
        response: { 200: publicDecision },
      },
    },
    async (request) => publicDecisionOf(deps(app.db, null), request.params.id),
  );
  r.post(
    '/api/open/decisions/:id/comments',
    {
      schema: {
        tags: ['disclosure'],
        summary: '对决策草案提出意见（须登录，审核后公开）',
        params: idParams,
        body: commentBody,
        response: { 201: commentReceipt },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      return reply.status(201).send(await commentOnDecision(deps(app.db, viewer), viewer, request.params.id, request.body.content));
    },
  );

  r.get(
    '/api/disclosure/decisions',
    guarded('disclosure.handle', {
      tags: ['disclosure'],
      summary: '重大决策预公开 事项列表',
      querystring: decisionQuery,
      response: { 200: decisionCatalogue },
    }),
    async (request) => catalogueOf(deps(app.db, viewerOf(request)), request.query.year),
  );
  r.post(
    '/api/disclosure/decisions',
    guarded('disclosure.handle', {
      tags: ['disclosure'],
      summary: '列入重大决策事项目录',
      body: createDecisionBody,
      response: { 201: decisionDetailSchema },
    }),
    async (request, reply) => {
      const d = deps(app.db, viewerOf(request));
      return reply.status(201).send(await decisionDetail(d, await createDecision(d, request.body)));
    },
  );
  r.get(
    '/api/disclosure/decisions/:id',
    guarded('disclosure.handle', {
      tags: ['disclosure'],
      summary: '决策事项详情（含全部意见）',
      params: idParams,
      response: { 200: decisionDetailSchema },
    }),
    async (request) => decisionDetail(deps(app.db, viewerOf(request)), request.params.id),
  );
  r.post(
    '/api/disclosure/decisions/:id/actions',
    guarded('disclosure.handle', {
      tags: ['disclosure'],
      summary: '办理决策事项（征求意见、审核、采纳、公布结果）',
      params: idParams,
      body: decisionActionBody,
      response: { 200: decisionDetailSchema },
    }),
    async (request) => actOnDecision(deps(app.db, viewerOf(request)), request.params.id, request.body),
  );
}
