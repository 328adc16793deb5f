import { leadingZeroBits, puzzleInput } from '@common/proof-of-work';
import type { LoginChallenge } from '@common/contracts/identity';
import { sha256 } from './sha256';

/**
 * Solves a sign-in challenge in the browser (the puzzle: common/proof-of-work.ts). Web Crypto
 * hashes off the main thread; a batch of digests in flight at once keeps it busy, and awaiting
 * each batch leaves the page responsive (the spinner turns, a screen reader is not blocked).
 * Expected work is 2^difficulty hashes: ~16 000 at the first challenge, a few hundred ms.
 */
const BATCH = 128;
const encoder = new TextEncoder();

export async function solveChallenge(challenge: Pick<LoginChallenge, 'token' | 'difficulty'>, signal?: AbortSignal): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  const digest = subtle
    ? async (text: string) => new Uint8Array(await subtle.digest('SHA-256', encoder.encode(text)))
    : async (text: string) => sha256(encoder.encode(text));
  for (let start = 0; ; start += BATCH) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const nonces = Array.from({ length: BATCH }, (_, i) => (start + i).toString(36));
    const hashes = await Promise.all(nonces.map((nonce) => digest(puzzleInput(challenge.token, nonce))));
    const found = hashes.findIndex((hash) => leadingZeroBits(hash) >= challenge.difficulty);
    if (found >= 0) return nonces[found];
    // Without Web Crypto every hash runs here: yield now and then so the page can paint.
    if (!subtle && start % (BATCH * 32) === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
