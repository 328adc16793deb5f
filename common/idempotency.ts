/**
 * Idempotency-Key, as clients that may send a request again use it (the H5 outbox retrying a
 * report, a 12345 order form submitted twice, an Open311 application): the server answers a
 * repeated key with the record the first request made (server/platform/idempotency.ts). The
 * clients make keys here and the server checks them here: one definition of a good key.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,80}$/;
export const IDEMPOTENCY_KEY_MESSAGE = 'Idempotency-Key 须为 8–80 位字母、数字、-、_';

/**
 * A new key: a v4 UUID. crypto.randomUUID exists only in secure contexts (https, localhost); a
 * county intranet served over plain http still has crypto.getRandomValues, so the key is built
 * from that when it must be.
 */
export function newIdempotencyKey(c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
