import type { Kysely } from 'kysely';
import type { DB } from '../../server/platform/db/schema.js';
import type { ScopedDb } from '../../server/platform/db/scoped-db.js';
import type { CannedResults } from './recording-driver.js';

/** What a manifest builds a repository from: a recording database, and the viewer's scope over it. */
export interface SnapshotContext {
  db: Kysely<DB>;
  /** A community-level staff member's scope (snapshot.ts), so the region conditions show in the SQL. */
  scoped: ScopedDb;
}

/** How one method is called: its arguments, and the rows its statements answer with where it needs one to go on. */
export interface Call<A extends readonly unknown[] = readonly unknown[]> {
  args: A;
  /** One list of rows per statement, in the order they run (a transaction's BEGIN is one); statements past the list answer with none. */
  results?: CannedResults;
  /** Parameters ($n, from 1) the method draws at random: shown as <random>, so the snapshot stays the same. */
  random?: readonly number[];
}

// A method of any signature: the calls below are checked against each one's own parameters.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Method = (...args: any[]) => unknown;

/** A call for every method of a repository, typed by the method: a new method without one fails typecheck and the coverage test. */
export type Calls<R> = { [K in keyof R]-?: R[K] extends (...args: infer A) => unknown ? A | Call<A> : never };

export interface RepositoryManifest {
  /** The factory as the file exports it, e.g. `vehiclesRepository`. */
  name: string;
  build(ctx: SnapshotContext): Record<string, Method>;
  calls: Record<string, readonly unknown[] | Call>;
}

/** A query exported as a function of its own rather than as a repository's method. */
export interface FunctionManifest {
  run: Method;
  args(ctx: SnapshotContext): readonly unknown[];
  results?: CannedResults;
}

export interface FileManifest {
  /** The repository file, from the repository root. */
  file: string;
  /** Its repository factories. */
  repositories?: RepositoryManifest[];
  /** Its other exported functions, by their exported name: each is called and what it runs or builds is recorded. */
  functions?: Record<string, FunctionManifest>;
}

export function repository<R extends Record<string, Method>>(
  name: string,
  build: (ctx: SnapshotContext) => R,
  calls: Calls<R>,
): RepositoryManifest {
  return { name, build, calls: calls as RepositoryManifest['calls'] };
}

export function fn<A extends unknown[]>(
  run: (...args: A) => unknown,
  args: (ctx: SnapshotContext) => [...A],
  results?: CannedResults,
): FunctionManifest {
  return { run, args, results };
}

export const callOf = (call: readonly unknown[] | Call): Call => (Array.isArray(call) ? { args: call } : (call as Call));

/** The rows of a list page and its count (platform/paging.ts pageOf), which reads the count with executeTakeFirstOrThrow. */
export const PAGE_AND_COUNT: CannedResults = [[], [{ n: 0 }]];
/** A statement that returns the id it made, read with executeTakeFirstOrThrow. */
export const RETURNS_ID: CannedResults = [[{ id: 1 }]];
