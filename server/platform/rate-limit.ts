import { isIPv6 } from 'node:net';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import { AppError } from './errors.js';
import { rateLimitCounters } from './rate-limit.repository.js';

/**
 * A fixed-window counter kept in the database, so that every server process counts the same
 * events (an in-memory counter lets each of N processes grant the limit again).
 *
 *   const c = await rateLimits(db).hit(`open311.post:${apiKey}`, { windowMs: 60_000, limit: 30 });
 *   if (c.exceeded) throw rateLimited(c, '提交过于频繁，请稍后再试');
 *
 * `hit` records one event and answers the count including it, in one atomic upsert: two
 * processes hitting the same key at once get consecutive counts. `peek` answers without
 * recording (for limits on failures, checked before the attempt and counted after it).
 * A window starts with the first event after the previous one ended, so a burst can reach
 * twice the limit across a window boundary; for abuse limits that is fine, and one row per key
 * is what keeps it one statement. A key belongs to one window length: pass the same `window`
 * wherever the key is used. Keys are compared byte-wise; the prefix names the use
 * (`login.address:`, `open311.post:`), so that `clearPrefix` can reach one use only.
 */
export interface RateWindow {
  windowMs: number;
  /** Events allowed per window. */
  limit: number;
}

export interface RateCount {
  /** Events in the current window (0 when it has ended). */
  count: number;
  limit: number;
  /** How many more events the window allows. */
  remaining: number;
  /** More events than the limit: the one just recorded (hit) is over it. */
  exceeded: boolean;
  /** When the current window ends; null when there is none. */
  resetAt: Date | null;
  /** Whole seconds until the window ends, at least 1 while one is running; 0 when none is. */
  retryAfterSeconds: number;
}

// Expired rows are deleted by chance on about one hit in this many, so the table stays the size
// of the live windows without a timer (and without a timer's advisory lock across processes).
const SWEEP_ONE_IN = 200;

/** The counters of one database, for services that take their dependencies as an object. */
export function rateLimits(db: Kysely<DB>) {
  const counters = rateLimitCounters(db);
  return {
    async hit(key: string, window: RateWindow, now = new Date()): Promise<RateCount> {
      const row = await counters.count(key, new Date(now.getTime() + window.windowMs), now);
      if (Math.random() * SWEEP_ONE_IN < 1) await counters.removeEndedBy(now);
      return countOf(row.hits, row.window_ends_at, window.limit, now);
    },
    async peek(key: string, window: RateWindow, now = new Date()): Promise<RateCount> {
      const row = await counters.running(key, now);
      return row ? countOf(row.hits, row.window_ends_at, window.limit, now) : countOf(0, null, window.limit, now);
    },
    /** Forgets one key's window (e.g. on a successful login, or an administrator's reset). */
    clear: (key: string): Promise<void> => counters.remove(key),
    /** Forgets every key that starts with `prefix`; answers how many windows were dropped. */
    clearPrefix: (prefix: string): Promise<number> => counters.removeStartingWith(prefix),
    sweepExpired: (now = new Date()): Promise<number> => counters.removeEndedBy(now),
  };
}

export type RateLimits = ReturnType<typeof rateLimits>;

/** The refusal of an event over its limit: 429 RATE_LIMITED, with when to try again. */
export const rateLimited = (count: Pick<RateCount, 'retryAfterSeconds'>, message: string) =>
  new AppError(429, 'RATE_LIMITED', message, { retryAfterSeconds: count.retryAfterSeconds });

/** One event against a key, for a caller that holds a database rather than its RateLimits. */
export const hit = (db: Kysely<DB>, key: string, window: RateWindow, now = new Date()) => rateLimits(db).hit(key, window, now);

function countOf(count: number, resetAt: Date | null, limit: number, now: Date): RateCount {
  const live = resetAt !== null && resetAt > now;
  return {
    count: live ? count : 0,
    limit,
    remaining: Math.max(0, limit - (live ? count : 0)),
    exceeded: live && count > limit,
    resetAt: live ? resetAt : null,
    retryAfterSeconds: live ? Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)) : 0,
  };
}

/**
 * The unit an address is counted by. IPv4 addresses count one by one; an IPv6 client usually
 * holds a whole /64 and could take a new address for every try, so IPv6 counts by its /64.
 */
export function addressBucket(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
