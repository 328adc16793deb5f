import { createCipheriv, createHash } from 'node:crypto';

/**
 * What files-crash.child.ts writes as its Nth file, reproducible by the test: 2–10 MB of an
 * AES-CTR keystream keyed by N (incompressible, and fast to make).
 */
export function crashContent(n: number): Buffer {
  const key = createHash('sha256').update(`civicgrid-crash-${n}`).digest();
  const size = (2 + ((n * 7) % 9)) * 1024 * 1024 + n;
  return createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

export function crashWrite(n: number) {
  const ways = ['put-stream', 'put', 'save'] as const;
  return { area: n % 2 === 0 ? 'imports' : 'case-photos', way: ways[n % 3] };
}
