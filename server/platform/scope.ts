import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Viewer } from './auth/viewer.js';
import { notFound } from './errors.js';

/**
 * Region scope, in one place. Every scoped row carries the path of its region ('/1/4/17/230/');
 * a viewer sees the rows whose path starts with the viewer's region path. A request may narrow
 * that to a region inside it (regionId); a region outside it answers 404, as if it did not exist.
 */
export async function scopePath(db: Kysely<DB>, viewer: Viewer, regionId?: number): Promise<string> {
  if (regionId === undefined) return viewer.regionPath;
  const region = await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirst();
  if (!region || !region.path.startsWith(viewer.regionPath)) throw notFound('区域');
  return region.path;
}

/**
 * What a viewer may see of the region tree: a path ('/1/4/17/') whose subtree is theirs, and
 * for property staff the estates their company manages (null: not limited by estate).
 * server/platform/db/scoped-db.ts turns it into conditions on every scoped table.
 */
export interface Scope {
  readonly path: string;
  readonly estateIds: readonly number[] | null;
}

/** A LIKE pattern for "this path and everything under it"; paths hold only digits and '/'. */
export const under = (path: string) => `${path}%`;

export const isWithin = (viewer: Viewer, rowPath: string) => rowPath.startsWith(viewer.regionPath);

/**
 * Property staff are further limited to the estates their company manages: the ids, or null
 * when the viewer is not limited that way.
 */
export async function estateLimit(db: Kysely<DB>, viewer: Viewer): Promise<number[] | null> {
  if (viewer.role !== 'property_staff') return null;
  if (viewer.propertyCompanyId === null) return [];
  const rows = await db.selectFrom('estates').select('id').where('property_company_id', '=', viewer.propertyCompanyId).execute();
  return rows.map((r) => r.id);
}
