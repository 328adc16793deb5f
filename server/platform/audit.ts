import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Viewer } from './auth/viewer.js';
import { maskAuditDetail } from './audit-masking.js';
import { auditLogRepository } from './audit.repository.js';

export interface AuditEntry {
  action: string; // 'read_special_groups', 'export_residents', 'login_failed' …
  entity?: string;
  entityId?: string | number;
  detail?: Record<string, unknown>;
}

/**
 * Who a line is about: a viewer, or for a sign-in try only a typed name (no account: userId
 * null) and an address; null for the system itself.
 */
export type AuditActor = (Pick<Viewer, 'username' | 'ip'> & { userId: number | null }) | null;

/**
 * Writes one line of the audit log and returns its id. Restricted reads call this inside the
 * same transaction as the read, so data is never shown without its audit line. ID and phone
 * numbers anywhere in the detail are masked here (audit-masking.ts), for every caller.
 */
export async function writeAudit(db: Kysely<DB>, actor: AuditActor, entry: AuditEntry): Promise<number> {
  return auditLogRepository(db).append({
    user_id: actor?.userId ?? null,
    username: actor?.username ?? null,
    action: entry.action,
    entity: entry.entity ?? null,
    entity_id: entry.entityId === undefined ? null : String(entry.entityId),
    detail: JSON.stringify(maskAuditDetail(entry.detail ?? {})),
    ip: actor?.ip ?? null,
  });
}
