import { describe, expect, it, vi } from 'vitest';
import { leadingZeroBits, puzzleInput } from '../../common/proof-of-work';
import { sha256 } from './sha256';
import { solveChallenge } from './proof-of-work';

// Vite resolves @common (vite.config.ts); the unit-test runner has no such alias.
vi.mock('@common/proof-of-work', () => import('../../common/proof-of-work'));

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const webSha = async (bytes: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));

describe('sha256 (for browsers without Web Crypto)', () => {
  it('matches Web Crypto at every padding boundary', async () => {
    for (const length of [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(hex(sha256(bytes)), `length ${length}`).toBe(hex(await webSha(bytes)));
    }
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('solveChallenge', () => {
  const bits = async (token: string, nonce: string) => leadingZeroBits(await webSha(new TextEncoder().encode(puzzleInput(token, nonce))));

  it('finds a nonce the server accepts, with Web Crypto', async () => {
    const nonce = await solveChallenge({ token: 'abc.def', difficulty: 12 });
    expect(nonce).toMatch(/^[0-9a-z]+$/);
    expect(await bits('abc.def', nonce)).toBeGreaterThanOrEqual(12);
  });

  it('finds the same nonce without Web Crypto (plain-http intranet)', async () => {
    const withSubtle = await solveChallenge({ token: 'xyz.123', difficulty: 10 });
    vi.stubGlobal('crypto', undefined);
    try {
      expect(await solveChallenge({ token: 'xyz.123', difficulty: 10 })).toBe(withSubtle);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(solveChallenge({ token: 't', difficulty: 30 }, controller.signal)).rejects.toThrow(/aborted/);
  });
});
