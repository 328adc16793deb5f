import { auditPage, auditQuery } from '../../../common/contracts/audit.js';
import { auditLogRepository } from '../../platform/audit.repository.js';
import { requires, typed, type App } from '../../platform/http.js';
import { listAuditLog } from './audit.service.js';

/** The audit log for county administrators (audit.read); the log itself is the platform's (server/platform/audit.ts). */
export async function auditRoutes(app: App) {
  typed(app).get(
    '/api/audit',
    {
      schema: { tags: ['identity'], summary: '审计日志', querystring: auditQuery, response: { 200: auditPage } },
      preHandler: requires('audit.read'),
    },
    async (request) => listAuditLog(auditLogRepository(app.db), request.query),
  );
}
