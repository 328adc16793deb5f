/**
 * Idempotency keys for requests a client may send again (a 12345 order form submitted twice, a
 * patrol report retried from the offline outbox): the server answers a repeated key with the
 * case the first request made.
 */
/**
 * A v4 UUID. crypto.randomUUID exists only in secure contexts (https, localhost); a county
 * intranet served over plain http still has crypto.getRandomValues, so the key is built from
 * that when it must be. The server takes 8–80 characters of [A-Za-z0-9_-].
 */
export function newIdempotencyKey(c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,80}$/; // cases.routes.ts idempotencyKey
