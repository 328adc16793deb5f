import type { Kysely } from 'kysely';
import type { FormChallenge } from '../../../common/contracts/disclosure.js';
import type { DB } from '../../platform/db/schema.js';
import { rateLimits } from '../../platform/rate-limit.js';
import { checkSolution, identityRepository, issueChallenge } from '../identity/index.js';
import { FORM_CHALLENGE_DIFFICULTY, FORM_CHALLENGE_SUBJECT } from './public-form.js';

/**
 * The application form's puzzles: sign-in's signed, expiring challenge (identity's
 * login-challenge.ts) made out to the form, and each solution spent once, for as long as it
 * could be valid, in the shared rate-limit counters (so every process refuses a second use).
 */
export function formChallenges(db: Kysely<DB>, now: () => Date) {
  const key = () => identityRepository(db).signingKey();
  return {
    issue: async (): Promise<FormChallenge> => issueChallenge(await key(), FORM_CHALLENGE_SUBJECT, FORM_CHALLENGE_DIFFICULTY, now()),
    solved: async (solution: { token: string; nonce: string }): Promise<boolean> => {
      const at = now();
      const verdict = checkSolution(await key(), FORM_CHALLENGE_SUBJECT, FORM_CHALLENGE_DIFFICULTY, solution, at);
      if (!verdict.ok) return false;
      const window = { windowMs: verdict.expiresAt.getTime() - at.getTime() + 1000, limit: 1 };
      return !(await rateLimits(db).hit(`disclosure.challenge:${verdict.id}`, window, at)).exceeded;
    },
  };
}
