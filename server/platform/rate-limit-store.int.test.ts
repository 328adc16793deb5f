import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test/use-test-database.js';
import { manualClock } from './clock.js';
import { registerRateLimit, requestLimit } from './rate-limit-store.js';

/** @fastify/rate-limit over the database store: what one process counts, every other sees. */
describe('rate-limit store: @fastify/rate-limit counted in the database', () => {
  const t = useTestDatabase();
  const clock = manualClock('2026-03-02T08:00:00Z');

  /** A server process of its own over the shared database, with one limited route. */
  async function serverProcess(name: string) {
    const app = Fastify({ logger: false });
    await registerRateLimit(app, t.db, clock);
    app.get('/limited', { config: { rateLimit: { max: 2, timeWindow: 60_000, keyGenerator: () => 'test.route:one' } } }, async () => ({
      name,
    }));
    await app.ready();
    return app;
  }

  it('counts the requests of two processes together, answers 429 with Retry-After, and starts over after the window', async () => {
    const [a, b] = [await serverProcess('a'), await serverProcess('b')];
    expect((await a.inject({ url: '/limited' })).statusCode).toBe(200);
    expect((await b.inject({ url: '/limited' })).statusCode).toBe(200);
    const refused = await a.inject({ url: '/limited' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    clock.advance(60_000);
    expect((await b.inject({ url: '/limited' })).statusCode).toBe(200);
    await Promise.all([a.close(), b.close()]);
  });

  it('peeks without counting and hits when told, for limits the caller charges itself', async () => {
    const app = await serverProcess('c');
    const limit = requestLimit(app, { windowMs: 15 * 60_000, limit: 1 }, () => 'test.peek:one');
    // All the plugin reads of a request whose key the caller gives: its route's config.
    const request = { routeOptions: { config: {} } } as unknown as Parameters<typeof limit.peek>[0];
    expect(await limit.peek(request)).toEqual({ remaining: 1, exceeded: false, retryAfterSeconds: 0 });
    expect(await limit.hit(request)).toEqual({ remaining: 0, exceeded: false, retryAfterSeconds: 900 });
    expect(await limit.peek(request)).toEqual({ remaining: 0, exceeded: false, retryAfterSeconds: 900 });
    expect((await limit.hit(request)).exceeded).toBe(true);
    await app.close();
  });
});
