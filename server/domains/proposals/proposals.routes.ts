import { idParams } from '../../../common/contracts/shared.js';
import {
  assignBody,
  createSessionBody,
  evaluationBody,
  extendBody,
  feedbackBody,
  opinionBody,
  proposalDetail as proposalDetailSchema,
  proposalPage,
  proposalQuery,
  proposalSessionList,
  proposalStatistics as statisticsSchema,
  registerProposalBody,
  replyBody,
  returnBody,
  reviewBody,
  statisticsQuery,
} from '../../../common/contracts/proposals.js';
import type { z } from 'zod';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import type { Permission } from '../../platform/auth/permissions.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { documentIdByNumber } from '../documents/index.js';
import { writeAudit } from '../../platform/audit.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import type { DB } from '../../platform/db/schema.js';
import type { Kysely } from 'kysely';
import { orgUnitById } from '../orgs/index.js';
import { proposalsRepository } from './proposals.repository.js';
import { listProposals, listSessions, proposalDetail, type ProposalsDeps } from './proposals.service.js';
import {
  assignProposal,
  createSession,
  evaluateProposal,
  extendReply,
  recordFeedback,
  registerProposal,
  replyToProposal,
  returnProposal,
  reviewProposal,
  sendOpinion,
} from './proposal-handling.js';
import { proposalStatistics } from './proposal-statistics.js';

const tags = ['proposals'];

/** The proposals API (decision 045): thin — validate, build the deps, call the service. */
export async function proposalsRoutes(app: App) {
  const r = typed(app);
  const deps = (db: Kysely<DB>, viewer: Viewer): ProposalsDeps => ({
    proposals: proposalsRepository(db),
    unit: (id) => orgUnitById(db, id),
    documentId: (number) => documentIdByNumber(db, number),
    audit: (entry) => writeAudit(db, viewer, entry),
    transaction: (work) => db.transaction().execute((trx) => work(deps(trx, viewer))),
    now: () => app.casework.clock.now(),
    today: () => localDateOf(app.casework.clock.now()),
  });

  r.get(
    '/api/proposal-sessions',
    guarded('proposals.read', { tags, summary: '提案建议会议', response: { 200: proposalSessionList } }),
    async () => listSessions({ proposals: proposalsRepository(app.db) }),
  );

  r.post(
    '/api/proposal-sessions',
    guarded('proposals.manage', { tags, summary: '登记会议', body: createSessionBody, response: { 201: proposalSessionList } }),
    async (request, reply) => {
      await createSession(deps(app.db, viewerOf(request)), request.body);
      return reply.status(201).send(await listSessions({ proposals: proposalsRepository(app.db) }));
    },
  );

  r.get(
    '/api/proposals',
    guarded('proposals.read', {
      tags,
      summary: '提案建议列表（按编号、会议、状态、承办单位）',
      querystring: proposalQuery,
      response: { 200: proposalPage },
    }),
    async (request) => listProposals({ proposals: proposalsRepository(app.db) }, viewerOf(request), request.query),
  );

  r.get(
    '/api/proposals/statistics',
    guarded('proposals.read', {
      tags,
      summary: '办理统计（答复率、按期率、满意率）',
      querystring: statisticsQuery,
      response: { 200: statisticsSchema },
    }),
    async (request) => proposalStatistics({ proposals: proposalsRepository(app.db) }, viewerOf(request), request.query),
  );

  r.post(
    '/api/proposals',
    guarded('proposals.manage', { tags, summary: '登记提案建议', body: registerProposalBody, response: { 201: proposalDetailSchema } }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      const id = await registerProposal(deps(app.db, viewer), viewer, request.body);
      return reply.status(201).send(await proposalDetail(deps(app.db, viewer), viewer, id));
    },
  );

  r.get(
    '/api/proposals/:id',
    guarded('proposals.read', { tags, summary: '提案建议详情', params: idParams, response: { 200: proposalDetailSchema } }),
    async (request) => {
      const viewer = viewerOf(request);
      return proposalDetail(deps(app.db, viewer), viewer, request.params.id);
    },
  );

  /** An action on one proposal: the service changes it, the answer is the proposal as it now stands. */
  const action = <B extends z.ZodType>(
    path: string,
    permission: Permission,
    summary: string,
    body: B,
    run: (deps: ProposalsDeps, viewer: Viewer, id: number, body: z.infer<B>) => Promise<unknown>,
  ) =>
    r.post(
      `/api/proposals/:id/${path}`,
      guarded(permission, { tags, summary, params: idParams, body, response: { 200: proposalDetailSchema } }),
      async (request) => {
        const viewer = viewerOf(request);
        await run(deps(app.db, viewer), viewer, request.params.id, request.body as z.infer<B>);
        return proposalDetail(deps(app.db, viewer), viewer, request.params.id);
      },
    );

  action('review', 'proposals.manage', '立案审查（立案 / 不予立案）', reviewBody, reviewProposal);
  action('assign', 'proposals.manage', '交办（单办 / 分办 / 会办）', assignBody, assignProposal);
  action('extension', 'proposals.manage', '延期答复（至多交办后 6 个月）', extendBody, extendReply);
  action('feedback', 'proposals.manage', '登记提案者反馈表（附件5）', feedbackBody, recordFeedback);
  action('return', 'proposals.handle', '退回（交办后 10 日内）', returnBody, returnProposal);
  action('opinion', 'proposals.handle', '会办单位意见', opinionBody, sendOpinion);
  action('reply', 'proposals.handle', '答复', replyBody, replyToProposal);
  action('evaluation', 'proposals.handle', '提案质量评议（附件6）', evaluationBody, evaluateProposal);
}
