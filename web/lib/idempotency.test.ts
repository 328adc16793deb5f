import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_PATTERN, newIdempotencyKey } from './idempotency';

describe('newIdempotencyKey', () => {
  it('makes keys the server accepts, different every time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(IDEMPOTENCY_KEY_PATTERN);
  });

  it('builds a v4 UUID from getRandomValues where randomUUID is missing (plain-http intranet)', () => {
    const key = newIdempotencyKey({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => { new Uint8Array(a!.buffer).fill(0xab); return a; } });
    expect(key).toBe('abababab-abab-4bab-abab-abababababab');
    expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
  });
});
