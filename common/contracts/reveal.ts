import { z } from 'zod';

/**
 * 查看完整号码: the one body and answer of every audited reveal of a masked number (a
 * resident's ID number for a county administrator, a reporter's phone for the desk and the
 * handling unit; docs/decisions/019). The reason is written to the audit log with the reveal.
 */
export const REVEAL_REASON_MIN = 4;
export const REVEAL_REASON_MAX = 200;

export const revealReason = z
  .string()
  .trim()
  .min(REVEAL_REASON_MIN, `请填写查看原因（至少${REVEAL_REASON_MIN}个字）`)
  .max(REVEAL_REASON_MAX, `查看原因不超过${REVEAL_REASON_MAX}个字`);

/** The full number, sent only in the answer to its own audited POST. */
export const revealedNumber = z.object({ value: z.string() });
export type RevealedNumber = z.infer<typeof revealedNumber>;
