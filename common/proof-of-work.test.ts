import { describe, expect, it } from 'vitest';
import { leadingZeroBits, NONCE_PATTERN, puzzleInput } from './proof-of-work.js';

describe('proof-of-work puzzle', () => {
  it('counts leading zero bits across bytes', () => {
    expect(leadingZeroBits(Uint8Array.from([0x80, 0]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(Uint8Array.from([0x00, 0x00, 0x20]))).toBe(18);
    expect(leadingZeroBits(Uint8Array.from([0, 0]))).toBe(16);
  });

  it('joins token and nonce with a colon and takes short base-36 nonces only', () => {
    expect(puzzleInput('t.s', 'z9')).toBe('t.s:z9');
    expect(NONCE_PATTERN.test('0')).toBe(true);
    expect(NONCE_PATTERN.test('abc123xyz')).toBe(true);
    expect(NONCE_PATTERN.test('')).toBe(false);
    expect(NONCE_PATTERN.test('ABC')).toBe(false);
    expect(NONCE_PATTERN.test('a'.repeat(17))).toBe(false);
  });
});
