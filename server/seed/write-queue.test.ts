import { describe, expect, it } from 'vitest';
import { WriteQueue } from './write-queue.js';

/** A write that ends when the test says so. */
function pending() {
  let end!: (error?: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    end = (error) => (error ? reject(error) : resolve());
  });
  return { promise, end };
}

describe('WriteQueue', () => {
  it('lets a write start only while fewer than the limit are in flight', async () => {
    const queue = new WriteQueue(2);
    const [a, b] = [pending(), pending()];
    expect(await queue.ready()).toBe(true);
    queue.add(a.promise);
    expect(await queue.ready()).toBe(true);
    queue.add(b.promise);
    let third = false;
    const waiting = queue.ready().then((ok) => (third = ok));
    await Promise.resolve();
    expect(third).toBe(false);
    a.end();
    await waiting;
    expect(third).toBe(true);
    b.end();
    await queue.finish();
  });

  it('stops at the first failure and throws it when finished', async () => {
    const queue = new WriteQueue(1);
    const failing = pending();
    queue.add(failing.promise);
    failing.end(new Error('disk full'));
    expect(await queue.ready()).toBe(false);
    await expect(queue.finish()).rejects.toThrow('disk full');
  });
});
