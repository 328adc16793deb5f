import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from './schema.js';
import type { Database } from './database.js';

/**
 * Tells every server process something changed (Database.listen hears it). Inside a transaction
 * PostgreSQL delivers it at commit, and not at all on rollback: a change nobody made is never
 * announced.
 */
export async function broadcast(db: Kysely<DB>, channel: string, payload = ''): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${payload})`.execute(db);
}

/**
 * broadcast() as an expression of a bigger statement, for a write that must stay one round trip
 * and announces an id the statement itself makes (a new case: platform/events/publish.ts,
 * statementNotice). The payload is JSON; `set` puts the statement's values in it by dotted path
 * ('data.caseId'). Delivered at commit, like any NOTIFY; a statement that returns no row sends none.
 */
export function broadcastExpression(channel: string, payload: string, set: Record<string, Expression<unknown>> = {}): RawBuilder<void> {
  let json: RawBuilder<unknown> = sql`${payload}::jsonb`;
  for (const [path, value] of Object.entries(set))
    json = sql`jsonb_set(${json}, ${`{${path.split('.').join(',')}}`}::text[], to_jsonb(${value}))`;
  return sql<void>`pg_notify(${channel}::text, ${json}::text)`;
}

/** What a process-wide copy needs of the database to hear about changes: Database.listen. */
export type Listen = Database['listen'];

/** A value each process keeps (the calendar, later the categories and rules), as broadcasts keep it. */
export interface Reloaded<T> {
  /** The newest value this process has loaded. */
  current(): T;
  /**
   * Loads it again now; resolves once a load that started after this call has finished, so a
   * caller that just committed a change reads it back. Rejects if that load fails (the old
   * value stays).
   */
  reload(): Promise<T>;
  /** Stops listening; waits for a load under way. */
  stop(): Promise<void>;
}

export interface ReloadOptions<T> {
  listen: Listen;
  channel: string;
  load: () => Promise<T>;
  /** A reload a broadcast asked for failed; it is tried again after `retryMs`, doubling to a minute. */
  onError?: (error: Error) => void;
  retryMs?: number;
}

/**
 * A value loaded once and loaded again whenever any process broadcasts on `channel`, and when
 * the listening connection comes back (`null`: messages may have been missed while it was down):
 * "anything cached per process is invalidated across processes through LISTEN/NOTIFY"
 * (../shared/ARCHITECTURE.md, "Several processes").
 *
 * It listens before the first load, so a change committed between the two is not missed. Loads
 * never overlap: a broadcast heard during a load (which may have read before that commit) runs
 * one more load after it, and several heard together run one.
 */
export async function reloadOnBroadcast<T>(options: ReloadOptions<T>): Promise<Reloaded<T>> {
  const { listen, channel, load, onError = () => {} } = options;
  const firstRetryMs = options.retryMs ?? 1000;
  let value!: T;
  let requested = 0;
  let loaded = 0;
  let running: Promise<void> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryMs = firstRetryMs;
  let stopped = false;

  const run = async () => {
    while (loaded < requested) {
      const generation = requested;
      value = await load();
      loaded = generation;
    }
  };

  const reload = async (): Promise<T> => {
    requested += 1;
    const mine = requested;
    while (loaded < mine) {
      running ??= run().finally(() => {
        running = null;
      });
      await running;
    }
    return value;
  };

  const heard = () => {
    if (stopped) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    reload().then(
      () => {
        retryMs = firstRetryMs;
      },
      (error: Error) => {
        onError(error);
        if (stopped || retryTimer) return;
        retryTimer = setTimeout(() => {
          retryTimer = null;
          heard();
        }, retryMs);
        retryTimer.unref?.();
        retryMs = Math.min(retryMs * 2, 60_000);
      },
    );
  };

  const unlisten = await listen(channel, heard);
  try {
    await reload();
  } catch (error) {
    await unlisten();
    throw error;
  }
  return {
    current: () => value,
    reload,
    stop: async () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      await unlisten();
      await running?.catch(() => {});
    },
  };
}
