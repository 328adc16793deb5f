import path from 'node:path';
import { z } from 'zod';
import { idParams } from '../../../common/contracts/shared.js';
import { XLSX_MEDIA_TYPE, xlsxDownload } from '../../../common/contracts/exchange.js';
import { fileResponse } from '../../../common/contracts/cases.js';
import {
  assessmentQuery,
  assessmentTable,
  completeTaskBody,
  createdTaskList,
  createTaskListBody,
  recordAssessmentBody,
  recordedAssessment,
  taskActionBody,
  taskActionPage,
  taskActionQuery,
  taskAssignees,
  taskDetail as taskDetailSchema,
  taskFileParams,
  taskLeaderList,
  taskListList,
  taskListQuery,
  taskPage,
  taskQuery,
  taskReportBody,
  taskReportParams,
} from '../../../common/contracts/tasks.js';
import { attachment, guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { idempotencyKeyOf } from '../../platform/idempotency.js';
import { scopedDb, ScopedDb } from '../../platform/db/scoped-db.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { taskAudience } from './task-access.js';
import { decisionTitle } from '../disclosure/index.js';
import { leadersWithUnits, orgUnitNames } from '../orgs/index.js';
import { townsInScope } from '../regions/index.js';
import { tasksRepository } from './tasks.repository.js';
import { taskListWorkbook } from './task-export.js';
import { listActions, listTaskLists, listTasks, taskDetail, type TasksDeps } from './tasks.service.js';
import { addAction, completeTask, createTaskList, evidenceFile, fileReport, ownReport, updateTask } from './task-writes.js';
import { assessList, recordAssessment } from './task-assessment.js';
import { updateTaskBody } from '../../../common/contracts/tasks.js';

const tags = ['tasks'];
const EVIDENCE_AREA = 'task-evidence';
/** 佐证材料: pictures, PDFs and office files, at most 20 MB each. */
const EVIDENCE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': XLSX_MEDIA_TYPE,
};
const EVIDENCE_BYTES = 20 * 1024 * 1024;
const idResponse = z.object({ id: z.number().int() });

/** The task supervision API (督查督办): thin — validate, build the deps, call the service. */
export async function tasksRoutes(app: App) {
  const r = typed(app);
  const today = () => localDateOf(app.casework.clock.now());
  // Task lists are not region-scoped (decision 044): the county-wide view, with the audience applied by the service.
  const county = new ScopedDb(app.db, { path: '/', estateIds: null });
  const deps = (viewer: Viewer, scoped: ScopedDb = county): TasksDeps => ({
    tasks: tasksRepository(scoped),
    leaders: () => leadersWithUnits(scoped.unscoped),
    assignees: async () => ({ units: await orgUnitNames(scoped.unscoped), towns: await townsInScope(scoped) }),
    decisionTitle: (id) => decisionTitle(scoped.unscoped, id),
    audit: (entry) => writeAudit(scoped.unscoped, viewer, entry),
    now: () => app.casework.clock.now(),
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(deps(viewer, scoped.on(trx)))),
  });

  r.get(
    '/api/task-lists',
    guarded('tasks.read', {
      tags,
      summary: '督查督办任务清单（可按所落实的重大决策筛选）',
      querystring: taskListQuery,
      response: { 200: taskListList },
    }),
    async (request) => listTaskLists(deps(viewerOf(request)), viewerOf(request), today(), request.query),
  );

  r.post(
    '/api/task-lists',
    guarded('tasks.supervise', {
      tags,
      summary: '录入任务清单（会议议定事项等）',
      body: createTaskListBody,
      response: { 201: createdTaskList },
    }),
    async (request, reply) =>
      reply
        .status(201)
        .send(await createTaskList(deps(viewerOf(request)), viewerOf(request), request.body, today(), idempotencyKeyOf(request))),
  );

  r.get(
    '/api/task-lists/:id/export.xlsx',
    guarded('tasks.read', {
      tags,
      summary: '导出任务清单（原表格式，含状态和最新进展）',
      params: idParams,
      response: { 200: xlsxDownload },
    }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      const d = deps(viewer);
      const list = await d.tasks.listById(request.params.id);
      const page = list ? await listTasks(d, viewer, taskQuery.parse({ listId: list.id, pageSize: 200 }), today()) : null;
      // A unit with no task in the list is answered as if the list did not exist, as the list itself is.
      if (!list || !page || (page.total === 0 && !taskAudience(viewer).all)) throw notFound('任务清单');
      const withTargets = await Promise.all(page.items.map(async (t) => ({ ...t, targets: await d.tasks.targetsOf(t.id) })));
      const workbook = await taskListWorkbook(list.title, list.number, withTargets);
      await writeAudit(app.db, viewer, { action: 'export_tasks', entity: 'task_list', entityId: list.id, detail: { rows: page.total } });
      return reply
        .type(XLSX_MEDIA_TYPE)
        .header('Content-Disposition', attachment(`${list.title}.xlsx`))
        .send(workbook);
    },
  );

  r.get(
    '/api/tasks',
    guarded('tasks.read', {
      tags,
      summary: '任务（按清单、状态、本单位、分管领导筛选）',
      querystring: taskQuery,
      response: { 200: taskPage },
    }),
    async (request) => listTasks(deps(viewerOf(request)), viewerOf(request), request.query, today()),
  );

  r.get(
    '/api/tasks/:id',
    guarded('tasks.read', {
      tags,
      summary: '任务详情：责任单位、月度进展、催办督办',
      params: idParams,
      response: { 200: taskDetailSchema },
    }),
    async (request) => taskDetail(deps(viewerOf(request)), viewerOf(request), request.params.id, today()),
  );

  r.patch(
    '/api/tasks/:id',
    guarded('tasks.supervise', { tags, summary: '修改任务', params: idParams, body: updateTaskBody, response: { 200: taskDetailSchema } }),
    async (request) => {
      const viewer = viewerOf(request);
      await updateTask(deps(viewer), viewer, request.params.id, request.body, today());
      return taskDetail(deps(viewer), viewer, request.params.id, today());
    },
  );

  r.post(
    '/api/tasks/:id/completion',
    guarded('tasks.supervise', {
      tags,
      summary: '办结（或撤销办结）',
      params: idParams,
      body: completeTaskBody,
      response: { 200: taskDetailSchema },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      await completeTask(deps(viewer), viewer, request.params.id, request.body.completedOn, today());
      return taskDetail(deps(viewer), viewer, request.params.id, today());
    },
  );

  r.put(
    '/api/tasks/:id/reports',
    guarded('tasks.report', {
      tags,
      summary: '填报本单位月度进展（同一月份再次填报即更新）',
      params: idParams,
      body: taskReportBody,
      response: { 200: idResponse },
    }),
    async (request) => ({ id: await fileReport(deps(viewerOf(request)), viewerOf(request), request.params.id, request.body, today()) }),
  );

  r.post(
    '/api/tasks/:id/reports/:reportId/files',
    guarded('tasks.report', {
      tags,
      summary: '上传佐证材料（multipart: file）',
      params: taskReportParams,
      consumes: ['multipart/form-data'],
      response: { 201: idResponse },
    }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      const d = deps(viewer);
      const report = await ownReport(d, viewer, request.params.id, request.params.reportId, today());
      if (!request.isMultipart()) throw invalid('FILE_REQUIRED', '请以 multipart/form-data 上传文件');
      const part = await request.file({ limits: { fileSize: EVIDENCE_BYTES + 1, files: 1 } });
      if (!part) throw invalid('FILE_REQUIRED', '请选择要上传的文件');
      const extension = path.extname(part.filename).toLowerCase();
      if (!EVIDENCE_TYPES[extension]) throw invalid('EVIDENCE_TYPE', '佐证材料须为图片（jpg、png）、PDF、Word 或 Excel 文件');
      const stored = await app.casework.files.put(EVIDENCE_AREA, part.file, extension, {
        maxBytes: EVIDENCE_BYTES,
        tooLarge: () => new AppError(413, 'EVIDENCE_TOO_LARGE', '佐证材料不能超过 20 MB'),
      });
      const id = await d.transaction(async (tx) => {
        const fileId = await tx.tasks.insertFile({
          report_id: report.id,
          file_name: part.filename.slice(0, 200),
          sha256: stored.sha256,
          extension,
          size: stored.size,
          uploaded_by: viewer.userId,
        });
        await tx.audit({
          action: 'task_evidence',
          entity: 'task',
          entityId: request.params.id,
          detail: { reportId: report.id, fileId, name: part.filename },
        });
        return fileId;
      });
      return reply.status(201).send({ id });
    },
  );

  r.get(
    '/api/tasks/:id/reports/:reportId/files/:fileId',
    guarded('tasks.read', {
      tags,
      summary: '下载佐证材料',
      params: taskFileParams,
      response: { 200: fileResponse(Object.values(EVIDENCE_TYPES), '佐证材料') },
    }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      const file = await evidenceFile(deps(viewer), viewer, request.params.id, request.params.reportId, request.params.fileId, today());
      return reply
        .type(EVIDENCE_TYPES[file.extension] ?? 'application/octet-stream')
        .header('Content-Disposition', attachment(file.file_name))
        .send(await app.casework.files.open(app.casework.files.pathOf(EVIDENCE_AREA, file.sha256, file.extension)));
    },
  );

  r.post(
    '/api/tasks/:id/actions',
    guarded('tasks.supervise', { tags, summary: '催办或督办通知', params: idParams, body: taskActionBody, response: { 201: idResponse } }),
    async (request, reply) =>
      reply.status(201).send({ id: await addAction(deps(viewerOf(request)), viewerOf(request), request.params.id, request.body, today()) }),
  );

  r.get(
    '/api/task-actions',
    guarded('tasks.read', { tags, summary: '催办与督办通知记录', querystring: taskActionQuery, response: { 200: taskActionPage } }),
    async (request) => listActions(deps(viewerOf(request)), viewerOf(request), request.query),
  );

  r.get(
    '/api/task-assessment',
    guarded('tasks.supervise', {
      tags,
      summary: '考核得分（按责任单位：按时报送 40%，按期完成 60%）',
      querystring: assessmentQuery,
      response: { 200: assessmentTable },
    }),
    async (request) => {
      const d = deps(viewerOf(request));
      const until = request.query.until ?? today();
      const rows = await assessList(d, request.query.listId, until);
      const recorded = await d.tasks.recordedAssessments(request.query.listId);
      return {
        listId: request.query.listId,
        until,
        rows,
        recorded: recorded.map((x) => ({ period: x.period, recordedAt: new Date(x.recorded_at).toISOString(), rows: x.rows })),
      };
    },
  );

  r.post(
    '/api/task-assessment',
    guarded('tasks.supervise', {
      tags,
      summary: '记录一个考核期的得分',
      body: recordAssessmentBody,
      response: { 201: recordedAssessment },
    }),
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordAssessment(deps(viewerOf(request)), viewerOf(request), request.body.listId, request.body.period, today())),
  );

  r.get(
    '/api/task-leaders',
    guarded('tasks.read', { tags, summary: '县领导及其分管单位（领导视图）', response: { 200: taskLeaderList } }),
    async () => ({
      items: await leadersWithUnits(app.db),
    }),
  );

  r.get(
    '/api/task-assignees',
    guarded('tasks.supervise', { tags, summary: '可指派的责任单位和镇（街道）', response: { 200: taskAssignees } }),
    async (request) => deps(viewerOf(request), await scopedDb(app.db, viewerOf(request))).assignees(),
  );
}
