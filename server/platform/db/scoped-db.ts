import { sql, type Kysely, type SelectQueryBuilder, type UpdateQueryBuilder, type DeleteQueryBuilder, type UpdateResult, type DeleteResult } from 'kysely';
import type { DB } from './schema.js';
import { under, type Scope } from '../scope.js';
import type { Viewer } from '../auth/viewer.js';
import { estatesOf, regionPathWithin } from './scope-lookups.js';

/**
 * The one way a repository reads the rows of a region (docs/decisions/011). A repository given
 * a ScopedDb starts its queries on scoped tables here, and every such query already carries the
 * viewer's region — the row's path under the viewer's — and, for property staff, the estates
 * their company manages. No repository writes a region condition of its own.
 *
 * What is not limited by region (the region tree itself, categories, units, a case read before
 * the case policy decides) is read through `unscoped`, a name that stands out in review.
 */
export const SCOPED_TABLES = ['residents', 'houses', 'households', 'vehicles', 'estates', 'cases', 'grid_workers'] as const;
export type ScopedTable = (typeof SCOPED_TABLES)[number];

/** The tables whose rows belong to an estate, by the column that says which. */
const ESTATE_COLUMN: Partial<Record<ScopedTable, string>> = { houses: 'estate_id', vehicles: 'estate_id', estates: 'id' };

export class ScopedDb {
  constructor(
    /** The database beneath, for what no region limits. */
    readonly unscoped: Kysely<DB>,
    readonly scope: Scope,
  ) {}

  /** Rows of a scoped table inside the scope. */
  selectFrom<T extends ScopedTable>(table: T): SelectQueryBuilder<DB, T, object> {
    return this.limit(this.unscoped.selectFrom(table) as unknown as SelectQueryBuilder<DB, T, object>, table);
  }

  /** Changes only rows inside the scope. */
  updateTable<T extends ScopedTable>(table: T): UpdateQueryBuilder<DB, T, T, UpdateResult> {
    return this.limit(this.unscoped.updateTable(table) as unknown as UpdateQueryBuilder<DB, T, T, UpdateResult>, table);
  }

  deleteFrom<T extends ScopedTable>(table: T): DeleteQueryBuilder<DB, T, DeleteResult> {
    return this.limit(this.unscoped.deleteFrom(table) as unknown as DeleteQueryBuilder<DB, T, DeleteResult>, table);
  }

  /** The same scope on another connection: a transaction's. */
  on(db: Kysely<DB>): ScopedDb {
    return new ScopedDb(db, this.scope);
  }

  private limit<Q extends { where(...args: never[]): Q }>(q: Q, table: ScopedTable): Q {
    // Built with sql refs: the table is a runtime value here, checked by the ScopedTable type.
    const where = q.where as unknown as (lhs: unknown, op: string, rhs: unknown) => Q;
    let out = where.call(q, sql.ref(`${table}.region_path`), 'like', under(this.scope.path));
    const estateColumn = ESTATE_COLUMN[table];
    if (estateColumn && this.scope.estateIds !== null) {
      const w = out.where as unknown as (lhs: unknown, op: string, rhs: unknown) => Q;
      out = w.call(out, sql.ref(`${table}.${estateColumn}`), 'in', this.scope.estateIds.length ? this.scope.estateIds : [-1]);
    }
    return out;
  }
}

/**
 * The viewer's scope, narrowed to a region inside it when a request asks for one (a region
 * outside it answers 404, as if it did not exist), as a ScopedDb.
 */
export async function scopedDb(db: Kysely<DB>, viewer: Viewer, regionId?: number): Promise<ScopedDb> {
  return new ScopedDb(db, { path: await regionPathWithin(db, viewer, regionId), estateIds: await estatesOf(db, viewer) });
}
