import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Viewer } from './auth/viewer.js';
import { maskAuditDetail } from './audit-masking.js';

export interface AuditEntry {
  action: string;              // 'read_special_groups', 'export_residents', 'login_failed' …
  entity?: string;
  entityId?: string | number;
  detail?: Record<string, unknown>;
}

/**
 * Writes one line of the audit log and returns its id. Restricted reads call this inside the
 * same transaction as the read, so data is never shown without its audit line. ID and phone
 * numbers anywhere in the detail are masked here (audit-masking.ts), for every caller.
 */
export async function writeAudit(db: Kysely<DB>, viewer: Pick<Viewer, 'userId' | 'username' | 'ip'> | null, entry: AuditEntry): Promise<number> {
  const row = await db.insertInto('audit_log').values({
    user_id: viewer?.userId ?? null,
    username: viewer?.username ?? null,
    action: entry.action,
    entity: entry.entity ?? null,
    entity_id: entry.entityId === undefined ? null : String(entry.entityId),
    detail: JSON.stringify(maskAuditDetail(entry.detail ?? {})),
    ip: viewer?.ip ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}
