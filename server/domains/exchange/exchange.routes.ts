import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { idParams } from '../../../common/contracts/shared.js';
import {
  IMPORT_KIND_PERMISSION,
  XLSX_MEDIA_TYPE,
  importAccepted,
  importJobDetail,
  importJobList,
  importKindParams,
  xlsxDownload,
} from '../../../common/contracts/exchange.js';
import { residentFilters } from '../../../common/contracts/people.js';
import { houseFilters } from '../../../common/contracts/regions.js';
import { attachment, guarded, requires, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { writeAudit } from '../../platform/audit.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { residentsAfter } from '../people/index.js';
import { housesAfter } from '../regions/index.js';
import * as jobs from './import-jobs.repository.js';
import { presentJob, presentJobDetail } from './imports.presenter.js';
import { templateWorkbook } from './templates.js';
import { SHEET_NAMES } from './sheet-columns.js';
import { exportHouses, exportResidents, type ExportRequest } from './exports.js';
import { rejectedRowsWorkbook } from './rejected-rows.js';
import { WORKBOOK_LIMITS, megabytes } from './workbook-limits.js';

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'binary');
// Old .xls files and password-protected .xlsx files are both OLE compound files.
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const notXlsx = () => invalid('FILE_TYPE', '仅支持 .xlsx 格式的 Excel 文件，请使用导入模板');
const tooLarge = () =>
  new AppError(
    413,
    'TOO_LARGE',
    `导入文件不能超过 ${megabytes(WORKBOOK_LIMITS.uploadBytes)} MB（约 ${WORKBOOK_LIMITS.dataRows} 行），请拆分后分批导入`,
  );

/**
 * The uploaded file as it arrives, refused at its first bytes unless it is a zip (an .xlsx is
 * one), and at the cap: the upload is written to disk as it comes, never held in memory whole.
 */
async function* xlsxUpload(file: AsyncIterable<Buffer> & { truncated?: boolean }) {
  let head = Buffer.alloc(0);
  for await (const chunk of file) {
    if (head.length < OLE_MAGIC.length) {
      head = Buffer.concat([head, chunk]).subarray(0, OLE_MAGIC.length);
      if (head.length >= OLE_MAGIC.length && head.equals(OLE_MAGIC)) {
        throw invalid('FILE_TYPE', '这是旧版 .xls 文件或设置了打开密码的文件：请在 Excel 中另存为 .xlsx（不设密码）后导入');
      }
      if (head.length >= 4 && !head.subarray(0, 4).equals(ZIP_MAGIC)) throw notXlsx();
    }
    yield chunk;
  }
  if (file.truncated) throw tooLarge(); // busboy stops at the cap and marks the part
  if (head.length < 4) throw notXlsx();
}

export async function exchangeRoutes(app: App) {
  const r = typed(app);

  /**
   * Streams an export as a download: over the viewer's scope narrowed to the query's region, the
   * rest of the query being the filter, which the audit lines record with the scope's path.
   */
  async function sendExport<Q extends { regionId?: number }>(
    request: FastifyRequest,
    reply: FastifyReply,
    fileName: string,
    query: Q,
    start: (
      asked: { scoped: ScopedDb; viewer: Viewer; filter: Omit<Q, 'regionId'> },
      audit: Omit<ExportRequest<never>, 'rowsAfter'>,
    ) => Promise<Readable>,
  ) {
    const viewer = viewerOf(request);
    const { regionId, ...filter } = query;
    const scoped = await scopedDb(app.db, viewer, regionId);
    const stream = await start(
      { scoped, viewer, filter },
      { filter: { path: scoped.scope.path, ...filter }, auditLog: (entry) => writeAudit(app.db, viewer, entry), log: request.log },
    );
    return reply.type(XLSX_MEDIA_TYPE).header('Content-Disposition', attachment(fileName)).send(stream);
  }

  r.get(
    '/api/imports/templates/:kind.xlsx',
    guarded('imports.run', { tags: ['exchange'], summary: '下载导入模板', params: importKindParams, response: { 200: xlsxDownload } }),
    async (request, reply) => {
      const name = `${SHEET_NAMES[request.params.kind]}导入模板.xlsx`;
      return reply
        .type(XLSX_MEDIA_TYPE)
        .header('Content-Disposition', attachment(name))
        .send(await templateWorkbook(request.params.kind));
    },
  );

  r.post(
    '/api/imports',
    guarded('imports.run', {
      tags: ['exchange'],
      summary: '上传 Excel 导入（multipart: kind, file）',
      consumes: ['multipart/form-data'],
      response: { 202: importAccepted },
    }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      if (!request.isMultipart()) throw invalid('FILE_REQUIRED', '请以 multipart/form-data 上传 Excel 文件');
      // The cap is checked while streaming (security review, issue 7, item 8); one byte over it is enough to refuse.
      const part = await request.file({ limits: { fileSize: WORKBOOK_LIMITS.uploadBytes + 1, files: 1 } });
      if (!part) throw invalid('FILE_REQUIRED', '请选择要导入的 Excel 文件');
      const kindField = part.fields.kind as { value?: unknown } | undefined;
      const kind = importKindParams.shape.kind.safeParse(kindField?.value);
      if (!kind.success)
        throw invalid(
          'IMPORT_KIND',
          '导入类型应为 residents（居民）、houses（房屋）、vehicles（车辆）、estates（小区）或 devices（设备），且须在文件字段之前提交',
        );
      const needs = IMPORT_KIND_PERMISSION[kind.data];
      if (needs && !viewer.permissions.has(needs)) throw forbidden();
      // An .xlsx is a zip: 'PK\x03\x04'. Anything else (xls, csv, renamed files) is refused here;
      // whether the zip is a workbook, and not a bomb, the import job checks before reading it.
      if (path.extname(part.filename).toLowerCase() !== '.xlsx') throw notXlsx();
      const stored = await app.casework.files.put('imports', xlsxUpload(part.file), '.xlsx', {
        maxBytes: WORKBOOK_LIMITS.uploadBytes,
        tooLarge,
      });
      const job = await jobs.createJob(app.db, {
        kind: kind.data,
        fileName: part.filename.slice(0, 200),
        sha256: stored.sha256,
        path: stored.path,
        userId: viewer.userId,
        regionId: viewer.regionId,
      });
      return reply.status(202).send({ id: job.id });
    },
  );

  r.get(
    '/api/imports',
    guarded('imports.run', { tags: ['exchange'], summary: '本区域的导入记录', response: { 200: importJobList } }),
    async (request) => ({ items: (await jobs.recentJobs(await scopedDb(app.db, viewerOf(request)))).map(presentJob) }),
  );

  r.get(
    '/api/imports/:id',
    guarded('imports.run', { tags: ['exchange'], summary: '导入进度与报告', params: idParams, response: { 200: importJobDetail } }),
    async (request) => {
      const job = await jobs.jobInScope(await scopedDb(app.db, viewerOf(request)), request.params.id);
      if (!job) throw notFound('导入任务');
      return presentJobDetail(job);
    },
  );

  r.get(
    '/api/imports/:id/rejected.xlsx',
    guarded('imports.run', {
      tags: ['exchange'],
      summary: '下载被拒绝的行（原单元格加拒绝原因，改正后可直接重新导入）',
      params: idParams,
      response: { 200: xlsxDownload },
    }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      const job = await jobs.jobInScope(await scopedDb(app.db, viewer), request.params.id);
      if (!job) throw notFound('导入任务');
      const { workbook, rows } = await rejectedRowsWorkbook({
        kind: job.kind,
        status: job.status,
        filePath: job.file_path,
        fileName: job.file_name,
        errors: job.errors,
        rejected: job.rejected,
        fullNumbers: viewer.permissions.has('personal_data.full'),
      });
      // The uploader's own cells, personal numbers included: written to the log like any export.
      await writeAudit(app.db, viewer, { action: 'export_import_rejects', entity: 'import_job', entityId: job.id, detail: { rows } });
      const name = `${path.parse(job.file_name).name}-被拒绝的行.xlsx`;
      return reply.type(XLSX_MEDIA_TYPE).header('Content-Disposition', attachment(name)).send(workbook);
    },
  );

  r.get(
    '/api/exports/residents.xlsx',
    {
      schema: {
        tags: ['exchange'],
        summary: '导出居民（按当前筛选，按角色脱敏）',
        querystring: residentFilters,
        response: { 200: xlsxDownload },
      },
      preHandler: [requires('exports.run'), requires('residents.read')],
    },
    async (request, reply) =>
      sendExport(request, reply, '居民.xlsx', request.query, ({ scoped, viewer, filter }, audit) =>
        exportResidents({ rowsAfter: residentsAfter(scoped, viewer, filter, localDateOf(app.casework.clock.now())), ...audit }),
      ),
  );

  r.get(
    '/api/exports/houses.xlsx',
    {
      schema: { tags: ['exchange'], summary: '导出房屋（按当前筛选）', querystring: houseFilters, response: { 200: xlsxDownload } },
      preHandler: [requires('exports.run'), requires('houses.read')],
    },
    async (request, reply) =>
      sendExport(request, reply, '房屋.xlsx', request.query, ({ scoped, filter }, audit) =>
        exportHouses({ rowsAfter: housesAfter(scoped, filter), ...audit }),
      ),
  );
}
