import { auditPage, auditQuery } from '../../../common/contracts/audit.js';
import { scopedDb } from '../../platform/db/scoped-db.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { auditReadRepository } from './audit.repository.js';
import { listAuditLog } from './audit.service.js';

/** The audit log for county administrators (audit.read); the log itself is the platform's (server/platform/audit.ts). */
export async function auditRoutes(app: App) {
  typed(app).get(
    '/api/audit',
    guarded('audit.read', { tags: ['identity'], summary: '审计日志', querystring: auditQuery, response: { 200: auditPage } }),
    async (request) => listAuditLog(auditReadRepository(await scopedDb(app.db, viewerOf(request))), request.query),
  );
}
