import {
  annualReportFigures,
  annualReportQuery,
  createGazetteIssueBody,
  createDocumentBody,
  createInterpretationBody,
  documentDetail as documentDetailSchema,
  documentTextBody,
  documentPage,
  documentQuery,
  gazetteIssueDetail,
  gazetteIssueDocumentsBody,
  gazetteIssueList,
  gazetteIssueParams,
  interpretationParams,
  publishDocumentBody,
  themeSuggestions as themeSuggestionsSchema,
  updateDocumentBody,
  withdrawDocumentBody,
} from '../../../common/contracts/documents.js';
import { fileResponse } from '../../../common/contracts/cases.js';
import { idParams } from '../../../common/contracts/shared.js';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { attachment, guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { invalid } from '../../platform/errors.js';
import { idempotencyKeyOf } from '../../platform/idempotency.js';
import { documentsDeps, gazetteIssuesDeps } from './documents-deps.js';
import {
  addInterpretation,
  annualReport,
  documentDetail,
  listDocuments,
  publishDocument,
  removeInterpretation,
  themeSuggestions,
  updateDocument,
} from './documents.service.js';
import { createDocument, editDocumentText, withdrawDocument } from './document-writes.js';
import { documentFile, removeDocumentFile, uploadDocumentFile } from './document-files.js';
import { createIssue, issueDetail, listIssues, publishIssue, setIssueDocuments } from './gazette-issues.service.js';

const tags = ['documents'];
const uploadQuery = z.object({ interpretationId: z.coerce.number().int().positive().optional() });

/** The document library and the gazette's issues, for the county office: reading needs documents.read, every change documents.manage. */
export async function documentsRoutes(app: App) {
  const r = typed(app);
  const deps = (request: FastifyRequest) => documentsDeps(app.db, viewerOf(request), app.casework.clock);
  const issues = (request: FastifyRequest) => gazetteIssuesDeps(app.db, viewerOf(request), app.casework.clock);

  r.get(
    '/api/documents',
    guarded('documents.read', { tags, summary: '文件库：检索与筛选', querystring: documentQuery, response: { 200: documentPage } }),
    async (request) => listDocuments(deps(request), request.query),
  );
  r.post(
    '/api/documents',
    guarded('documents.manage', {
      tags,
      summary: '新建文件（未刊登公报的文件手工录入；可带 Idempotency-Key）',
      body: createDocumentBody,
      response: { 201: documentDetailSchema },
    }),
    async (request, reply) =>
      reply.status(201).send(await createDocument(deps(request), viewerOf(request), request.body, idempotencyKeyOf(request))),
  );
  r.get(
    '/api/documents/annual-report',
    guarded('documents.read', {
      tags,
      summary: '政府信息公开工作年度报告：规范性文件制发、废止、现行有效件数',
      querystring: annualReportQuery,
      response: { 200: annualReportFigures },
    }),
    async (request) => annualReport(deps(request), request.query.year),
  );
  r.get(
    '/api/document-themes',
    guarded('documents.read', { tags, summary: '主题分类建议（已用的和标准分类）', response: { 200: themeSuggestionsSchema } }),
    async (request) => themeSuggestions(deps(request)),
  );
  r.get(
    '/api/documents/:id',
    guarded('documents.read', { tags, summary: '文件详情', params: idParams, response: { 200: documentDetailSchema } }),
    async (request) => documentDetail(deps(request), request.params.id),
  );
  r.patch(
    '/api/documents/:id',
    guarded('documents.manage', {
      tags,
      summary: '修改公开属性、主题、效力、政策性文件标记',
      params: idParams,
      body: updateDocumentBody,
      response: { 200: documentDetailSchema },
    }),
    async (request) => updateDocument(deps(request), viewerOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/documents/:id/publish',
    guarded('documents.manage', {
      tags,
      summary: '主动公开发布（政策性文件须有解读，或记录不同步的理由）',
      params: idParams,
      body: publishDocumentBody,
      response: { 200: documentDetailSchema },
    }),
    async (request) => publishDocument(deps(request), viewerOf(request), request.params.id, request.body),
  );
  r.put(
    '/api/documents/:id/text',
    guarded('documents.manage', {
      tags,
      summary: '修改未发布文件的正文（文号、机关、标题、主送、成文日期、正文、抄送）',
      params: idParams,
      body: documentTextBody,
      response: { 200: documentDetailSchema },
    }),
    async (request) => editDocumentText(deps(request), request.params.id, request.body),
  );
  r.post(
    '/api/documents/:id/withdraw',
    guarded('documents.manage', {
      tags,
      summary: '撤回发布（须说明理由；文件离开公开专栏，记录保留，可再次发布）',
      params: idParams,
      body: withdrawDocumentBody,
      response: { 200: documentDetailSchema },
    }),
    async (request) => withdrawDocument(deps(request), viewerOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/documents/:id/interpretations',
    guarded('documents.manage', {
      tags,
      summary: '添加解读（文字、问答、图解、视频）',
      params: idParams,
      body: createInterpretationBody,
      response: { 200: documentDetailSchema },
    }),
    async (request) => addInterpretation(deps(request), viewerOf(request), request.params.id, request.body),
  );
  r.delete(
    '/api/documents/:id/interpretations/:interpretationId',
    guarded('documents.manage', { tags, summary: '删除解读', params: interpretationParams, response: { 200: documentDetailSchema } }),
    async (request) => removeInterpretation(deps(request), request.params.id, request.params.interpretationId),
  );
  r.post(
    '/api/documents/:id/files',
    guarded('documents.manage', {
      tags,
      summary: '上传附件（multipart: file）；带 interpretationId 时为该解读的图片',
      consumes: ['multipart/form-data'],
      params: idParams,
      querystring: uploadQuery,
      response: { 200: documentDetailSchema },
    }),
    async (request) => {
      if (!request.isMultipart()) throw invalid('FILE_REQUIRED', '请以 multipart/form-data 上传文件');
      const part = await request.file();
      if (!part) throw invalid('FILE_REQUIRED', '请选择文件');
      const upload = { fileName: part.filename, content: await part.toBuffer() };
      return uploadDocumentFile(
        { ...deps(request), files: app.casework.files },
        viewerOf(request),
        request.params.id,
        upload,
        request.query.interpretationId ?? null,
      );
    },
  );
  r.get(
    '/api/document-files/:id',
    guarded('documents.read', {
      tags,
      summary: '下载附件或解读图片',
      params: idParams,
      response: { 200: fileResponse(['application/octet-stream'], '附件') },
    }),
    async (request, reply) => {
      const file = await documentFile(deps(request), request.params.id, false);
      return reply
        .type(file.mime)
        .header('Content-Disposition', attachment(file.file_name))
        .send(await app.casework.files.open(file.path));
    },
  );
  r.delete(
    '/api/document-files/:id',
    guarded('documents.manage', { tags, summary: '删除附件或图片', params: idParams, response: { 200: documentDetailSchema } }),
    async (request) => removeDocumentFile(deps(request), request.params.id),
  );

  r.get(
    '/api/gazette-issues',
    guarded('documents.read', { tags, summary: '政府公报：各期', response: { 200: gazetteIssueList } }),
    async (request) => listIssues(issues(request), false),
  );
  r.post(
    '/api/gazette-issues',
    guarded('documents.manage', { tags, summary: '新建一期公报', body: createGazetteIssueBody, response: { 200: gazetteIssueDetail } }),
    async (request) => createIssue(issues(request), request.body),
  );
  r.get(
    '/api/gazette-issues/:id',
    guarded('documents.read', {
      tags,
      summary: '一期公报及其文件（按刊登顺序）',
      params: gazetteIssueParams,
      response: { 200: gazetteIssueDetail },
    }),
    async (request) => issueDetail(issues(request), request.params.id, false),
  );
  r.put(
    '/api/gazette-issues/:id/documents',
    guarded('documents.manage', {
      tags,
      summary: '设置公报的文件及其顺序',
      params: gazetteIssueParams,
      body: gazetteIssueDocumentsBody,
      response: { 200: gazetteIssueDetail },
    }),
    async (request) => setIssueDocuments(issues(request), request.params.id, request.body.documentIds),
  );
  r.post(
    '/api/gazette-issues/:id/publish',
    guarded('documents.manage', { tags, summary: '发布一期公报', params: gazetteIssueParams, response: { 200: gazetteIssueDetail } }),
    async (request) => publishIssue(issues(request), request.params.id),
  );
}
