import type { AuditEntry, AuditQuery } from '../../../common/contracts/audit.js';
import type { Page } from '../../../common/contracts/shared.js';
import type { AuditLine, AuditLogRepository } from '../../platform/audit.repository.js';
import { offsetOf } from '../../platform/paging.js';

/** 审计日志: the lines of the whole log, newest first, one action or all. */
export async function listAuditLog(log: Pick<AuditLogRepository, 'list'>, query: AuditQuery): Promise<Page<AuditEntry>> {
  const { rows, total } = await log.list({ action: query.action || undefined }, { offset: offsetOf(query), limit: query.pageSize });
  return { items: rows.map(presentAuditLine), total };
}

const presentAuditLine = (a: AuditLine): AuditEntry => ({
  id: a.id,
  at: a.at.toISOString(),
  username: a.username,
  action: a.action,
  entity: a.entity,
  entityId: a.entity_id,
  detail: a.detail,
  ip: a.ip,
});
