/**
 * The sign-in puzzle, defined once for the server that checks it (server/domains/identity/
 * login-challenge.ts) and the browsers that solve it (web/lib/proof-of-work.ts): find a nonce
 * such that SHA-256(puzzleInput(token, nonce)) begins with `difficulty` zero bits. Expected
 * work is 2^difficulty hashes; checking costs one. It needs no picture and no reading, so it
 * is as usable with a screen reader as without (unlike an image CAPTCHA).
 */

/** Nonces are short base-36 strings; anything longer is refused unread. */
export const NONCE_PATTERN = /^[0-9a-z]{1,16}$/;

export const puzzleInput = (token: string, nonce: string) => `${token}:${nonce}`;

/** Number of leading zero bits of a hash. */
export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}
