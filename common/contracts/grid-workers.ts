import { z } from 'zod';
import { EMPLOYMENTS } from '../enums.js';
import { isValidPhone, normalizePhone } from '../phone.js';
import { revealReason } from './reveal.js';

/**
 * 网格员 managed on their grid's page (server/domains/regions/grid-workers.*, docs/decisions/047):
 * added, corrected and removed by whoever may edit the grid; the phone stored whole, answered
 * masked, and read in full only through its audited reveal.
 */

/** A person's name in Chinese: 2–20 Han characters, a minority name's parts joined by ·（买买提·艾力）. */
export const CHINESE_NAME_PATTERN = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;
export const WORKER_NAME_MAX = 20;

/** /api/grids/:id/workers/:workerId (the grid's own routes name it :id). */
export const gridWorkerParams = z.object({ id: z.coerce.number().int().positive(), workerId: z.coerce.number().int().positive() });

const workerPhone = z
  .string()
  .trim()
  .refine(isValidPhone, '请填写11位手机号或带区号的固定电话（如 0531-87881234）')
  .transform(normalizePhone);

export const gridWorkerBody = z.object({
  name: z
    .string()
    .trim()
    // The dots people type for a minority name (• ‧ ・ .) are the one 间隔号 of the ID card.
    .transform((s) => s.replace(/[•‧・.．]/g, '·'))
    .pipe(
      z
        .string()
        .min(2, '姓名至少2个字')
        .max(WORKER_NAME_MAX, `姓名不超过${WORKER_NAME_MAX}个字`)
        .regex(CHINESE_NAME_PATTERN, '请填写中文姓名（少数民族姓名用“·”分隔）'),
    ),
  phone: workerPhone,
  employment: z.enum(EMPLOYMENTS, { message: '请选择专职或兼职' }),
  /** The 网格员 account this worker signs in with: one of the grid's own, at most one worker each. */
  userId: z.number().int().positive().nullable().default(null),
});
export type GridWorkerInput = z.input<typeof gridWorkerBody>;
export type CheckedGridWorker = z.output<typeof gridWorkerBody>;

/**
 * The whole form again, but the phone only when it changes: the form never holds the stored
 * number (answers mask it), so an edit that leaves it out keeps it.
 */
export const updateGridWorkerBody = gridWorkerBody.extend({ phone: workerPhone.optional() });
export type UpdateGridWorkerInput = z.input<typeof updateGridWorkerBody>;
export type CheckedGridWorkerUpdate = z.output<typeof updateGridWorkerBody>;

/** The accounts of role grid_worker whose region is the grid: what a worker may be linked to. */
export const gridWorkerAccount = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  /** The worker already linked to it, if any (one worker per account). */
  workerId: z.number().int().nullable(),
});
export type GridWorkerAccount = z.infer<typeof gridWorkerAccount>;
export const gridWorkerAccounts = z.object({ items: z.array(gridWorkerAccount) });

export const revealGridWorkerBody = z.object({ reason: revealReason });
export type RevealGridWorkerInput = z.infer<typeof revealGridWorkerBody>;
