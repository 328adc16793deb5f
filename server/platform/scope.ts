import type { Viewer } from './auth/viewer.js';

/**
 * Region scope, in one place. Every scoped row carries the path of its region ('/1/4/17/230/');
 * a viewer sees the rows whose path starts with the viewer's region path. A request may narrow
 * that to a region inside it (regionId); a region outside it answers 404, as if it did not exist.
 * Repositories get all of this from a ScopedDb (server/platform/db/scoped-db.ts).
 */

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
 * The scope's look-ups, for the domains that still ask for a path and an estate list instead of
 * a ScopedDb: the viewer's region path (narrowed to `regionId` when asked, 404 outside it), and
 * for property staff the ids of their company's estates (null when not limited by estate).
 */
export { regionPathWithin as scopePath, estatesOf as estateLimit } from './db/scope-lookups.js';
