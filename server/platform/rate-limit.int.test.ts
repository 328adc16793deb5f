import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test/use-test-database.js';
import { addressBucket, rateLimits } from './rate-limit.js';

const NOW = new Date('2026-03-02T08:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const minute = { windowMs: 60_000, limit: 3 };

describe('rate-limit: a windowed counter in the database', () => {
  const t = useTestDatabase();

  it('counts hits in a window, says when the limit is passed, and starts over when the window ends', async () => {
    const limits = rateLimits(t.db);
    const counts = [];
    for (let i = 0; i < 4; i++) counts.push(await limits.hit('test.window:a', minute, at(i * 1000)));
    expect(counts.map((c) => [c.count, c.remaining, c.exceeded])).toEqual([
      [1, 2, false],
      [2, 1, false],
      [3, 0, false],
      [4, 0, true],
    ]);
    expect(counts[3].resetAt).toEqual(at(60_000));
    expect(counts[3].retryAfterSeconds).toBe(57);
    expect(await limits.peek('test.window:a', minute, at(59_999))).toMatchObject({ count: 4, remaining: 0, retryAfterSeconds: 1 });
    expect(await limits.peek('test.window:a', minute, at(60_000))).toMatchObject({
      count: 0,
      remaining: 3,
      exceeded: false,
      resetAt: null,
      retryAfterSeconds: 0,
    });
    expect(await limits.hit('test.window:a', minute, at(61_000))).toMatchObject({ count: 1, resetAt: at(121_000) });
  });

  it('peeks without counting, and keys do not share counts', async () => {
    const limits = rateLimits(t.db);
    await limits.hit('test.peek:a', minute, NOW);
    expect((await limits.peek('test.peek:a', minute, NOW)).count).toBe(1);
    expect((await limits.peek('test.peek:a', minute, NOW)).count).toBe(1);
    expect((await limits.peek('test.peek:b', minute, NOW)).count).toBe(0);
  });

  it('gives simultaneous hits consecutive counts (one atomic upsert each)', async () => {
    const limits = rateLimits(t.db);
    const counts = await Promise.all([...Array(12).keys()].map(() => limits.hit('test.race:a', { windowMs: 60_000, limit: 5 }, NOW)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(counts.filter((c) => !c.exceeded)).toHaveLength(5);
  });

  it('clears one key, or every key of a prefix (LIKE characters in the prefix are literal)', async () => {
    const limits = rateLimits(t.db);
    for (const key of ['test.clear:a_b|1', 'test.clear:a_b|2', 'test.clear:aXb|1', 'test.clear:a%|1', 'test.clear:z'])
      await limits.hit(key, minute, NOW);
    expect(await limits.clearPrefix('test.clear:a_b|')).toBe(2);
    expect((await limits.peek('test.clear:aXb|1', minute, NOW)).count).toBe(1);
    expect(await limits.clearPrefix('test.clear:a%')).toBe(1);
    await limits.clear('test.clear:z');
    expect((await limits.peek('test.clear:z', minute, NOW)).count).toBe(0);
  });

  it('sweeps ended windows away', async () => {
    const limits = rateLimits(t.db);
    await limits.hit('test.sweep:old', minute, at(-120_000));
    await limits.hit('test.sweep:live', minute, NOW);
    await limits.sweepExpired(NOW);
    const keys = (await t.db.selectFrom('rate_limit_counters').select('key').where('key', 'like', 'test.sweep:%').execute()).map(
      (r) => r.key,
    );
    expect(keys).toEqual(['test.sweep:live']);
  });
});

describe('addressBucket', () => {
  it('counts IPv4 by address and IPv6 by its /64', () => {
    expect(addressBucket('10.1.2.3')).toBe('10.1.2.3');
    expect(addressBucket('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressBucket('2408:8207:1850:a0e0:1c2d:3e4f:5a6b:7c8d')).toBe('2408:8207:1850:a0e0::/64');
    expect(addressBucket('2408:8207:1850:a0e0::1')).toBe('2408:8207:1850:a0e0::/64');
    expect(addressBucket('2408:8207::1')).toBe('2408:8207:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
  });
});
