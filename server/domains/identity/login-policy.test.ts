import { describe, expect, it } from 'vitest';
import {
  LOGIN_POLICY,
  challengeDifficulty,
  currentFailures,
  delayAfter,
  nextTryAdvice,
  throttleKey,
  waitBeforeNextTry,
} from './login-policy.js';

const at = (iso: string) => new Date(iso);

describe('login policy: the delay schedule', () => {
  it('lets two slips pass, then doubles the wait from one second, capped at thirty', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 50, 5000].map(delayAfter)).toEqual([
      0, 0, 0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('asks for a challenge from five failures on, harder every five more, capped', () => {
    expect([0, 4, 5, 9, 10, 15, 20, 1000].map(challengeDifficulty)).toEqual([null, null, 14, 14, 15, 16, 16, 16]);
    expect(challengeDifficulty(1000)).toBe(LOGIN_POLICY.maxDifficulty);
  });

  it('never refuses for good: after any number of failures the wait is at most the cap', () => {
    for (const failures of [8, 50, 500]) {
      const state = { failures, lastFailedAt: at('2026-03-02T08:00:00Z') };
      expect(waitBeforeNextTry(state, at('2026-03-02T08:00:00Z'))).toBe(30_000);
      expect(waitBeforeNextTry(state, at('2026-03-02T08:00:30Z'))).toBe(0);
    }
  });

  it('counts the wait from the last failure', () => {
    const state = { failures: 4, lastFailedAt: at('2026-03-02T08:00:00Z') };
    expect(waitBeforeNextTry(state, at('2026-03-02T08:00:00.500Z'))).toBe(1500);
    expect(waitBeforeNextTry(undefined, at('2026-03-02T08:00:00Z'))).toBe(0);
  });

  it('forgets failures a day after the last one', () => {
    const state = { failures: 12, lastFailedAt: at('2026-03-02T08:00:00Z') };
    expect(currentFailures(state, at('2026-03-03T07:59:59Z'))).toBe(12);
    expect(currentFailures(state, at('2026-03-03T08:00:00Z'))).toBe(0);
    expect(waitBeforeNextTry(state, at('2026-03-03T08:00:00Z'))).toBe(0);
  });

  it('advises the client the same way for any name: seconds to wait and whether to solve a challenge', () => {
    expect(nextTryAdvice(1)).toEqual({ retryAfterSeconds: 0, challengeRequired: false });
    expect(nextTryAdvice(5)).toEqual({ retryAfterSeconds: 4, challengeRequired: true });
    expect(nextTryAdvice(6, 2500)).toEqual({ retryAfterSeconds: 3, challengeRequired: true });
  });
});

describe('login policy: the throttle key', () => {
  it('counts spelling variants of one name together', () => {
    expect(throttleKey('  County.Admin ')).toBe('county.admin');
    expect(throttleKey('ｃｏｕｎｔｙ.ａｄｍｉｎ')).toBe('county.admin'); // full-width, as an IME may type it
    expect(throttleKey('张三')).toBe('张三');
  });
});
