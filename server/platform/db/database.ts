import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball, to start other instances from. */
  dumpDataDir?: () => Promise<Blob>;
}

// Both backends hand rows over in the same shapes: int8 and numeric as JS numbers (our ids and
// amounts stay far below 2^53), dates as 'YYYY-MM-DD' strings so no time zone shifts a birthday.
const INT8 = 20, NUMERIC = 1700, DATE = 1082;
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
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db); // fail now, clearly, rather than on the first request
  return { db, kind: 'postgres', close: () => db.destroy() };
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
    dumpDataDir: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
