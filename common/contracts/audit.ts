import { z } from 'zod';
import { day, page, pagingQuery, timestamp } from './shared.js';

/** Free text typed into a filter (a NUL is refused before this, server/platform/request-guards.ts). */
const filterText = z.string().trim().max(50).optional();

/** The audit log API (server/domains/identity/audit.routes.ts): who did or read what, for audit.read. */
export const auditQuery = z
  .object({
    ...pagingQuery,
    /** One action only ('login_failed', 'read_special_groups' …; common/audit-words.ts). */
    action: z.string().max(50).optional(),
    /** Whose lines: the start of a username, or the account's name ('张' finds 张三's). */
    user: filterText,
    /** The record a line is about: a resident's name, a house address, a plate, a case number, or a record id. */
    record: filterText,
    /** First and last day (Beijing time), both included. */
    from: day.optional(),
    to: day.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntry = z.object({
  id: z.number().int(),
  at: timestamp,
  /** The account, or the name typed at a failed sign-in; null for the system. */
  username: z.string().nullable(),
  /** The account's name (张三); the typed name when there is no such account; null for the system. */
  actorName: z.string().nullable(),
  action: z.string(),
  /** The action in words (登录失败); the action's code when no words are known for it. */
  actionLabel: z.string(),
  /** The whole line in words: "张三 查看了 李四 的特殊人群信息". */
  sentence: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  /** What the line is about, by name (a resident, an account, a plate), when it still exists. */
  subject: z.string().nullable(),
  /** Where that record is (a resident's house), when it has a place. */
  address: z.string().nullable(),
  /** What the action touched; ID and phone numbers in it are masked when written (server/platform/audit-masking.ts). */
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditPage = page(auditEntry);
