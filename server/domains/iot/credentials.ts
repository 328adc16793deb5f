import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

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

/** What is stored of a secret: its SHA-256 (CivicGrid checks it) and its Mosquitto hash (an external Mosquitto checks it). */
export interface StoredSecret {
  secretSha256: string;
  mosquittoHash: string;
}

export const secretSha256 = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * A password in Mosquitto's password-file format, as `mosquitto_passwd` (2.x) writes it:
 * `$7$<iterations>$<base64 salt>$<base64 PBKDF2-SHA512>`, 12 bytes of salt, 101 iterations, 64
 * bytes of hash (mosquitto/apps/mosquitto_passwd, SALT_LEN and PW_DEFAULT_ITERATIONS). Kept
 * beside the SHA-256 because neither can be made from the other (docs/decisions/033).
 */
export function mosquittoHash(password: string, salt = randomBytes(12), iterations = 101): string {
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

const stored = (password: string): StoredSecret => ({ secretSha256: secretSha256(password), mosquittoHash: mosquittoHash(password) });

export function issueCredentials(serial: string): IssuedCredentials & StoredSecret {
  // The user name is the serial with a random tail, so a re-issue after a leak is a new name too.
  const username = `${serial}.${randomBytes(4).toString('hex')}`;
  const password = randomBytes(32).toString('base64url');
  return { username, password, httpToken: `${username}:${password}`, ...stored(password) };
}

/**
 * DEMO ONLY: the demo county's devices get credentials derived from the demo password, so the
 * simulator (`civicgrid simulate`) can sign in as them without anyone copying a thousand secrets.
 * The demo's accounts share that password already; a production install has no demo devices.
 */
export function demoCredentials(demoPassword: string, serial: string): IssuedCredentials & StoredSecret {
  const username = `${serial}.demo`;
  const password = createHmac('sha256', demoPassword).update(`civicgrid-demo-device:${serial}`).digest('base64url');
  return { username, password, httpToken: `${username}:${password}`, ...stored(password) };
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
