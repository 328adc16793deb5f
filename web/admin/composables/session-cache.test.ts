import { describe, expect, it } from 'vitest';
import { sessionCache } from './session-cache';

/** Reference data for the pickers: one request however many ask, and another after a failure. */
describe('sessionCache', () => {
  it('asks once for all callers, and again only after a failed request', async () => {
    let asked = 0;
    let fail = true;
    const cache = sessionCache(async () => {
      asked += 1;
      if (fail) throw new Error('offline');
      return ['街道'];
    });

    const shared = cache.use();
    await expect(cache.load()).rejects.toThrow('offline');
    expect([asked, shared.value]).toEqual([1, null]);

    fail = false;
    await Promise.all([cache.load(), cache.load()]);
    expect(cache.use()).toBe(shared);
    expect([asked, shared.value]).toEqual([2, ['街道']]);
  });
});
