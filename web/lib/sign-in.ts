import { api, ApiError } from './api';
import { login, me } from './session';
import { solveChallenge } from './proof-of-work';
import type { ChallengeSolution, LoginChallenge, LoginRefusalDetails, Me } from '@common/contracts/identity';

/**
 * Signing in as both clients do it. After repeated failures the server asks for a solved
 * proof-of-work challenge (docs/decisions/008-login-throttling.md): this fetches one, solves
 * it in the browser and sends it with the password, so the person only sees a short
 * "正在进行安全验证". Waits (429) are the page's to show: see use-sign-in.ts.
 */
export interface SignInHooks {
  /** Called when the browser starts solving a challenge (a second or so). */
  onSolving?: () => void;
  signal?: AbortSignal;
}

// Names the server said need a challenge on the next try: solve before sending, saving a refusal.
const challengeExpected = new Set<string>();
const keyOf = (username: string) => username.normalize('NFKC').trim().toLowerCase();

export async function signIn(username: string, password: string, hooks: SignInHooks = {}): Promise<Me> {
  let challenge = challengeExpected.has(keyOf(username)) ? await solved(username, hooks) : undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      const user = await login(username, password, challenge);
      challengeExpected.delete(keyOf(username));
      return user;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const details = refusalDetails(err);
      if (details?.challengeRequired) challengeExpected.add(keyOf(username));
      if (err.code === 'LOGIN_CHALLENGE_REQUIRED' && attempt === 0) {
        challenge = await solved(username, hooks);
        continue;
      }
      throw err;
    }
  }
}

async function solved(username: string, hooks: SignInHooks): Promise<ChallengeSolution> {
  hooks.onSolving?.();
  const challenge = await api.post<LoginChallenge>('/auth/login-challenge', { username }, { redirectOn401: false, signal: hooks.signal });
  return { token: challenge.token, nonce: await solveChallenge(challenge, hooks.signal) };
}

/** The wait and challenge advice of a sign-in refusal, when it carries one. */
export function refusalDetails(err: ApiError): LoginRefusalDetails | null {
  const seconds = Number(err.details?.retryAfterSeconds);
  if (!Number.isFinite(seconds)) return null;
  return { retryAfterSeconds: Math.max(0, Math.ceil(seconds)), challengeRequired: err.details?.challengeRequired === true };
}

/** 修改密码; the answer is the signed-in user without the must-change flag. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<Me> {
  const user = await api.post<Me>('/auth/password', { currentPassword, newPassword });
  me.value = user;
  return user;
}
