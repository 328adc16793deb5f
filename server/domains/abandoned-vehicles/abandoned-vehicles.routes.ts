import { requires, requiresAny, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams } from '../../platform/paging.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { notFound } from '../../platform/errors.js';
import type { CaseContext } from '../cases/case-context.js';
import {
  campaignBody, caseIdParams, disposalBody, monthQuery, objectionBody, objectionParams, ownerNoticeBody, progressQuery, publicNoticeBody,
  resolveObjectionBody,
} from './abandoned-vehicles.schema.js';
import { campaignById, listCampaigns } from './abandoned-vehicles.repository.js';
import { presentCampaign } from './abandoned-vehicles.presenter.js';
import { campaignFor, changeCampaign, createCampaign, seedCampaigns } from './av-campaigns.js';
import {
  issuePublicNotice, lookUpOwner, notifyOwner, publicNoticeFile, readDossier, recordDisposal, recordObjection, settleObjection,
} from './abandoned-vehicles.service.js';
import { campaignProgress, monthlyReport } from './av-report.js';

/**
 * 废弃汽车专项治理 API: the campaign (data, configurable by the county), the 一车一档 dossier of
 * each abandoned-vehicle case, the monthly report and the per-town progress. Dossier steps are
 * authorised per case (its dispatcher or handler) in the service, as case actions are.
 */
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string) => `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function abandonedVehiclesRoutes(app: App) {
  const r = typed(app);
  const ctx: CaseContext = app.casework;
  const base = '/api/abandoned-vehicles';
  const readers = requiresAny('cases.read', 'cases.handle');

  // The campaigns file is inserted once per code; several processes starting together are safe.
  app.addHook('onReady', async () => seedCampaigns(app.db));

  r.get(`${base}/campaigns`, {
    schema: { tags: ['abandoned-vehicles'], summary: '废弃汽车专项治理方案及其阶段（含当前阶段）' },
    preHandler: readers,
  }, async () => {
    const today = localDateOf(ctx.clock.now());
    return { items: (await listCampaigns(app.db)).map((c) => presentCampaign(c, today)) };
  });

  r.get(`${base}/campaigns/current`, {
    schema: { tags: ['abandoned-vehicles'], summary: '当前专项治理方案及当前阶段' },
    preHandler: readers,
  }, async () => {
    const today = localDateOf(ctx.clock.now());
    const c = await campaignFor(app.db, today);
    if (!c) throw notFound('专项治理方案');
    return presentCampaign(c, today);
  });

  r.post(`${base}/campaigns`, {
    schema: { tags: ['abandoned-vehicles'], summary: '新建专项治理方案（县级管理员）', body: campaignBody },
    preHandler: requires('cases.configure'),
  }, async (request, reply) => {
    const id = await createCampaign(app.db, request.body);
    return reply.status(201).send(presentCampaign((await campaignById(app.db, id))!, localDateOf(ctx.clock.now())));
  });

  r.put(`${base}/campaigns/:id`, {
    schema: { tags: ['abandoned-vehicles'], summary: '修改专项治理方案及阶段（县级管理员）', params: idParams, body: campaignBody },
    preHandler: requires('cases.configure'),
  }, async (request) => {
    await changeCampaign(app.db, request.params.id, request.body);
    return presentCampaign((await campaignById(app.db, request.params.id))!, localDateOf(ctx.clock.now()));
  });

  r.get(`${base}/progress`, {
    schema: { tags: ['abandoned-vehicles'], summary: '专项治理进度（按镇街：发现、告知、自行清理、处置、未处置）', querystring: progressQuery },
    preHandler: requires('cases.read'),
  }, async (request) => campaignProgress(ctx, viewerOf(request), request.query.campaignId));

  r.get(`${base}/reports/monthly`, {
    schema: { tags: ['abandoned-vehicles'], summary: '废弃汽车专项治理月报 Excel（默认上月；每月8日前报送）', querystring: monthQuery },
    preHandler: requires('cases.read'),
  }, async (request, reply) => {
    const report = await monthlyReport(ctx, viewerOf(request), request.query);
    return reply.type(xlsx).header('Content-Disposition', attachment(report.fileName)).send(report.buffer);
  });

  r.get(`${base}/dossiers/:caseId`, {
    schema: { tags: ['abandoned-vehicles'], summary: '一车一档：车辆、车主（脱敏）、告知、公告、异议、处置及可办理步骤', params: caseIdParams },
  }, async (request) => readDossier(ctx, viewerOf(request), request.params.caseId));

  r.post(`${base}/dossiers/:caseId/owner-lookup`, {
    schema: { tags: ['abandoned-vehicles'], summary: '车找人：按号牌查询车辆所有人', params: caseIdParams },
  }, async (request) => lookUpOwner(ctx, viewerOf(request), request.params.caseId));

  r.post(`${base}/dossiers/:caseId/owner-notice`, {
    schema: { tags: ['abandoned-vehicles'], summary: '告知车辆所有人限期自行清理', params: caseIdParams, body: ownerNoticeBody },
  }, async (request) => notifyOwner(ctx, viewerOf(request), request.params.caseId, request.body));

  r.post(`${base}/dossiers/:caseId/public-notice`, {
    schema: { tags: ['abandoned-vehicles'], summary: '发布废弃汽车限期清理通知书（生成 .docx）', params: caseIdParams, body: publicNoticeBody },
  }, async (request) => issuePublicNotice(ctx, viewerOf(request), request.params.caseId, request.body));

  r.get(`${base}/dossiers/:caseId/public-notice.docx`, {
    schema: { tags: ['abandoned-vehicles'], summary: '下载限期清理通知书（.docx）', params: caseIdParams },
  }, async (request, reply) => {
    const file = await publicNoticeFile(ctx, viewerOf(request), request.params.caseId);
    return reply.type(docx).header('Content-Disposition', attachment(file.fileName)).send(await ctx.files.open(file.path));
  });

  r.post(`${base}/dossiers/:caseId/objections`, {
    schema: { tags: ['abandoned-vehicles'], summary: '登记异议申诉（暂停处置）', params: caseIdParams, body: objectionBody },
  }, async (request) => recordObjection(ctx, viewerOf(request), request.params.caseId, request.body));

  r.post(`${base}/dossiers/:caseId/objections/:objectionId/resolve`, {
    schema: { tags: ['abandoned-vehicles'], summary: '异议申诉处理完毕（恢复处置）', params: objectionParams, body: resolveObjectionBody },
  }, async (request) => settleObjection(ctx, viewerOf(request), request.params.caseId, request.params.objectionId, request.body.resolution));

  r.post(`${base}/dossiers/:caseId/disposal`, {
    schema: { tags: ['abandoned-vehicles'], summary: '记录分类处置结果', params: caseIdParams, body: disposalBody },
  }, async (request) => recordDisposal(ctx, viewerOf(request), request.params.caseId, request.body));
}
