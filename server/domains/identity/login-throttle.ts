/**
 * Slows and then stops password guessing from one address, whatever usernames it tries: each
 * failure adds 250 ms to the next answer (up to 3 s); 30 failures within 15 minutes block the
 * address until the window passes. Kept in process memory: with several server processes each
 * counts its own share, and the per-account lock in the database still holds across all.
 */
const WINDOW_MS = 15 * 60_000;
const BLOCK_AFTER = 30;
const STEP_MS = 250;
const MAX_DELAY_MS = 3000;

interface Entry { failures: number; firstAt: number }

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now, private readonly sleep = defaultSleep) {}

  retryAfterSeconds(ip: string): number {
    const entry = this.current(ip);
    if (!entry || entry.failures < BLOCK_AFTER) return 0;
    return Math.ceil((entry.firstAt + WINDOW_MS - this.now()) / 1000);
  }

  async failed(ip: string): Promise<void> {
    const entry = this.current(ip) ?? { failures: 0, firstAt: this.now() };
    entry.failures++;
    this.entries.set(ip, entry);
    if (this.entries.size > 10_000) this.prune();
    await this.sleep(Math.min(entry.failures * STEP_MS, MAX_DELAY_MS));
  }

  succeeded(ip: string) {
    this.entries.delete(ip);
  }

  private current(ip: string): Entry | undefined {
    const entry = this.entries.get(ip);
    if (entry && this.now() - entry.firstAt > WINDOW_MS) {
      this.entries.delete(ip);
      return undefined;
    }
    return entry;
  }

  private prune() {
    for (const ip of [...this.entries.keys()]) this.current(ip);
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
