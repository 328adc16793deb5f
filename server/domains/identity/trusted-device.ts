import { randomBytes } from 'node:crypto';
import { readToken, signToken } from './signed-token.js';

/**
 * The trusted-device cookie (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"):
 * after a successful sign-in the browser keeps a signed token naming the username. A later try
 * for that username from that browser is counted on its own, not with everyone else's, so a
 * guesser elsewhere who keeps the username's shared count at its longest wait never stands
 * between the owner and their own browser. The token proves only "this browser once knew the
 * password"; it never skips the password.
 */
export const DEVICE_COOKIE = 'cg_device';
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 86_400;
const PURPOSE = 'trusted-device';

export function issueDeviceToken(key: Buffer, username: string, now: Date): string {
  return signToken(key, PURPOSE, { id: randomBytes(12).toString('base64url'), u: username, iat: now.getTime() });
}

/** The device id if `token` is this installation's device token for `username`, else null. */
export function trustedDeviceId(key: Buffer, token: string | undefined, username: string, now: Date): string | null {
  const payload = readToken(key, PURPOSE, token);
  if (!payload || payload.u !== username || typeof payload.id !== 'string' || typeof payload.iat !== 'number') return null;
  return now.getTime() - payload.iat < DEVICE_COOKIE_MAX_AGE_S * 1000 ? payload.id : null;
}
