import { AppError } from '../../platform/errors.js';
import { addressBucket, type RateLimits } from '../../platform/rate-limit.js';
import type { LimitState } from '../../platform/rate-limit-store.js';
import type { ChallengeSolution, LoginChallenge } from '../../../common/contracts/identity.js';
import { checkSolution, issueChallenge } from './login-challenge.js';
import { LOGIN_POLICY, challengeDifficulty, currentFailures, nextTryAdvice, waitBeforeNextTry } from './login-policy.js';
import type { FailureBucket, LoginFailuresRepository } from './login-failures.repository.js';

/**
 * Applies login-policy.ts to one sign-in try, with its state in the database so every server
 * process counts the same failures. Order of checks, each answered before the password is
 * looked at: the address's limit, the (address, username) limit, the username's wait, the
 * challenge; then the try takes its turn. Refusals before the password never count as
 * failures: otherwise anyone could keep a username waiting forever by knocking on it.
 */
export interface ThrottleDeps {
  failures: LoginFailuresRepository;
  /** Spent challenges and the pair counts an unlock or a success clears (platform/rate-limit.ts). */
  limits: Pick<RateLimits, 'hit' | 'clear'>;
}

/**
 * The two address limits of one try, counted by @fastify/rate-limit in the shared store
 * (login-limits.ts): looked at before the password is checked, charged only when it was wrong.
 */
export interface AddressLimits {
  address: { peek(): Promise<LimitState>; hit(): Promise<LimitState> };
  pair: { peek(): Promise<LimitState>; hit(): Promise<LimitState> };
}

/** One try's throttle: where its state is kept, and the try's moment, address and signing key. */
export interface ThrottleContext extends ThrottleDeps {
  now: Date;
  ip: string;
  /** The installation's signing key (identity.repository.ts signingKey). */
  key: Buffer;
  addressLimits: AddressLimits;
}

export interface TryRequest {
  /** throttleKey() of the typed username. */
  username: string;
  /** The trusted device this browser is for that username, or null. */
  deviceId: string | null;
  challenge?: ChallengeSolution;
}

export interface AdmittedTry {
  bucket: FailureBucket;
  trustedDevice: boolean;
  /** Failures of the bucket if this try fails. */
  failuresIfWrong: number;
}

// Messages are the same for every username, known or not: nothing here may tell them apart.
export const throttled = (advice: { retryAfterSeconds: number; challengeRequired: boolean }) =>
  new AppError(429, 'LOGIN_THROTTLED', '登录尝试过于频繁，请稍候再试', advice);
export const addressLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'RATE_LIMITED', '此网络登录失败次数过多，请稍后再试', { retryAfterSeconds });
export const challengeRequired = () =>
  new AppError(401, 'LOGIN_CHALLENGE_REQUIRED', '请先完成安全验证再登录', { retryAfterSeconds: 0, challengeRequired: true });
export const invalidCredentials = (failures: number) => new AppError(401, 'AUTH_INVALID', '用户名或密码错误', nextTryAdvice(failures));

export const addressKey = (ip: string) => `login.address:${addressBucket(ip)}`;
// The username is URI-encoded so that '|' ends it: clearing one name's pairs never reaches another's.
const pairPrefix = (username: string) => `login.pair:${encodeURIComponent(username)}|`;
export const pairKey = (username: string, ip: string) => `${pairPrefix(username)}${addressBucket(ip)}`;
const challengeKey = (id: string) => `login.challenge:${id}`;

export async function admitTry(ctx: ThrottleContext, request: TryRequest): Promise<AdmittedTry> {
  const { limits, now } = ctx;
  const trustedDevice = request.deviceId !== null;
  // A trusted browser skips the address limits: whoever fills them (a guesser in the same
  // office) must not keep the owner out of the browser they always use.
  if (!trustedDevice) {
    const address = await ctx.addressLimits.address.peek();
    if (address.remaining === 0) throw addressLimited(address.retryAfterSeconds);
    const pair = await ctx.addressLimits.pair.peek();
    if (pair.remaining === 0) {
      throw throttled({ retryAfterSeconds: pair.retryAfterSeconds, challengeRequired: false });
    }
  }
  const bucket = { username: request.username, deviceId: request.deviceId ?? '' };
  const seen = await ctx.failures.find(bucket);
  const failures = currentFailures(seen, now);
  const wait = waitBeforeNextTry(seen, now);
  if (wait > 0) throw throttled(nextTryAdvice(failures, wait));

  const difficulty = challengeDifficulty(failures);
  if (difficulty !== null) {
    const verdict = checkSolution(ctx.key, request.username, difficulty, request.challenge, now);
    if (!verdict.ok) throw challengeRequired();
    // Single use: the first try with a challenge spends it for as long as it could be valid.
    const spent = await limits.hit(
      challengeKey(verdict.id),
      { windowMs: verdict.expiresAt.getTime() - now.getTime() + 1000, limit: 1 },
      now,
    );
    if (spent.exceeded) throw challengeRequired();
  }

  if (!(await ctx.failures.claimTry(bucket, seen, failures + 1, now))) {
    // Another try for this name took the turn a moment ago: wait as if it had failed.
    throw throttled(nextTryAdvice(failures + 1));
  }
  return { bucket, trustedDevice, failuresIfWrong: failures + 1 };
}

/** A wrong password (or no such user): the address limits count it; the bucket already has. */
export async function recordFailure(ctx: ThrottleContext, admitted: AdmittedTry): Promise<void> {
  if (!admitted.trustedDevice) {
    await ctx.addressLimits.address.hit();
    await ctx.addressLimits.pair.hit();
  }
  // Housekeeping by chance, as rate-limit.ts does: no timer needed across processes.
  if (Math.random() < 0.01) {
    await ctx.failures.sweepForgotten(new Date(ctx.now.getTime() - LOGIN_POLICY.failureMemoryMs));
  }
}

/**
 * The right password: the bucket it came through forgets its failures, and so does this
 * address's pair count. A success in a trusted browser leaves the shared bucket as it is: if
 * someone elsewhere is guessing, they keep waiting, and the administrator still sees it.
 */
export async function recordSuccess(ctx: ThrottleContext, admitted: AdmittedTry): Promise<void> {
  await ctx.failures.clearBucket(admitted.bucket);
  if (!admitted.trustedDevice) await ctx.limits.clear(pairKey(admitted.bucket.username, ctx.ip));
}

/** A challenge for the next try of a username, as hard as its failures ask (the base if none). */
export async function challengeFor(ctx: ThrottleContext, username: string, deviceId: string | null): Promise<LoginChallenge> {
  const seen = await ctx.failures.find({ username, deviceId: deviceId ?? '' });
  const difficulty = challengeDifficulty(currentFailures(seen, ctx.now)) ?? LOGIN_POLICY.baseDifficulty;
  return issueChallenge(ctx.key, username, difficulty, ctx.now);
}

/** What an unlock needs: to drop a username's failures and its per-address counts. */
export interface ForgetDeps {
  failures: Pick<LoginFailuresRepository, 'clearUsername'>;
  limits: Pick<RateLimits, 'clearPrefix'>;
}

/** An administrator's unlock: every failure of the username and its per-address counts. */
export async function forgetFailures(deps: ForgetDeps, username: string): Promise<{ failures: number; addresses: number }> {
  const failures = await deps.failures.clearUsername(username);
  const addresses = await deps.limits.clearPrefix(pairPrefix(username));
  return { failures, addresses };
}

/** Failure figures for the administrators' account list. */
export function failureSummary(state: { failures: number; lastFailedAt: Date } | undefined, now: Date) {
  const failures = currentFailures(state, now);
  return {
    failures,
    lastFailedAt: failures > 0 ? state!.lastFailedAt : null,
    challengeRequired: challengeDifficulty(failures) !== null,
    retryAfterSeconds: Math.ceil(waitBeforeNextTry(state, now) / 1000),
  };
}
