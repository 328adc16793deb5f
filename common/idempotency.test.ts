import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_PATTERN, newIdempotencyKey } from './idempotency.js';

/**
 * The clients make Idempotency-Keys with newIdempotencyKey and the server checks them against
 * IDEMPOTENCY_KEY_PATTERN (server/platform/idempotency.ts): one definition, tested here, so a key
 * a client makes is a key the server takes.
 */
describe('Idempotency-Key', () => {
  it('is made different every time and passes the check the server makes', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(IDEMPOTENCY_KEY_PATTERN);
  });

  it('is built as a v4 UUID from getRandomValues where randomUUID is missing (plain-http intranet)', () => {
    const key = newIdempotencyKey({
      getRandomValues: <T extends ArrayBufferView | null>(a: T) => {
        new Uint8Array(a!.buffer).fill(0xab);
        return a;
      },
    });
    expect(key).toBe('abababab-abab-4bab-abab-abababababab');
    expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
  });

  it('is refused when it is too short, too long or has other characters', () => {
    for (const bad of ['short', 'x'.repeat(81), 'has space here', 'key/with/slash', '中文的键值至少八个字'])
      expect(bad, bad).not.toMatch(IDEMPOTENCY_KEY_PATTERN);
    for (const good of ['abcdefgh', 'x'.repeat(80), 'bench-run_1-42']) expect(good).toMatch(IDEMPOTENCY_KEY_PATTERN);
  });
});
