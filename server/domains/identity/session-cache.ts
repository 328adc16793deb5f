import { createHash } from 'node:crypto';
import type { Listen } from '../../platform/db/broadcast.js';

/** The channel migrations/0016's triggers notify when sessions, accounts or regions change. */
export const SESSIONS_CHANNEL = 'civicgrid_sessions';

/** How long a session's viewer is kept without asking the database: the bound on a missed notice. */
export const SESSION_CACHE_MS = 30_000;
const MAX_SESSIONS = 10_000;

interface SessionRow {
  expires_at: Date;
}

/**
 * The viewers of recent sessions, kept by this process so a request does not read its session
 * from the database each time (one round trip of a report's three; issue 9). Any change to
 * sessions, accounts or regions empties it: in this process at once, after the identity routes'
 * own writes (identity.routes.ts), and in every process when the trigger's notice arrives (or its
 * listening connection comes back). An entry lives at most SESSION_CACHE_MS and never past its
 * session's expiry; an unknown token is never kept, so made-up cookies cannot fill it.
 */
export class SessionCache<Row extends SessionRow> {
  private readonly rows = new Map<string, { row: Row; until: number }>();
  private generation = 0;
  private readonly clearListeners = new Set<() => void>();

  constructor(
    private readonly lookup: (token: string) => Promise<Row | undefined>,
    private readonly now: () => number = Date.now,
  ) {}

  async session(token: string): Promise<Row | undefined> {
    const now = this.now();
    // Kept by the token's hash, as the database keeps it: a heap dump holds no live tokens.
    const key = createHash('sha256').update(token).digest('base64');
    const kept = this.rows.get(key);
    if (kept && kept.until > now && kept.row.expires_at.getTime() > now) return kept.row;
    if (kept) this.rows.delete(key);
    // A change heard while the database is read may not be in what it returns: keep nothing then.
    const generation = this.generation;
    const row = await this.lookup(token);
    if (row && generation === this.generation) {
      if (this.rows.size >= MAX_SESSIONS) this.rows.delete(this.rows.keys().next().value!);
      this.rows.set(key, { row, until: now + SESSION_CACHE_MS });
    }
    return row;
  }

  clear() {
    this.generation += 1;
    this.rows.clear();
    this.clearListeners.forEach((listener) => listener());
  }

  /**
   * Calls `listener` after every emptying: whatever holds a session open past one request (a
   * live event stream) reads it again then. Returns the unsubscribe.
   */
  onClear(listener: () => void): () => void {
    this.clearListeners.add(listener);
    return () => this.clearListeners.delete(listener);
  }

  /** Empties the cache whenever any process announces a change; resolves to the unsubscribe. */
  listenTo(listen: Listen) {
    return listen(SESSIONS_CHANNEL, () => this.clear());
  }
}
