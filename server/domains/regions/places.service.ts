import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { estateLimit, scopePath } from '../../platform/scope.js';
import type { HouseFilter } from './places.repository.js';
import type { HouseQueryFilters } from './places.schema.js';

/** A house list's query as the repository filter: region scope, regionId, property staff's estates. */
export async function houseFilter(db: Kysely<DB>, viewer: Viewer, query: HouseQueryFilters): Promise<HouseFilter> {
  return {
    path: await scopePath(db, viewer, query.regionId),
    estateIds: await estateLimit(db, viewer),
    q: query.q || undefined, houseUse: query.houseUse, estateId: query.estateId, gridId: query.gridId,
  };
}
