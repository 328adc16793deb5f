import { isIPv6 } from 'node:net';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';

/**
 * A fixed-window counter kept in the database, so that every server process counts the same
 * events (an in-memory counter lets each of N processes grant the limit again).
 *
 *   const c = await hit(db, `open311.post:${apiKey}`, { windowMs: 60_000, limit: 30 });
 *   if (c.exceeded) throw new AppError(429, 'RATE_LIMITED', '…', { retryAfterSeconds: c.retryAfterSeconds });
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

export async function hit(db: Kysely<DB>, key: string, window: RateWindow, now = new Date()): Promise<RateCount> {
  const ends = new Date(now.getTime() + window.windowMs);
  const row = await db.insertInto('rate_limit_counters')
    .values({ key, hits: 1, window_ends_at: ends })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => {
      // Every expression sees the row as it was: an ended window starts over at this event.
      const ended = eb('rate_limit_counters.window_ends_at', '<=', now);
      return {
        hits: eb.case().when(ended).then(1).else(eb('rate_limit_counters.hits', '+', 1)).end(),
        window_ends_at: eb.case().when(ended).then(ends).else(eb.ref('rate_limit_counters.window_ends_at')).end(),
      };
    }))
    .returning(['hits', 'window_ends_at'])
    .executeTakeFirstOrThrow();
  if (Math.random() * SWEEP_ONE_IN < 1) await sweepExpired(db, now);
  return countOf(row.hits, row.window_ends_at, window.limit, now);
}

export async function peek(db: Kysely<DB>, key: string, window: RateWindow, now = new Date()): Promise<RateCount> {
  const row = await db.selectFrom('rate_limit_counters').select(['hits', 'window_ends_at'])
    .where('key', '=', key).where('window_ends_at', '>', now).executeTakeFirst();
  return row ? countOf(row.hits, row.window_ends_at, window.limit, now) : countOf(0, null, window.limit, now);
}

/** Forgets one key's window (e.g. on a successful login, or an administrator's reset). */
export async function clear(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('rate_limit_counters').where('key', '=', key).execute();
}

/** Forgets every key that starts with `prefix`; answers how many windows were dropped. */
export async function clearPrefix(db: Kysely<DB>, prefix: string): Promise<number> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const result = await db.deleteFrom('rate_limit_counters').where('key', 'like', pattern).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function sweepExpired(db: Kysely<DB>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('rate_limit_counters').where('window_ends_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

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
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
