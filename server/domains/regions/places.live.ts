import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';
import { reloadOnBroadcast, type Listen, type Reloaded } from '../../platform/db/broadcast.js';
import { bboxOf, polygonsOf, type MultiPolygon } from '../../platform/geo/areas.js';
import { PointIndex } from '../../platform/geo/point-index.js';
import { LineIndex, type Lines } from '../../platform/geo/line-index.js';
import { countyCenter } from '../../platform/geo/county-boundary.js';
import { mapRepository, type AreaRow, type MapRepository } from './map.repository.js';
import { roadsRepository, type RoadsRepository } from './roads.repository.js';
import type { NamedPoint } from './location-words.js';

/**
 * The county's places as this process keeps them: the communities' areas, parsed, the
 * estates, buildings and village houses that have a position, and the roads (migrations/0035). Every case reported at a point is put in words
 * from them; reading a hundred polygons and the places nearby for each report cost three round
 * trips of a report's five (docs/BENCHMARKS.md, issue 9). A change to any of those tables, by
 * whatever writes it, is announced on PLACES_CHANNEL by a trigger in its own transaction
 * (migrations/0016); every process reloads then, and when its listening connection comes back
 * (../shared/ARCHITECTURE.md, "Several processes").
 */
export interface CountyPlaces {
  communities: readonly LocatableArea[];
  estates: PointIndex<NamedPoint>;
  buildings: PointIndex<NamedPoint>;
  roads: LineIndex<{ name: string; lines: Lines }>;
}

export type LocatableArea = AreaRow & { area: MultiPolygon; bbox: ReturnType<typeof bboxOf> };

/** The channel migrations/0016's trigger notifies. */
export const PLACES_CHANNEL = 'civicgrid_places';

/** What a locator reads the places through: the places as this process has them now. */
export interface PlacesAccess {
  current(): CountyPlaces;
}

export type LivePlaces = Reloaded<CountyPlaces>;

export async function loadCountyPlaces(
  repo: Pick<MapRepository, 'areas' | 'positionedPlaces'>,
  roads: Pick<RoadsRepository, 'all'>,
): Promise<CountyPlaces> {
  const [areas, places, roadRows] = await Promise.all([repo.areas(), repo.positionedPlaces(), roads.all()]);
  return {
    communities: areas
      .filter((a) => a.level === 'community' && a.geometry)
      .map((c) => {
        const area = polygonsOf(c.geometry!);
        return { ...c, area, bbox: bboxOf(area) };
      }),
    estates: new PointIndex(places.estates),
    // A village house is named by its 门牌 as a building is by its estate and number (docs/decisions/049).
    buildings: new PointIndex([
      ...places.buildings.map((b) => ({ name: `${b.estate_name}${b.name}`, lon: b.lon, lat: b.lat })),
      ...places.villageHouses,
    ]),
    roads: new LineIndex(
      roadRows.map((r) => ({ name: r.name, lines: r.geometry.coordinates })),
      countyCenter()[1],
    ),
  };
}

/** The process's places on its database: app.ts starts them once per app and stops them on close. */
export function startCountyPlaces(
  database: { db: Kysely<DB>; listen: Listen },
  options: { onError?: (error: Error) => void } = {},
): Promise<LivePlaces> {
  const county = new ScopedDb(database.db, { path: '/', estateIds: null });
  const [repo, roads] = [mapRepository(county), roadsRepository(county)];
  return reloadOnBroadcast({
    listen: database.listen,
    channel: PLACES_CHANNEL,
    load: () => loadCountyPlaces(repo, roads),
    onError: options.onError,
  });
}
