import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';
import { reloadOnBroadcast, type Listen, type Reloaded } from '../../platform/db/broadcast.js';
import { polygonsOf, type MultiPolygon } from '../../platform/geo/areas.js';
import { AREAS_CHANNEL, mapRepository, type AreaRow, type MapRepository } from './map.repository.js';

/**
 * The communities' areas as this process keeps them, parsed once: every case reported at a point
 * asks which community holds it, and reading and parsing a hundred polygons per report was a
 * third of a report's time (docs/BENCHMARKS.md, issue 9). Areas change only when boundaries are
 * imported or derived (map.repository.ts storeAreas) or the region tree is seeded, and each
 * announces it on AREAS_CHANNEL in its own transaction; every process reloads then, and when its
 * listening connection comes back (../shared/ARCHITECTURE.md, "Several processes").
 */
export interface CountyAreas {
  communities: readonly LocatableArea[];
}

export type LocatableArea = AreaRow & { area: MultiPolygon };

/** What a locator reads the areas through: the areas as this process has them now. */
export interface AreasAccess {
  current(): CountyAreas;
}

export type LiveAreas = Reloaded<CountyAreas>;

export async function loadCountyAreas(repo: Pick<MapRepository, 'areas'>): Promise<CountyAreas> {
  const rows = await repo.areas();
  return {
    communities: rows.filter((a) => a.level === 'community' && a.geometry).map((c) => ({ ...c, area: polygonsOf(c.geometry!) })),
  };
}

/** The process's areas on its database: app.ts starts them once per app and stops them on close. */
export function startCountyAreas(
  database: { db: Kysely<DB>; listen: Listen },
  options: { onError?: (error: Error) => void } = {},
): Promise<LiveAreas> {
  const repo = mapRepository(new ScopedDb(database.db, { path: '/', estateIds: null }));
  return reloadOnBroadcast({
    listen: database.listen,
    channel: AREAS_CHANNEL,
    load: () => loadCountyAreas(repo),
    onError: options.onError,
  });
}
