import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { sendMarkedStatementsPrepared } from './prepared-statements.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /**
   * Hears NOTIFY on a channel from every process on this database (PostgreSQL LISTEN; within the
   * one process PGlite allows). `null` means messages may have been missed — the connection
   * dropped and came back — so what the listener keeps should be reloaded. Returns the unsubscribe.
   */
  listen(channel: string, onMessage: (payload: string | null) => void): Promise<() => Promise<void>>;
  /** PGlite only: the data directory as a tarball, to start other instances from. */
  dumpDataDir?: () => Promise<Blob>;
}

// Both backends hand rows over in the same shapes: int8 and numeric as JS numbers (our ids and
// amounts stay far below 2^53), dates as 'YYYY-MM-DD' strings so no time zone shifts a birthday.
const INT8 = 20,
  NUMERIC = 1700,
  DATE = 1082;
const toNumber = (v: string) => (v === null ? null : Number(v));
const keepString = (v: string) => v;

pg.types.setTypeParser(INT8, toNumber);
pg.types.setTypeParser(NUMERIC, toNumber);
pg.types.setTypeParser(DATE, keepString);

export interface OpenOptions {
  /** postgres://… for a real server; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string;
  /** A PGlite data dir tarball to start from (tests use a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
  /** PGlite's shared_buffers, e.g. '32MB'. */
  sharedBuffers?: string;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPGlite(options.dataDir, options.loadDataDir, options.sharedBuffers ?? '32MB');
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection that the server drops (restart, failover, a DBA's terminate) emits an
  // error on the pool; unhandled, that would bring the whole process down. The pool replaces
  // the connection on next use, so noting it is enough.
  pool.on('error', (error) => console.error(`[civicgrid] 数据库空闲连接断开：${error.message}`));
  pool.on('connect', sendMarkedStatementsPrepared);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db); // fail now, clearly, rather than on the first request
  const listener = new PostgresListener(url);
  return {
    db,
    kind: 'postgres',
    listen: (channel, onMessage) => listener.listen(channel, onMessage),
    close: async () => {
      await listener.close();
      await db.destroy();
    },
  };
}

/**
 * LISTEN needs a connection of its own, held open: a pooled one goes back to the pool. It is
 * made on the first listen, and remade (with every channel listened to again, and a `null` to
 * each listener) when the server drops it.
 */
class PostgresListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly handlers = new Map<string, Set<(payload: string | null) => void>>();
  private closed = false;

  constructor(private readonly url: string) {}

  async listen(channel: string, onMessage: (payload: string | null) => void) {
    const client = await this.connected();
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    set.add(onMessage);
    return async () => {
      set!.delete(onMessage);
      if (set!.size === 0 && this.handlers.get(channel) === set) {
        this.handlers.delete(channel);
        await this.client?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
      }
    };
  }

  async close() {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private connected(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (msg) => this.handlers.get(msg.channel)?.forEach((h) => h(msg.payload ?? '')));
    client.on('error', (error) => console.error(`[civicgrid] 数据库通知连接断开：${error.message}`));
    client.on('end', () => {
      if (this.client !== client || this.closed) return;
      this.client = null;
      void this.reconnect();
    });
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    this.client = client;
    return client;
  }

  private async reconnect(delayMs = 500) {
    while (!this.closed && !this.client) {
      try {
        await this.connected();
        for (const set of this.handlers.values()) set.forEach((h) => h(null));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, delayMs));
        delayMs = Math.min(delayMs * 2, 30_000);
      }
    }
  }
}

async function openPGlite(dataDir: string | undefined, loadDataDir: Blob | undefined, sharedBuffers: string): Promise<Database> {
  if (dataDir) mkdirSync(path.resolve(dataDir), { recursive: true });
  const { PGliteDialect } = await import('./pglite-dialect.js');
  const pglite = await PGlite.create({
    dataDir: dataDir ? path.resolve(dataDir) : undefined,
    loadDataDir,
    // PGlite commits its whole shared_buffers at start (PostgreSQL's 128MB default cost ~140MB
    // of RSS). Its files sit in the OS page cache anyway, so a small pool loses little speed;
    // see docs/BENCHMARKS.md.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`],
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: keepString },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    listen: async (channel, onMessage) => {
      const unlisten = await pglite.listen(channel, onMessage);
      return () => unlisten();
    },
    dumpDataDir: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
