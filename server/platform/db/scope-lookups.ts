import type { Kysely } from 'kysely';
import type { DB } from './schema.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../errors.js';

/**
 * The two look-ups a viewer's scope is made of (server/platform/scope.ts re-exports them as
 * scopePath and estateLimit for the domains not yet on a ScopedDb).
 */

/**
 * The viewer's region path, or that of a region inside it when a request narrows to one; a
 * region outside it answers 404, as if it did not exist.
 */
export async function regionPathWithin(db: Kysely<DB>, viewer: Viewer, regionId?: number): Promise<string> {
  if (regionId === undefined) return viewer.regionPath;
  const region = await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirst();
  if (!region || !region.path.startsWith(viewer.regionPath)) throw notFound('区域');
  return region.path;
}

/** Property staff see the estates their company manages (their ids); everyone else is not limited by estate (null). */
export async function estatesOf(db: Kysely<DB>, viewer: Viewer): Promise<number[] | null> {
  if (viewer.role !== 'property_staff') return null;
  if (viewer.propertyCompanyId === null) return [];
  const rows = await db.selectFrom('estates').select('id').where('property_company_id', '=', viewer.propertyCompanyId).execute();
  return rows.map((r) => r.id);
}
