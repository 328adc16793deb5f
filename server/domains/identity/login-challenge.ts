import { createHash, randomBytes } from 'node:crypto';
import { leadingZeroBits, NONCE_PATTERN, puzzleInput } from '../../../common/proof-of-work.js';
import type { ChallengeSolution, LoginChallenge } from '../../../common/contracts/identity.js';
import { LOGIN_POLICY } from './login-policy.js';
import { readToken, signToken } from './signed-token.js';

/**
 * The proof-of-work challenge a username needs after repeated failures (login-policy.ts): a
 * signed, expiring token bound to the username and a difficulty. The client finds a nonce
 * (common/proof-of-work.ts) and sends both with the password. Pure: single use is enforced by
 * the caller, which spends the challenge id once (login-throttle.ts).
 */
const PURPOSE = 'login-challenge';

export type ChallengeVerdict =
  | { ok: true; id: string; expiresAt: Date }
  | { ok: false; reason: 'missing' | 'forged' | 'expired' | 'other_username' | 'too_easy' | 'wrong_nonce' };

export function issueChallenge(key: Buffer, username: string, difficulty: number, now: Date): LoginChallenge {
  const expiresAt = new Date(now.getTime() + LOGIN_POLICY.challengeTtlMs);
  const token = signToken(key, PURPOSE, {
    id: randomBytes(12).toString('base64url'),
    u: username,
    d: difficulty,
    exp: expiresAt.getTime(),
  });
  return { token, difficulty, expiresAt: expiresAt.toISOString() };
}

/**
 * Whether `solution` answers a challenge this installation issued for `username`, still valid
 * at `now`, at least as hard as `difficulty` (failures may have grown since it was issued).
 */
export function checkSolution(
  key: Buffer,
  username: string,
  difficulty: number,
  solution: ChallengeSolution | undefined,
  now: Date,
): ChallengeVerdict {
  if (!solution) return { ok: false, reason: 'missing' };
  const payload = readToken(key, PURPOSE, solution.token);
  if (!payload || typeof payload.id !== 'string' || typeof payload.d !== 'number' || typeof payload.exp !== 'number') {
    return { ok: false, reason: 'forged' };
  }
  if (payload.exp <= now.getTime()) return { ok: false, reason: 'expired' };
  if (payload.u !== username) return { ok: false, reason: 'other_username' };
  if (payload.d < difficulty) return { ok: false, reason: 'too_easy' };
  if (!NONCE_PATTERN.test(solution.nonce) || !solves(solution.token, solution.nonce, payload.d)) {
    return { ok: false, reason: 'wrong_nonce' };
  }
  return { ok: true, id: payload.id, expiresAt: new Date(payload.exp) };
}

export function solves(token: string, nonce: string, difficulty: number): boolean {
  const hash = createHash('sha256').update(puzzleInput(token, nonce)).digest();
  return leadingZeroBits(hash) >= difficulty;
}
