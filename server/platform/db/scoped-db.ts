import {
  sql,
  type Kysely,
  type SelectQueryBuilder,
  type UpdateQueryBuilder,
  type DeleteQueryBuilder,
  type UpdateResult,
  type DeleteResult,
} from 'kysely';
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
 * Rows that name their region by id instead of carrying its path (accounts, import jobs) are
 * scoped by their region's path (`selectFromByRegion`); the region tree by its own `path`
 * (`regionsInScope`). What is not limited by region (the whole tree, categories, units, a case
 * read before the case policy decides) is read through `unscoped`, a name that stands out in review.
 */
export const SCOPED_TABLES = [
  'residents',
  'houses',
  'households',
  'vehicles',
  'estates',
  'cases',
  'grid_workers',
  'resident_counts',
  'case_status_counts',
  'case_status_deltas',
  'iot_devices',
  'iot_alarms',
  'iot_incidents',
] as const;
export type ScopedTable = (typeof SCOPED_TABLES)[number];

/** Tables whose rows name their region by `region_id`: a row is in scope when its region is. */
export const REGION_ID_TABLES = ['users', 'import_jobs'] as const;
export type RegionIdTable = (typeof REGION_ID_TABLES)[number];

/** The tables whose rows belong to an estate, by the column that says which. */
const ESTATE_COLUMN: Partial<Record<ScopedTable, string>> = {
  houses: 'estate_id',
  vehicles: 'estate_id',
  estates: 'id',
  iot_devices: 'estate_id',
  iot_alarms: 'estate_id',
  iot_incidents: 'estate_id',
};

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

  /**
   * The scope's part of the region tree: its region and everything under it, by each region's
   * own `path`. Not limited by estate: property staff see the community their estates lie in.
   */
  regionsInScope(): SelectQueryBuilder<DB, 'regions', object> {
    return this.unscoped.selectFrom('regions').where('regions.path', 'like', under(this.scope.path));
  }

  /**
   * Rows of a table that names its region by id (an account, an import job), joined to that
   * region (`regions.*` may be selected), and only those whose region is in the scope.
   */
  selectFromByRegion<T extends RegionIdTable>(table: T): SelectQueryBuilder<DB, T | 'regions', object> {
    // The table is a runtime value here, checked by the RegionIdTable type; Kysely cannot type a join on it.
    const from = this.unscoped.selectFrom(table as RegionIdTable) as unknown as {
      innerJoin(table: 'regions', left: string, right: string): SelectQueryBuilder<DB, 'regions', object>;
    };
    return from
      .innerJoin('regions', 'regions.id', `${table}.region_id`)
      .where('regions.path', 'like', under(this.scope.path)) as unknown as SelectQueryBuilder<DB, T | 'regions', object>;
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
