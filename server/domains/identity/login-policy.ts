/**
 * How sign-in failures slow the next try: pure rules, no database (login-throttle.ts applies
 * them). Why these numbers: docs/decisions/008-login-throttling.md.
 *
 * No rule here ever refuses the right password for good. A username that keeps failing makes
 * the next try wait (capped at 30 s) and, from the sixth try, solve a small proof-of-work
 * puzzle; the owner waits as long as a guesser does and then signs in.
 */
export const LOGIN_POLICY = {
  /** Failures are forgotten a day after the last one (a success forgets them at once). */
  failureMemoryMs: 24 * 3600_000,
  /** Failures answered without any wait: two typing slips cost nothing. */
  freeFailures: 2,
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  /** From this many failures on, each try needs a solved challenge. */
  challengeAfter: 5,
  /** Leading zero bits asked of SHA-256 at challengeAfter: ~16 000 hashes, 0.2–0.5 s in a browser. */
  baseDifficulty: 14,
  /** One more bit (twice the work) for every this many further failures … */
  difficultyEvery: 5,
  /** … up to ~65 000 hashes: about a second on a desktop, two or three on an old phone. */
  maxDifficulty: 16,
  challengeTtlMs: 5 * 60_000,
  /** One address guessing one username: a hard stop for that pair only (an office keeps working). */
  pair: { windowMs: 15 * 60_000, limit: 20 },
  /**
   * One address, all usernames: high, because a whole office or school shares one NAT address
   * and its people mistype. Only failures count, never successful sign-ins.
   */
  address: { windowMs: 15 * 60_000, limit: 300 },
  /** Wrong current passwords on the change-password form, per signed-in user. */
  passwordChange: { windowMs: 15 * 60_000, limit: 5 },
} as const;

/**
 * The name failures are counted under: the same for 'County.Admin ', 'county.admin' and the
 * full-width 'ｃｏｕｎｔｙ.admin' a Chinese input method may type, so that spelling variants
 * share one count. Counted whether or not such an account exists.
 */
export function throttleKey(typedUsername: string): string {
  return typedUsername.normalize('NFKC').trim().toLowerCase();
}

/** How long the next try must wait after `failures` consecutive failures (ms). */
export function delayAfter(failures: number): number {
  if (failures <= LOGIN_POLICY.freeFailures) return 0;
  const doublings = failures - LOGIN_POLICY.freeFailures - 1;
  return Math.min(LOGIN_POLICY.firstDelayMs * 2 ** Math.min(doublings, 30), LOGIN_POLICY.maxDelayMs);
}

/** The puzzle difficulty (leading zero bits) the next try needs, or null when none is needed. */
export function challengeDifficulty(failures: number): number | null {
  if (failures < LOGIN_POLICY.challengeAfter) return null;
  const extra = Math.floor((failures - LOGIN_POLICY.challengeAfter) / LOGIN_POLICY.difficultyEvery);
  return Math.min(LOGIN_POLICY.baseDifficulty + extra, LOGIN_POLICY.maxDifficulty);
}

export interface FailureState {
  failures: number;
  lastFailedAt: Date;
}

/** Failures that still count at `now` (0 once they are forgotten). */
export function currentFailures(state: FailureState | undefined, now: Date): number {
  if (!state) return 0;
  return now.getTime() - state.lastFailedAt.getTime() >= LOGIN_POLICY.failureMemoryMs ? 0 : state.failures;
}

/** Milliseconds before the next try is looked at (0: now). */
export function waitBeforeNextTry(state: FailureState | undefined, now: Date): number {
  const failures = currentFailures(state, now);
  if (!state || failures === 0) return 0;
  return Math.max(0, state.lastFailedAt.getTime() + delayAfter(failures) - now.getTime());
}

/** What a client is told after a refusal, the same for every username (known or not). */
export function nextTryAdvice(failures: number, waitMs = delayAfter(failures)) {
  return {
    retryAfterSeconds: Math.ceil(waitMs / 1000),
    challengeRequired: challengeDifficulty(failures) !== null,
  };
}
