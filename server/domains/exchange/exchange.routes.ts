import path from 'node:path';
import { z } from 'zod';
import { requires, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams } from '../../platform/paging.js';
import { invalid, notFound } from '../../platform/errors.js';
import { FileStore } from '../../platform/files.js';
import { residentQuery } from '../people/people.schema.js';
import { residentFilter } from '../people/people.service.js';
import { houseQueryFilters } from '../regions/places.schema.js';
import { houseFilter } from '../regions/places.service.js';
import * as jobs from './import-jobs.repository.js';
import { templateWorkbook } from './templates.js';
import { exportHouses, exportResidents } from './exports.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const kindParams = z.object({ kind: z.enum(['residents', 'houses']) });
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

function presentJob(j: NonNullable<Awaited<ReturnType<typeof jobs.jobInScope>>>) {
  return {
    id: j.id, kind: j.kind, fileName: j.file_name, regionName: j.region_name, status: j.status, totalRows: j.total_rows,
    processed: j.processed, created: j.created, updated: j.updated, unchanged: j.unchanged,
    rejected: j.rejected, failure: j.failure, createdAt: j.created_at, finishedAt: j.finished_at,
  };
}

export async function exchangeRoutes(app: App) {
  const r = typed(app);
  const files = new FileStore(app.config.filesDir);

  r.get('/api/imports/templates/:kind.xlsx', {
    schema: { tags: ['exchange'], summary: '下载导入模板', params: kindParams },
    preHandler: requires('imports.run'),
  }, async (request, reply) => {
    const name = request.params.kind === 'residents' ? '居民导入模板.xlsx' : '房屋导入模板.xlsx';
    return reply.type(XLSX).header('Content-Disposition', attachment(name)).send(await templateWorkbook(request.params.kind));
  });

  r.post('/api/imports', {
    schema: { tags: ['exchange'], summary: '上传 Excel 导入（multipart: kind, file）', consumes: ['multipart/form-data'] },
    preHandler: requires('imports.run'),
  }, async (request, reply) => {
    const viewer = viewerOf(request);
    if (!request.isMultipart()) throw invalid('FILE_REQUIRED', '请以 multipart/form-data 上传 Excel 文件');
    const part = await request.file();
    if (!part) throw invalid('FILE_REQUIRED', '请选择要导入的 Excel 文件');
    const kindField = part.fields.kind as { value?: unknown } | undefined;
    const kind = kindParams.shape.kind.safeParse(kindField?.value);
    if (!kind.success) throw invalid('IMPORT_KIND', '导入类型应为 residents（居民）或 houses（房屋），且须在文件字段之前提交');
    const content = await part.toBuffer();
    // An .xlsx is a zip: 'PK\x03\x04'. Anything else (xls, csv, renamed files) is refused here.
    if (path.extname(part.filename).toLowerCase() !== '.xlsx' || content.subarray(0, 4).toString('binary') !== 'PK\x03\x04') {
      throw invalid('FILE_TYPE', '仅支持 .xlsx 格式的 Excel 文件，请使用导入模板');
    }
    const stored = files.save('imports', content, '.xlsx');
    const job = await jobs.createJob(app.db, {
      kind: kind.data, fileName: part.filename.slice(0, 200), sha256: stored.sha256, path: stored.path,
      userId: viewer.userId, regionId: viewer.regionId,
    });
    return reply.status(202).send({ id: job.id });
  });

  r.get('/api/imports', {
    schema: { tags: ['exchange'], summary: '本区域的导入记录' },
    preHandler: requires('imports.run'),
  }, async (request) => {
    const viewer = viewerOf(request);
    return { items: (await jobs.recentJobs(app.db, viewer.regionPath)).map(presentJob) };
  });

  r.get('/api/imports/:id', {
    schema: { tags: ['exchange'], summary: '导入进度与报告', params: idParams },
    preHandler: requires('imports.run'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const job = await jobs.jobInScope(app.db, request.params.id, viewer.regionPath);
    if (!job) throw notFound('导入任务');
    return { ...presentJob(job), errors: job.errors };
  });

  r.get('/api/exports/residents.xlsx', {
    schema: { tags: ['exchange'], summary: '导出居民（按当前筛选，按角色脱敏）', querystring: residentQuery },
    preHandler: [requires('exports.run'), requires('residents.read')],
  }, async (request, reply) => {
    const viewer = viewerOf(request);
    const { page: _p, pageSize: _s, sort: _o, order: _d, ...filter } = request.query;
    const stream = exportResidents(app.db, viewer, await residentFilter(app.db, viewer, filter));
    return reply.type(XLSX).header('Content-Disposition', attachment('居民.xlsx')).send(stream);
  });

  r.get('/api/exports/houses.xlsx', {
    schema: { tags: ['exchange'], summary: '导出房屋（按当前筛选）', querystring: houseQueryFilters },
    preHandler: [requires('exports.run'), requires('houses.read')],
  }, async (request, reply) => {
    const viewer = viewerOf(request);
    const stream = exportHouses(app.db, viewer, await houseFilter(app.db, viewer, request.query));
    return reply.type(XLSX).header('Content-Disposition', attachment('房屋.xlsx')).send(stream);
  });
}
