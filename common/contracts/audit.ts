import { z } from 'zod';
import { page, pagingQuery, timestamp } from './shared.js';

/** The audit log API (server/domains/identity/audit.routes.ts): who did or read what, for audit.read. */
export const auditQuery = z.object({
  ...pagingQuery,
  /** One action only ('login_failed', 'read_special_groups' …). */
  action: z.string().max(50).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntry = z.object({
  id: z.number().int(),
  at: timestamp,
  /** The account, or the name typed at a failed sign-in; null for the system. */
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  /** What the action touched; ID and phone numbers in it are masked when written (server/platform/audit-masking.ts). */
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditPage = page(auditEntry);
