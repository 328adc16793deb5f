import fastifyRateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from './clock.js';
import type { DB } from './db/schema.js';
import { rateLimits, type RateCount, type RateWindow } from './rate-limit.js';

/**
 * @fastify/rate-limit with its counts in the database (rate_limit_counters, rate-limit.ts), so
 * that every server process on one PostgreSQL counts the same requests: the plugin's own
 * LocalStore keeps them per process, and N processes would grant a limit N times over. The
 * plugin decides keys, windows and limits; this store only counts, in one atomic upsert a hit.
 */
export function databaseStore(db: Kysely<DB>, clock: Clock): FastifyRateLimitStoreCtor {
  const counters = rateLimits(db);
  const answer = (count: Promise<RateCount>, callback: (error: Error | null, result?: { current: number; ttl: number }) => void) =>
    count.then(
      (c) => callback(null, { current: c.count, ttl: c.resetAt ? c.resetAt.getTime() - clock.now().getTime() : 0 }),
      (error: Error) => callback(error),
    );
  class DatabaseStore implements FastifyRateLimitStore {
    incr(key: string, callback: Parameters<FastifyRateLimitStore['incr']>[1], timeWindow: number, max: number) {
      void answer(counters.hit(key, windowOf(timeWindow, max), clock.now()), callback);
    }
    /** The count without counting (the plugin's `{ increment: false }`). */
    read(key: string, callback: Parameters<FastifyRateLimitStore['incr']>[1], timeWindow: number, max: number) {
      void answer(counters.peek(key, windowOf(timeWindow, max), clock.now()), callback);
    }
    // One table for every route: keys carry their use (`login.address:`), so routes cannot collide.
    child() {
      return this;
    }
  }
  return DatabaseStore;
}

const windowOf = (windowMs: number, limit: number): RateWindow => ({ windowMs, limit });

/** Registers the plugin over the database store, applying to no route unless one asks. */
export async function registerRateLimit(app: FastifyInstance, db: Kysely<DB>, clock: Clock) {
  await app.register(fastifyRateLimit, { global: false, store: databaseStore(db, clock) });
}

/** Where a request stands against one limit, in rate-limit.ts's terms. */
export interface LimitState {
  remaining: number;
  exceeded: boolean;
  retryAfterSeconds: number;
}

/**
 * A limit counted by the plugin for a key taken from the request, which the caller consults
 * (`peek`) and charges (`hit`) itself: the login counts failures only, which no route hook can
 * know before the password is checked.
 */
export function requestLimit(app: FastifyInstance, window: RateWindow, key: (request: FastifyRequest) => string) {
  const limiter = app.createRateLimit({ max: window.limit, timeWindow: window.windowMs, keyGenerator: key });
  const state = async (request: FastifyRequest, increment: boolean): Promise<LimitState> => {
    const result = await limiter(request, { increment });
    if (result.isAllowed) return { remaining: window.limit, exceeded: false, retryAfterSeconds: 0 };
    return {
      remaining: result.remaining,
      exceeded: result.isExceeded,
      retryAfterSeconds: result.ttl > 0 ? Math.max(1, result.ttlInSeconds) : 0,
    };
  };
  return {
    peek: (request: FastifyRequest) => state(request, false),
    hit: (request: FastifyRequest) => state(request, true),
  };
}

export type RequestLimit = ReturnType<typeof requestLimit>;
