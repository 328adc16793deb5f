import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A device's credentials (decision 027): an MQTT user name and a secret, issued once and shown
 * once. The secret is 32 random bytes, so its SHA-256 cannot be reversed by guessing and is
 * cheap enough to check on every HTTP ingest request; a slow password hash would be needed only
 * for secrets people choose. The HTTP token is the same pair in one string.
 */
export interface IssuedCredentials {
  username: string;
  password: string;
  /** `Authorization: Bearer <httpToken>` for HTTP ingest. */
  httpToken: string;
}

export const secretSha256 = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

export function issueCredentials(serial: string): IssuedCredentials & { secretSha256: string } {
  // The user name is the serial with a random tail, so a re-issue after a leak is a new name too.
  const username = `${serial}.${randomBytes(4).toString('hex')}`;
  const password = randomBytes(32).toString('base64url');
  return { username, password, httpToken: `${username}:${password}`, secretSha256: secretSha256(password) };
}

/**
 * DEMO ONLY: the demo county's devices get credentials derived from the demo password, so the
 * simulator (`civicgrid simulate`) can sign in as them without anyone copying a thousand secrets.
 * The demo's accounts share that password already; a production install has no demo devices.
 */
export function demoCredentials(demoPassword: string, serial: string): IssuedCredentials & { secretSha256: string } {
  const username = `${serial}.demo`;
  const password = createHmac('sha256', demoPassword).update(`civicgrid-demo-device:${serial}`).digest('base64url');
  return { username, password, httpToken: `${username}:${password}`, secretSha256: secretSha256(password) };
}

/** Whether `password` is the secret whose hash is stored; compares in constant time. */
export function secretMatches(password: string, storedSha256: string): boolean {
  const given = Buffer.from(secretSha256(password), 'hex');
  const stored = Buffer.from(storedSha256, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The user name and secret in an HTTP token, or null when it is not one. */
export function parseHttpToken(token: string): { username: string; password: string } | null {
  const at = token.lastIndexOf(':');
  if (at <= 0 || at === token.length - 1) return null;
  return { username: token.slice(0, at), password: token.slice(at + 1) };
}
