import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, puzzleInput } from '../../../common/proof-of-work.js';
import { checkSolution, issueChallenge, solves } from './login-challenge.js';
import { readToken, signToken } from './signed-token.js';
import { issueDeviceToken, trustedDeviceId } from './trusted-device.js';

const key = randomBytes(32);
const NOW = new Date('2026-03-02T08:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

/** What the browser does (web/lib/proof-of-work.ts), synchronously. */
function solve(token: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (leadingZeroBits(createHash('sha256').update(puzzleInput(token, nonce)).digest()) >= difficulty) return nonce;
  }
}

describe('proof-of-work challenge', () => {
  const challenge = issueChallenge(key, 'county.admin', 10, NOW);
  const nonce = solve(challenge.token, 10);

  it('accepts a solved challenge of the same name before it expires', () => {
    const verdict = checkSolution(key, 'county.admin', 10, { token: challenge.token, nonce }, later(60_000));
    expect(verdict).toMatchObject({ ok: true, expiresAt: new Date(challenge.expiresAt) });
  });

  it('refuses a missing one, a wrong nonce, another name, an easier one and an expired one', () => {
    const check = (solution: { token: string; nonce: string } | undefined, username = 'county.admin', difficulty = 10, at = NOW) =>
      checkSolution(key, username, difficulty, solution, at);
    expect(check(undefined)).toEqual({ ok: false, reason: 'missing' });
    const wrong = [...Array(50).keys()].map((n) => `w${n}`).find((n) => !solves(challenge.token, n, 10))!;
    expect(check({ token: challenge.token, nonce: wrong })).toEqual({ ok: false, reason: 'wrong_nonce' });
    expect(check({ token: challenge.token, nonce: 'NOT-base36!' })).toEqual({ ok: false, reason: 'wrong_nonce' });
    expect(check({ token: challenge.token, nonce }, 'jinyuan.staff')).toEqual({ ok: false, reason: 'other_username' });
    expect(check({ token: challenge.token, nonce }, 'county.admin', 11)).toEqual({ ok: false, reason: 'too_easy' });
    expect(check({ token: challenge.token, nonce }, 'county.admin', 10, later(5 * 60_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a forged or altered token, and one signed with another key or for another purpose', () => {
    const [body, signature] = challenge.token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    const easier = Buffer.from(JSON.stringify({ ...payload, d: 1 })).toString('base64url');
    const forged = [
      `${easier}.${signature}`,
      signToken(randomBytes(32), 'login-challenge', payload),
      signToken(key, 'trusted-device', payload),
      `${body}.${signature}.x`,
      'garbage',
    ];
    for (const token of forged) {
      expect(checkSolution(key, 'county.admin', 1, { token, nonce: solve(token, 1) }, NOW), token).toEqual({ ok: false, reason: 'forged' });
    }
  });

  it('gives every challenge its own id, so that spending one spends no other', () => {
    const ids = [1, 2, 3].map(() => readToken(key, 'login-challenge', issueChallenge(key, 'a', 10, NOW).token)!.id);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('trusted-device token', () => {
  it('names one username and one browser, for half a year', () => {
    const token = issueDeviceToken(key, 'county.admin', NOW);
    const id = trustedDeviceId(key, token, 'county.admin', later(1000));
    expect(id).toMatch(/^[\w-]{16}$/);
    expect(trustedDeviceId(key, token, 'jinyuan.staff', NOW)).toBeNull();
    expect(trustedDeviceId(randomBytes(32), token, 'county.admin', NOW)).toBeNull();
    expect(trustedDeviceId(key, token, 'county.admin', later(181 * 86_400_000))).toBeNull();
    expect(trustedDeviceId(key, undefined, 'county.admin', NOW)).toBeNull();
  });
});
