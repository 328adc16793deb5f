import type { FastifyRequest } from 'fastify';
import { guarded, requiresAny, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams } from '../../platform/paging.js';
import { scopedDb } from '../../platform/db/scoped-db.js';
import {
  campaign,
  campaignBody,
  campaignList,
  caseIdParams,
  disposalBody,
  dossier,
  monthQuery,
  objectionBody,
  objectionParams,
  ownerNoticeBody,
  progress,
  progressQuery,
  publicNoticeBody,
  resolveObjectionBody,
} from '../../../common/contracts/abandoned-vehicles.js';
import { fileResponse } from '../../../common/contracts/cases.js';
import { caseDeps } from '../cases/index.js';
import { avReportsRepository, campaignsRepository, dossiersRepository } from './abandoned-vehicles.repository.js';
import { changeCampaign, createCampaign, currentCampaign, listCampaigns, seedCampaigns } from './campaigns.js';
import {
  issuePublicNotice,
  lookUpOwner,
  notifyOwner,
  publicNoticeFile,
  readDossier,
  recordDisposal,
  recordObjection,
  settleObjection,
  type AvDeps,
} from './abandoned-vehicles.service.js';
import { campaignProgress, monthlyReport, type AvReportDeps } from './report.js';

/**
 * 废弃汽车专项治理 API: the campaign (data, configurable by the county), the 一车一档 dossier of
 * each abandoned-vehicle case, the monthly report and the per-town progress. Dossier steps are
 * authorised per case (its dispatcher or handler) in the service, as case actions are.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string) => `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`;
const tags = ['abandoned-vehicles'];

export async function abandonedVehiclesRoutes(app: App) {
  const r = typed(app);
  const ctx = app.casework;
  const base = '/api/abandoned-vehicles';
  const readers = requiresAny('cases.read', 'cases.handle');
  const campaigns = { campaigns: campaignsRepository(app.db), clock: ctx.clock };
  /** A request's dependencies: the case engine over the viewer's scope, and the campaign's own repositories. */
  const deps = async (request: FastifyRequest): Promise<AvDeps & AvReportDeps> => {
    const scoped = await scopedDb(app.db, viewerOf(request));
    const casework = caseDeps(ctx, scoped);
    return {
      casework,
      campaigns: campaigns.campaigns,
      dossiers: dossiersRepository(app.db),
      reports: avReportsRepository(scoped),
      within: (db) => ({ campaigns: campaignsRepository(db), dossiers: dossiersRepository(db) }),
      files: ctx.files,
      clock: ctx.clock,
      audit: casework.audit,
    };
  };

  // The campaigns file is inserted once per code; several processes starting together are safe.
  app.addHook('onReady', async () => seedCampaigns(campaigns.campaigns));

  r.get(
    `${base}/campaigns`,
    {
      schema: { tags, summary: '废弃汽车专项治理方案及其阶段（含当前阶段）', response: { 200: campaignList } },
      preHandler: readers,
    },
    async () => ({ items: await listCampaigns(campaigns) }),
  );

  r.get(
    `${base}/campaigns/current`,
    {
      schema: { tags, summary: '当前专项治理方案及当前阶段', response: { 200: campaign } },
      preHandler: readers,
    },
    async () => currentCampaign(campaigns),
  );

  r.post(
    `${base}/campaigns`,
    guarded('cases.configure', { tags, summary: '新建专项治理方案（县级管理员）', body: campaignBody, response: { 201: campaign } }),
    async (request, reply) => reply.status(201).send(await createCampaign(campaigns, request.body)),
  );

  r.put(
    `${base}/campaigns/:id`,
    guarded('cases.configure', {
      tags,
      summary: '修改专项治理方案及阶段（县级管理员）',
      params: idParams,
      body: campaignBody,
      response: { 200: campaign },
    }),
    async (request) => changeCampaign(campaigns, request.params.id, request.body),
  );

  r.get(
    `${base}/progress`,
    guarded('cases.read', {
      tags,
      summary: '专项治理进度（按镇街：发现、告知、自行清理、处置、未处置）',
      querystring: progressQuery,
      response: { 200: progress },
    }),
    async (request) => campaignProgress(await deps(request), request.query.campaignId),
  );

  r.get(
    `${base}/reports/monthly`,
    guarded('cases.read', {
      tags,
      summary: '废弃汽车专项治理月报 Excel（默认上月；每月8日前报送）',
      querystring: monthQuery,
      response: { 200: fileResponse([XLSX], '月报工作簿') },
    }),
    async (request, reply) => {
      const report = await monthlyReport(await deps(request), viewerOf(request), request.query);
      return reply.type(XLSX).header('Content-Disposition', attachment(report.fileName)).send(report.buffer);
    },
  );

  r.get(
    `${base}/dossiers/:caseId`,
    {
      schema: {
        tags,
        summary: '一车一档：车辆、车主（脱敏）、告知、公告、异议、处置及可办理步骤',
        params: caseIdParams,
        response: { 200: dossier },
      },
    },
    async (request) => readDossier(await deps(request), viewerOf(request), request.params.caseId),
  );

  r.post(
    `${base}/dossiers/:caseId/owner-lookup`,
    {
      schema: { tags, summary: '车找人：按号牌查询车辆所有人', params: caseIdParams, response: { 200: dossier } },
    },
    async (request) => lookUpOwner(await deps(request), viewerOf(request), request.params.caseId),
  );

  r.post(
    `${base}/dossiers/:caseId/owner-notice`,
    {
      schema: { tags, summary: '告知车辆所有人限期自行清理', params: caseIdParams, body: ownerNoticeBody, response: { 200: dossier } },
    },
    async (request) => notifyOwner(await deps(request), viewerOf(request), request.params.caseId, request.body),
  );

  r.post(
    `${base}/dossiers/:caseId/public-notice`,
    {
      schema: {
        tags,
        summary: '发布废弃汽车限期清理通知书（生成 .docx）',
        params: caseIdParams,
        body: publicNoticeBody,
        response: { 200: dossier },
      },
    },
    async (request) => issuePublicNotice(await deps(request), viewerOf(request), request.params.caseId, request.body),
  );

  r.get(
    `${base}/dossiers/:caseId/public-notice.docx`,
    {
      schema: {
        tags,
        summary: '下载限期清理通知书（.docx）',
        params: caseIdParams,
        response: { 200: fileResponse([DOCX], '限期清理通知书') },
      },
    },
    async (request, reply) => {
      const file = await publicNoticeFile(await deps(request), viewerOf(request), request.params.caseId);
      return reply
        .type(DOCX)
        .header('Content-Disposition', attachment(file.fileName))
        .send(await ctx.files.open(file.path));
    },
  );

  r.post(
    `${base}/dossiers/:caseId/objections`,
    {
      schema: { tags, summary: '登记异议申诉（暂停处置）', params: caseIdParams, body: objectionBody, response: { 200: dossier } },
    },
    async (request) => recordObjection(await deps(request), viewerOf(request), request.params.caseId, request.body),
  );

  r.post(
    `${base}/dossiers/:caseId/objections/:objectionId/resolve`,
    {
      schema: {
        tags,
        summary: '异议申诉处理完毕（恢复处置）',
        params: objectionParams,
        body: resolveObjectionBody,
        response: { 200: dossier },
      },
    },
    async (request) =>
      settleObjection(await deps(request), viewerOf(request), request.params.caseId, request.params.objectionId, request.body.resolution),
  );

  r.post(
    `${base}/dossiers/:caseId/disposal`,
    {
      schema: { tags, summary: '记录分类处置结果', params: caseIdParams, body: disposalBody, response: { 200: dossier } },
    },
    async (request) => recordDisposal(await deps(request), viewerOf(request), request.params.caseId, request.body),
  );
}
