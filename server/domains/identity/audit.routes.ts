import { z } from 'zod';
import { requires, typed, type App } from '../../platform/http.js';
import { offsetOf, pageOf, pagingQuery } from '../../platform/paging.js';

const auditQuery = z.object({ ...pagingQuery, action: z.string().max(50).optional() });

export async function auditRoutes(app: App) {
  typed(app).get('/api/audit', {
    schema: { tags: ['identity'], summary: '审计日志', querystring: auditQuery },
    preHandler: requires('audit.read'),
  }, async (request) => {
    const q = request.query;
    let base = app.db.selectFrom('audit_log');
    if (q.action) base = base.where('action', '=', q.action);
    const { rows, total } = await pageOf(base.selectAll().orderBy('id', 'desc').offset(offsetOf(q)).limit(q.pageSize), base);
    return {
      items: rows.map((a) => ({ id: a.id, at: a.at, username: a.username, action: a.action, entity: a.entity, entityId: a.entity_id, detail: a.detail, ip: a.ip })),
      total,
    };
  });
}
