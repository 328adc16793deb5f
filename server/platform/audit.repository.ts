import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, DB } from './db/schema.js';

/** Appends to the audit_log table (server/platform/audit.ts). 审计日志 reads it: identity/audit.repository.ts. */
export function auditLogRepository(db: Kysely<DB>) {
  return {
    append: async (line: Insertable<AuditLogTable>) =>
      (await db.insertInto('audit_log').values(line).returning('id').executeTakeFirstOrThrow()).id,
  };
}

export type AuditLogRepository = ReturnType<typeof auditLogRepository>;
