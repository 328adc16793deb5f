import { idParams } from '../../../common/contracts/shared.js';
import { fileResponse } from '../../../common/contracts/cases.js';
import { revealedNumber } from '../../../common/contracts/reveal.js';
import { countReveal } from '../../platform/reveal-limit.js';
import {
  annualTable,
  annualTableQuery,
  applicationActionBody,
  applicationDetail as applicationDetailSchema,
  applicationPage,
  applicationQuery,
  applicationReceipt,
  formChallenge,
  publicApplicationStatus,
  registerApplicationBody,
  revealApplicantBody,
  statusLookupBody,
  submitApplicationBody,
} from '../../../common/contracts/disclosure.js';
import { writeAudit } from '../../platform/audit.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import type { Clock } from '../../platform/clock.js';
import { attachment, guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { idempotencyKeyOf } from '../../platform/idempotency.js';
import { addressBucket, rateLimits } from '../../platform/rate-limit.js';
import type { CalendarAccess } from '../calendar/index.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { applicationsRepository } from './applications.repository.js';
import {
  actOnApplication,
  annualApplicationTable,
  applicationDetail,
  listApplications,
  officeReplyLetter,
  registerReceivedApplication,
  replyLetterOf,
  revealApplicantNumber,
  type DisclosureDeps,
} from './applications.service.js';
import { formChallenges } from './form-challenge.js';
import { applicationStatus, submitApplication, TRY_LIMITS, type PublicFormDeps } from './public-form.js';
import { replyLetterDocx } from './reply-letter-docx.js';
import { notFound } from '../../platform/errors.js';

export interface DisclosureRoutesOptions {
  calendar: CalendarAccess;
  clock: Clock;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const docxFile = fileResponse([DOCX], '答复书（.docx）');

/** 依申请公开: the office's routes (disclosure.handle) and the public form's (no session; app.ts PUBLIC_API). */
export async function disclosureRoutes(app: App, options: DisclosureRoutesOptions) {
  const r = typed(app);
  const day = () => {
    const now = options.clock.now();
    return { now, today: localDateOf(now), calendar: options.calendar.current() };
  };
  const office = (db: Kysely<DB>, viewer: Viewer): DisclosureDeps => ({
    applications: applicationsRepository(db),
    ...day(),
    audit: (entry) => writeAudit(db, viewer, entry),
    transaction: (work) => db.transaction().execute((trx) => work(office(trx, viewer))),
    countReveal: () => countReveal(rateLimits(app.db), viewer, options.clock.now()),
  });
  const challenges = formChallenges(app.db, () => options.clock.now());
  const publicForm = (db: Kysely<DB>, ip: string): PublicFormDeps => ({
    applications: applicationsRepository(db),
    ...day(),
    challengeSolved: challenges.solved,
    countTry: (use) => rateLimits(app.db).hit(`disclosure.${use}:${addressBucket(ip)}`, TRY_LIMITS[use], options.clock.now()),
    audit: (entry) => writeAudit(db, { userId: null, username: '公众申请人', ip }, entry),
    transaction: (work) => db.transaction().execute((trx) => work(publicForm(trx, ip))),
  });

  // ── public ──
  r.post(
    '/api/open/disclosure/challenge',
    { schema: { tags: ['disclosure'], summary: '申请表安全验证题（工作量证明）', security: [] as [], response: { 200: formChallenge } } },
    async () => challenges.issue(),
  );
  r.post(
    '/api/open/disclosure/applications',
    {
      schema: {
        tags: ['disclosure'],
        summary: '提交政府信息公开申请',
        security: [] as [],
        body: submitApplicationBody,
        response: { 201: applicationReceipt },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await submitApplication(publicForm(app.db, request.ip), request.body, idempotencyKeyOf(request))),
  );
  r.post(
    '/api/open/disclosure/status',
    {
      schema: {
        tags: ['disclosure'],
        summary: '查询申请办理进度（查询码 + 联系方式）',
        security: [] as [],
        body: statusLookupBody,
        response: { 200: publicApplicationStatus },
      },
    },
    async (request) => applicationStatus(publicForm(app.db, request.ip), request.body),
  );
  r.post(
    '/api/open/disclosure/reply-letter',
    {
      schema: {
        tags: ['disclosure'],
        summary: '下载答复书（查询码 + 联系方式）',
        security: [] as [],
        body: statusLookupBody,
        response: { 200: docxFile },
      },
    },
    async (request, reply) => {
      const deps = publicForm(app.db, request.ip);
      const status = await applicationStatus(deps, request.body);
      const row = await deps.applications.byTrackingCode(status.trackingCode);
      if (!row) throw notFound('申请');
      const letter = await replyLetterOf(deps, row);
      return reply
        .type(DOCX)
        .header('content-disposition', attachment(`答复书-${letter.number}.docx`))
        .send(await replyLetterDocx(letter));
    },
  );

  // ── the office ──
  r.get(
    '/api/disclosure/applications',
    guarded('disclosure.handle', {
      tags: ['disclosure'],
      summary: '依申请公开 申请列表',
      querystring: applicationQuery,
      response: { 200: applicationPage },
    }),
    async (request) => listApplications(office(app.db, viewerOf(request)), request.query),
  );
  r.post(
    '/api/disclosure/applications',
    guarded('disclosure.handle', {
      tags: ['disclosure'],
      summary: '登记信函或当面提交的申请',
      body: registerApplicationBody,
      response: { 201: applicationDetailSchema },
    }),
    async (request, reply) =>
      reply.status(201).send(await registerReceivedApplication(office(app.db, viewerOf(request)), viewerOf(request), request.body)),
  );
  r.get(
    '/api/disclosure/applications/:id',
    guarded('disclosure.handle', {
      tags: ['disclosure'],
      summary: '申请详情与办理时间线',
      params: idParams,
      response: { 200: applicationDetailSchema },
    }),
    async (request) => applicationDetail(office(app.db, viewerOf(request)), request.params.id),
  );
  r.post(
    '/api/disclosure/applications/:id/actions',
    guarded('disclosure.handle', {
      tags: ['disclosure'],
      summary: '办理申请（登记、补正、征求意见、延期、收费、答复、归档）',
      params: idParams,
      body: applicationActionBody,
      response: { 200: applicationDetailSchema },
    }),
    async (request) => actOnApplication(office(app.db, viewerOf(request)), viewerOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/disclosure/applications/:id/reveal',
    guarded('disclosure.handle', {
      tags: ['disclosure'],
      summary: '查看申请人完整号码（电话或证件号；须填写原因，记入审计日志，限频）',
      params: idParams,
      body: revealApplicantBody,
      response: { 200: revealedNumber },
    }),
    async (request) => revealApplicantNumber(office(app.db, viewerOf(request)), viewerOf(request), request.params.id, request.body),
  );
  r.get(
    '/api/disclosure/applications/:id/reply.docx',
    guarded('disclosure.handle', { tags: ['disclosure'], summary: '下载答复书', params: idParams, response: { 200: docxFile } }),
    async (request, reply) => {
      const letter = await officeReplyLetter(office(app.db, viewerOf(request)), request.params.id);
      return reply
        .type(DOCX)
        .header('content-disposition', attachment(`答复书-${letter.number}.docx`))
        .send(await replyLetterDocx(letter));
    },
  );
  r.get(
    '/api/disclosure/annual-table',
    guarded('disclosure.handle', {
      tags: ['disclosure'],
      summary: '年度报告 表三：收到和处理政府信息公开申请情况',
      querystring: annualTableQuery,
      response: { 200: annualTable },
    }),
    async (request) => annualApplicationTable(office(app.db, viewerOf(request)), request.query.year),
  );
}
