import { sql } from 'kysely';
import { z } from 'zod';
import { requires, requiresAny, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams, offsetOf, pageOf, pagingQuery } from '../../platform/paging.js';
import { invalid, notFound } from '../../platform/errors.js';
import { scopePath, under } from '../../platform/scope.js';
import { acknowledgeNotice, caseStatistics, supervisionBoard } from './supervision.js';
import { answerQuestionnaire } from './case-questionnaire.js';
import { loadCalendar, type CaseContext } from './case-context.js';
import { worksCases } from './case-policy.js';
import { staffLens } from './cases.presenter.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { isoDay } from '../../platform/iso-day.js';

const regionQuery = z.object({ regionId: z.coerce.number().int().positive().optional() });

/** Around the loop: supervision, statistics, inboxes, questionnaires, routing rules, the calendar. */
export async function casesDeskRoutes(app: App) {
  const r = typed(app);
  const ctx: CaseContext = app.casework;

  r.get('/api/supervision/board', {
    schema: { tags: ['supervision'], summary: '督办看板：各单位、各镇街红黄灯与事件总计', querystring: regionQuery },
    preHandler: requires('cases.supervise'),
  }, async (request) => supervisionBoard(ctx, viewerOf(request), request.query.regionId));

  r.get('/api/supervision/notices', {
    schema: { tags: ['supervision'], summary: '督办单：承办人看本单位的，工作人员看辖区的', querystring: z.object({ ...pagingQuery, open: z.enum(['true', 'false']).optional() }) },
    preHandler: requiresAny('cases.handle', 'cases.supervise', 'cases.dispatch'),
  }, async (request) => {
    const viewer = viewerOf(request);
    let base = app.db.selectFrom('case_supervisions as s').innerJoin('cases', 'cases.id', 's.case_id');
    base = viewer.role === 'dept_handler'
      ? base.where('s.org_unit_id', '=', viewer.orgUnitId ?? -1)
      : base.where('cases.region_path', 'like', under(viewer.regionPath));
    if (request.query.open === 'true') base = base.where('s.acknowledged_at', 'is', null);
    const rows = base.leftJoin('org_units as u', 'u.id', 's.org_unit_id').leftJoin('regions as g', 'g.id', 's.region_id')
      .leftJoin('leaders as l', 'l.id', 's.leader_id').leftJoin('leaders as b', 'b.id', 's.backup_leader_id')
      .select(['s.id', 's.case_id', 'cases.number', 'cases.title', 'cases.status', 's.level', 's.reason', 's.issued_at', 's.issued_by', 's.acknowledged_at',
        sql<string>`coalesce(u.name, g.name)`.as('unit'), 'l.name as leader', 'b.name as backup_leader'])
      .orderBy('s.issued_at', 'desc').orderBy('s.id', 'desc').offset(offsetOf(request.query)).limit(request.query.pageSize);
    const page = await pageOf(rows, base);
    const lens = staffLens(viewer);
    return {
      total: page.total,
      items: page.rows.map((s) => ({
        id: s.id, caseId: s.case_id, number: s.number, title: lens(s.title), status: s.status, level: s.level, reason: lens(s.reason),
        issuedAt: s.issued_at, bySystem: s.issued_by === null, acknowledgedAt: s.acknowledged_at, unit: s.unit, leader: s.leader, backupLeader: s.backup_leader,
      })),
    };
  });

  r.post('/api/supervision/notices/:id/acknowledge', {
    schema: { tags: ['supervision'], summary: '签收督办单', params: idParams },
    preHandler: requiresAny('cases.handle', 'cases.dispatch'),
  }, async (request) => {
    await acknowledgeNotice(ctx, viewerOf(request), request.params.id);
    return { ok: true };
  });

  r.get('/api/case-statistics', {
    schema: { tags: ['supervision'], summary: '考评统计：各单位按时办结率、平均处置时长、重办率、满意率', querystring: regionQuery.extend({ from: isoDay.optional(), to: isoDay.optional() }) },
    preHandler: requires('cases.read'),
  }, async (request) => {
    const now = ctx.clock.now();
    const to = request.query.to ? new Date(`${request.query.to}T00:00:00+08:00`) : now;
    const from = request.query.from ? new Date(`${request.query.from}T00:00:00+08:00`) : new Date(now.getTime() - 30 * 86_400_000);
    if (!(from < to)) throw invalid('PERIOD', '开始日期须早于结束日期');
    return caseStatistics(ctx, viewerOf(request), { regionId: request.query.regionId, from, to });
  });

  r.get('/api/me/notifications', {
    schema: { tags: ['cases'], summary: '我的消息：事件进展、回访', querystring: z.object(pagingQuery) },
  }, async (request) => {
    const viewer = viewerOf(request);
    let base = app.db.selectFrom('notifications').where('user_id', '=', viewer.userId);
    // A message for staff never reaches someone who is not staff (a resident, property staff),
    // whoever wrote it to their inbox.
    if (!worksCases(viewer)) base = base.where('audience', '=', 'public');
    const page = await pageOf(base.selectAll().orderBy('id', 'desc').offset(offsetOf(request.query)).limit(request.query.pageSize), base);
    const unread = await base.select((eb) => eb.fn.countAll<number>().as('n')).where('read_at', 'is', null).executeTakeFirstOrThrow();
    return {
      total: page.total, unread: Number(unread.n),
      items: page.rows.map((n) => ({ id: n.id, kind: n.kind, caseId: n.case_id, title: n.title, body: n.body, audience: n.audience, createdAt: n.created_at, read: n.read_at !== null })),
    };
  });

  r.post('/api/me/notifications/:id/read', {
    schema: { tags: ['cases'], summary: '标记消息已读', params: idParams },
  }, async (request) => {
    const viewer = viewerOf(request);
    const done = await app.db.updateTable('notifications').set({ read_at: ctx.clock.now() })
      .where('id', '=', request.params.id).where('user_id', '=', viewer.userId).executeTakeFirst();
    if (!Number(done.numUpdatedRows)) throw notFound('消息');
    return { ok: true };
  });

  r.post('/api/cases/:id/questionnaire', {
    schema: { tags: ['cases'], summary: '回答回访：问题是否真的解决', params: idParams, body: z.object({ fixed: z.boolean(), comment: z.string().trim().min(1).max(500).optional() }) },
    preHandler: requires('cases.report'),
  }, async (request) => answerQuestionnaire(ctx, viewerOf(request), request.params.id, request.body));

  r.get('/api/case-routing-rules', {
    schema: { tags: ['cases'], summary: '分派规则' },
    preHandler: requires('cases.configure'),
  }, async () => ({
    items: await app.db.selectFrom('case_routing_rules as r').innerJoin('case_categories as c', 'c.id', 'r.category_id')
      .leftJoin('regions as g', 'g.id', 'r.region_id').leftJoin('org_units as u', 'u.id', 'r.org_unit_id')
      .select(['r.id', 'r.category_id as categoryId', 'c.name as categoryName', 'r.region_id as regionId', 'g.name as regionName',
        'r.attribute_key as attributeKey', 'r.attribute_value as attributeValue', 'r.org_unit_id as orgUnitId', 'u.name as unitName',
        'r.to_grid as toGrid', 'r.note', 'r.from_catalogue as fromCatalogue'])
      .orderBy('c.sort').orderBy('r.id').execute(),
  }));

  r.post('/api/case-routing-rules', {
    schema: {
      tags: ['cases'], summary: '新增分派规则',
      body: z.object({
        categoryId: z.number().int().positive(), regionId: z.number().int().positive().optional(),
        orgUnitId: z.number().int().positive().optional(), toGrid: z.boolean().default(false), note: z.string().trim().max(200).optional(),
      }).refine((b) => (b.orgUnitId !== undefined) !== b.toGrid, { message: '须指定承办单位，或选择由属地网格处置' }),
    },
    preHandler: requires('cases.configure'),
  }, async (request, reply) => {
    const viewer = viewerOf(request);
    const b = request.body;
    if (!await app.db.selectFrom('case_categories').select('id').where('id', '=', b.categoryId).executeTakeFirst()) throw notFound('事件分类');
    if (b.regionId !== undefined) await scopePath(app.db, viewer, b.regionId);
    if (b.orgUnitId !== undefined && !await app.db.selectFrom('org_units').select('id').where('id', '=', b.orgUnitId).executeTakeFirst()) throw notFound('承办单位');
    const row = await app.db.insertInto('case_routing_rules').values({
      category_id: b.categoryId, region_id: b.regionId ?? null, org_unit_id: b.orgUnitId ?? null, to_grid: b.toGrid, note: b.note ?? null, created_by: viewer.userId,
    }).returning('id').executeTakeFirstOrThrow();
    return reply.status(201).send({ id: row.id });
  });

  r.delete('/api/case-routing-rules/:id', {
    schema: { tags: ['cases'], summary: '删除分派规则（分类文件中的规则随文件维护，不能在此删除）', params: idParams },
    preHandler: requires('cases.configure'),
  }, async (request, reply) => {
    const done = await app.db.deleteFrom('case_routing_rules').where('id', '=', request.params.id).where('from_catalogue', '=', false).executeTakeFirst();
    if (!Number(done.numDeletedRows)) throw notFound('分派规则');
    return reply.status(204).send();
  });

  r.get('/api/calendar-overrides', {
    schema: { tags: ['cases'], summary: '工作日历调整（国家安排之外的放假、上班日）' },
    preHandler: requires('cases.configure'),
  }, async () => ({
    items: (await app.db.selectFrom('calendar_overrides').selectAll().orderBy('day').execute()).map((o) => ({ day: String(o.day).slice(0, 10), kind: o.kind, note: o.note })),
    // Last year to next year: whether the calendar knows each, so the page can ask for next year's 调休.
    years: yearsAround(ctx.clock.now()).map((year) => ({ year, known: ctx.calendar.knowsYear(year) })),
  }));

  r.put('/api/calendar-overrides/:day', {
    schema: { tags: ['cases'], summary: '设置某日为上班日或放假日', params: z.object({ day: isoDay }), body: z.object({ kind: z.enum(['workday', 'holiday']), note: z.string().trim().max(100).optional() }) },
    preHandler: requires('cases.configure'),
  }, async (request) => {
    const { day } = request.params;
    await app.db.insertInto('calendar_overrides').values({ day, kind: request.body.kind, note: request.body.note ?? null })
      .onConflict((oc) => oc.column('day').doUpdateSet({ kind: request.body.kind, note: request.body.note ?? null })).execute();
    // Deadlines computed from now on use the new calendar; existing deadlines stand.
    ctx.calendar = await loadCalendar(app.db);
    return { ok: true };
  });
}

function yearsAround(now: Date) {
  const year = Number(localDateOf(now).slice(0, 4));
  return [year - 1, year, year + 1];
}
