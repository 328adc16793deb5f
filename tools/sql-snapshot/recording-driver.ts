import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { DB } from '../../server/platform/db/schema.js';

/** A statement as PostgreSQL would receive it: Kysely's compiled SQL and its parameters. */
export interface RecordedStatement {
  sql: string;
  parameters: readonly unknown[];
}

/** The rows a recorded statement answers with, one list per statement in the order they run. */
export type CannedResults = readonly (readonly Record<string, unknown>[])[];

/**
 * A Kysely over no database: every statement (and BEGIN/COMMIT around a transaction) is compiled
 * by Kysely's own PostgreSQL compiler and recorded. Each answers with the next of `results`, or
 * with no rows once they run out, which is all most repository methods need to run to the end.
 * Kysely's DummyDriver answers the same way but records nothing, hence this one.
 */
export function recordingDb(results: CannedResults = []): { db: Kysely<DB>; statements: RecordedStatement[] } {
  const statements: RecordedStatement[] = [];
  const pending = [...results];
  const connection: DatabaseConnection = {
    async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
      statements.push({ sql: compiled.sql, parameters: compiled.parameters });
      return { rows: (pending.shift() ?? []) as R[], numAffectedRows: BigInt(0) };
    },
    async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
      statements.push({ sql: compiled.sql, parameters: compiled.parameters });
    },
  };
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      return connection;
    },
    async beginTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('begin'));
    },
    async commitTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('commit'));
    },
    async rollbackTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('rollback'));
    },
    async releaseConnection() {},
    async destroy() {},
  };
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
  return { db: new Kysely<DB>({ dialect }), statements };
}
