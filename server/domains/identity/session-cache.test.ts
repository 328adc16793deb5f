import { describe, expect, it } from 'vitest';
import { SESSION_CACHE_MS, SessionCache } from './session-cache.js';

const HOUR = 3_600_000;

function cacheOver(rows: Record<string, { expires_at: Date; name: string }>) {
  let now = 1_000_000;
  const reads: string[] = [];
  const cache = new SessionCache(
    async (hash: string) => {
      reads.push(hash);
      return rows[hash];
    },
    () => now,
  );
  return { cache, reads, tick: (ms: number) => (now += ms), at: () => now };
}

describe('SessionCache', () => {
  it('reads a session once, then answers from memory until it is cleared', async () => {
    const { cache, reads } = cacheOver({ a: { expires_at: new Date(1_000_000 + HOUR), name: '甲' } });
    expect((await cache.session('a'))?.name).toBe('甲');
    expect((await cache.session('a'))?.name).toBe('甲');
    expect(reads).toEqual(['a']);
    cache.clear();
    await cache.session('a');
    expect(reads).toEqual(['a', 'a']);
  });

  it('never keeps an unknown token, and asks again after its own time or the session’s expiry', async () => {
    const rows = {
      soon: { expires_at: new Date(1_000_000 + 5_000), name: '乙' },
      long: { expires_at: new Date(1_000_000 + HOUR), name: '丙' },
    };
    const { cache, reads, tick } = cacheOver(rows);
    expect(await cache.session('nobody')).toBeUndefined();
    expect(await cache.session('nobody')).toBeUndefined();
    await cache.session('soon');
    await cache.session('long');
    tick(5_001);
    await cache.session('soon'); // expired: asked again (the database then says it is gone)
    await cache.session('long');
    tick(SESSION_CACHE_MS);
    await cache.session('long');
    expect(reads).toEqual(['nobody', 'nobody', 'soon', 'long', 'soon', 'long']);
  });

  it('keeps nothing read while a change was announced: the read may predate it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reads: string[] = [];
    const cache = new SessionCache(async (hash: string) => {
      reads.push(hash);
      if (reads.length === 1) await gate;
      return { expires_at: new Date(Date.now() + HOUR) };
    });
    const first = cache.session('a');
    cache.clear(); // e.g. the account was disabled while its session was being read
    release();
    await first;
    await cache.session('a');
    expect(reads).toEqual(['a', 'a']);
  });

  it('tells what holds sessions open past a request (the live event streams) each time it is emptied', () => {
    const { cache } = cacheOver({});
    let told = 0;
    const stop = cache.onClear(() => (told += 1));
    cache.clear();
    cache.clear();
    stop();
    cache.clear();
    expect(told).toBe(2);
  });
});
