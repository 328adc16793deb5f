import type { Viewer } from './auth/viewer.js';
import { AppError } from './errors.js';
import type { RateLimits, RateWindow } from './rate-limit.js';

/**
 * How often one account may reveal a masked number in full (docs/decisions/019): a desk calling
 * back its day's reporters needs a few dozen an hour; a script walking the register would need
 * thousands. Counted in the database so every process counts the same reveals.
 */
export const REVEAL_WINDOW: RateWindow = { windowMs: 60 * 60_000, limit: 30 };

/** Counts one reveal by the viewer, refusing (429) over the hour's allowance before anything is read. */
export async function countReveal(limits: Pick<RateLimits, 'hit'>, viewer: Pick<Viewer, 'userId'>, now?: Date): Promise<void> {
  const count = await limits.hit(`reveal:${viewer.userId}`, REVEAL_WINDOW, now);
  if (count.exceeded) {
    const minutes = Math.ceil(count.retryAfterSeconds / 60);
    throw new AppError(429, 'REVEAL_RATE_LIMITED', `查看完整号码过于频繁，请 ${minutes} 分钟后再试`, {
      retryAfterSeconds: count.retryAfterSeconds,
    });
  }
}
