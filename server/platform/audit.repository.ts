import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, DB } from './db/schema.js';
import { pageOf } from './paging.js';

/** The audit_log table (server/platform/audit.ts writes it). Not region-scoped: only audit.read reads it, whole. */
export function auditLogRepository(db: Kysely<DB>) {
  return {
    append: async (line: Insertable<AuditLogTable>) =>
      (await db.insertInto('audit_log').values(line).returning('id').executeTakeFirstOrThrow()).id,

    /** A page of lines, newest first. */
    list: (f: { action?: string }, page: { offset: number; limit: number }) => {
      let base = db.selectFrom('audit_log');
      if (f.action) base = base.where('action', '=', f.action);
      return pageOf(base.selectAll().orderBy('id', 'desc').offset(page.offset).limit(page.limit), base);
    },
  };
}

export type AuditLogRepository = ReturnType<typeof auditLogRepository>;
export type AuditLine = Awaited<ReturnType<AuditLogRepository['list']>>['rows'][number];
