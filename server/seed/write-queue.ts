/**
 * Writes that go on while the next batch is generated, at most `limit` at once: on PostgreSQL two
 * keep both cores busy; PGlite has one connection, so there they simply queue. The first failure
 * stops the generating (`ready` says false) and is thrown by `finish`.
 */
export class WriteQueue {
  private readonly writing = new Set<Promise<void>>();
  private failure: unknown;

  constructor(private readonly limit: number) {}

  /** Waits until a write may start; false once one has failed, when no more should be generated. */
  async ready(): Promise<boolean> {
    if (this.writing.size >= this.limit) await Promise.race(this.writing);
    return !this.failure;
  }

  add(write: Promise<void>) {
    const tracked: Promise<void> = write
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.writing.delete(tracked));
    this.writing.add(tracked);
  }

  /** Waits for the writes in flight, then throws the first failure if there was one. */
  async finish() {
    await Promise.all(this.writing);
    if (this.failure) throw this.failure;
  }
}
