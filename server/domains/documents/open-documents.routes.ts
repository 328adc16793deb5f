import {
  gazetteIssueDetail,
  gazetteIssueList,
  gazetteIssueParams,
  openDocumentDetail as openDocumentDetailSchema,
  openDocumentFacets,
  openDocumentPage,
  openDocumentQuery,
  openSite,
} from '../../../common/contracts/documents.js';
import { fileResponse } from '../../../common/contracts/cases.js';
import { idParams } from '../../../common/contracts/shared.js';
import { attachment, typed, type App } from '../../platform/http.js';
import { countyName } from '../regions/index.js';
import { documentsDeps, gazetteIssuesDeps } from './documents-deps.js';
import { listOpenDocuments, openDocumentDetail, openFacets } from './documents.service.js';
import { publishedDocumentDocx } from './document-docx.js';
import { documentFile } from './document-files.js';
import { issueDetail, listIssues } from './gazette-issues.service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const tags = ['open'];

/**
 * 政府信息公开专栏: read without signing in (each route is in app.ts's PUBLIC_API). Only
 * published documents — public by the CHECK of migrations/0029 — and published gazette issues.
 */
export async function openDocumentsRoutes(app: App) {
  const r = typed(app);
  const deps = () => documentsDeps(app.db, null, app.casework.clock);

  r.get('/api/open/site', { schema: { tags, summary: '公开专栏的主办机关（县人民政府）', response: { 200: openSite } } }, async () => {
    const county = (await countyName(app.db)) ?? '';
    return { countyName: county, organName: `${county}人民政府` };
  });

  r.get(
    '/api/open/documents',
    { schema: { tags, summary: '公开文件：检索（全文）与浏览', querystring: openDocumentQuery, response: { 200: openDocumentPage } } },
    async (request) => listOpenDocuments(deps(), request.query),
  );

  r.get(
    '/api/open/documents/facets',
    { schema: { tags, summary: '公开文件：按年份、发文机关、主题、效力分类的件数', response: { 200: openDocumentFacets } } },
    async () => openFacets(deps()),
  );

  r.get(
    '/api/open/documents/:id',
    { schema: { tags, summary: '公开文件：全文、解读和附件', params: idParams, response: { 200: openDocumentDetailSchema } } },
    async (request) => openDocumentDetail(deps(), request.params.id),
  );

  r.get(
    '/api/open/documents/:id.docx',
    {
      schema: {
        tags,
        summary: '公开文件：按 GB/T 9704 排版的 .docx',
        params: idParams,
        response: { 200: fileResponse([DOCX], '公文 .docx') },
      },
    },
    async (request, reply) => {
      const file = await publishedDocumentDocx(deps(), request.params.id);
      return reply.type(DOCX).header('Content-Disposition', attachment(file.fileName)).send(file.content);
    },
  );

  r.get(
    '/api/open/document-files/:id',
    {
      schema: {
        tags,
        summary: '公开文件的附件和解读图片',
        params: idParams,
        response: { 200: fileResponse(['application/octet-stream'], '附件或图片') },
      },
    },
    async (request, reply) => {
      const file = await documentFile(deps(), request.params.id, true);
      return reply
        .type(file.mime)
        .header('Content-Disposition', attachment(file.file_name))
        .send(await app.casework.files.open(file.path));
    },
  );

  r.get(
    '/api/open/gazette-issues',
    { schema: { tags, summary: '政府公报：已发布的各期', response: { 200: gazetteIssueList } } },
    async () => listIssues(gazetteIssuesDeps(app.db, null, app.casework.clock), true),
  );

  r.get(
    '/api/open/gazette-issues/:id',
    {
      schema: { tags, summary: '政府公报：一期及其文件（按刊登顺序）', params: gazetteIssueParams, response: { 200: gazetteIssueDetail } },
    },
    async (request) => issueDetail(gazetteIssuesDeps(app.db, null, app.casework.clock), request.params.id, true),
  );
}

/** The routes above, as app.ts lists them in PUBLIC_API. */
export const OPEN_DOCUMENT_ROUTES = [
  'GET /api/open/site',
  'GET /api/open/documents',
  'GET /api/open/documents/facets',
  'GET /api/open/documents/:id',
  'GET /api/open/documents/:id.docx',
  'GET /api/open/document-files/:id',
  'GET /api/open/gazette-issues',
  'GET /api/open/gazette-issues/:id',
] as const;
