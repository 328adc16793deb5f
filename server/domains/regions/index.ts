/**
 * The regions domain's public face (docs/decisions/011): the region tree and its places —
 * estates, buildings, units, houses, grids. Other domains reach them only through what is
 * exported here; everything else in this folder is the domain's own.
 */
import type { HouseFilters, HouseItem } from '../../../common/contracts/regions.js';
import type { BatchOutcome } from '../../../common/contracts/exchange.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';
import { mapRepository } from './map.repository.js';
import type { PlacesAccess } from './places.live.js';
import { deriveApproximateAreas, locate } from './map.service.js';
import { roadsRepository } from './roads.repository.js';
import { roadWrite } from './roads.service.js';
import type { Lines } from '../../platform/geo/line-index.js';
import { residentsFollowHouse } from '../people/index.js';
import { regionsRepository } from './regions.repository.js';
import { placeEditsRepository } from './place-edits.repository.js';
import { housesRepository } from './houses.repository.js';
import { gridsRepository } from './grids.repository.js';
import { houseBatchRepository } from './house-batch.repository.js';
import { placeIndex, storeHouseBatch, type ImportedHouse, type PlaceIndex } from './house-batch.js';
import { presentHouse, presentWorker } from './places.presenter.js';
import { estateBatchRepository } from './estate-batch.repository.js';
import { estatesByKey, storeEstateBatch, type ImportedEstate } from './estate-batch.js';
import { installationPlaceRepository } from './installation-place.repository.js';

export { regionsRoutes } from './regions.routes.js';
export { placesRoutes } from './places.routes.js';
export { mapRoutes } from './map.routes.js';
export { mapImportRoutes } from './map-import.routes.js';
/** The county's places as each process keeps them (reloaded when any changes): app.ts starts them. */
export { startCountyPlaces, type PlacesAccess, type LivePlaces } from './places.live.js';
/** A point in words from candidate places (the demo generator's cases, put as reportCase puts them). */
export { locationInWords, type NamedPoint } from './location-words.js';
export { placeEditsRoutes } from './place-edits.routes.js';
export { gridWorkersRoutes } from './grid-workers.routes.js';
/** The region tree from the county's data file: the seed and the demo county load it. */
export { readRegionFile, seedRegions, upsertRegion, type RegionFile } from './regions.seed.js';
export { importedAddress, standardAddress, villageAddress, type ImportedHouse, type PlaceIndex } from './house-batch.js';
export { estateKey, type ImportedEstate } from './estate-batch.js';
/** Local region codes: the demo generator's communities and grids are given them as the admin's grids are. */
export { freeCode, gridCode } from './region-codes.js';

/** Where a house of the scope is (community, grid, region path): a resident living there belongs there. */
export const houseInScope = (scoped: ScopedDb, id: number) => housesRepository(scoped).placeOf(id);

/** Houses of the scope by 标准地址 (an import's residents name their house by it). */
export const housesByAddress = (scoped: ScopedDb, addresses: string[]) => housesRepository(scoped).byAddress(addresses);

/** A community of the scope, or undefined (a grid, a town or a region outside the scope is none). */
export async function communityInScope(scoped: ScopedDb, id: number) {
  const region = await regionsRepository(scoped).byId(id);
  return region?.level === 'community' ? { id: region.id, path: region.path } : undefined;
}

/** The county's name (平阴县), from the region tree; undefined before the tree is loaded. */
export const countyName = async (db: Kysely<DB>) =>
  (await regionsRepository(new ScopedDb(db, { path: '/', estateIds: null })).county())?.name;

/** Names of regions by id, wherever they are (a resident's community and grid on their home page). */
export const regionNames = (scoped: ScopedDb, ids: number[]) => regionsRepository(scoped).names(ids);

/** The towns and streets of the scope: the task lists' 各镇（街道） expands to them. */
export const townsInScope = (scoped: ScopedDb) => regionsRepository(scoped).towns();

/** The 网格员 of a grid in the scope, full-time first, as staff read them: phones masked (decision 047). */
export const gridWorkersOf = async (scoped: ScopedDb, gridId: number) =>
  (await gridsRepository(scoped).workersOf([gridId])).map((w) => presentWorker(w, false));

/**
 * The 网格员 of a resident's own grid with their work phones whole: what the grid's notice board
 * (网格公示牌) posts for its residents to call (我的家), the one place they are not masked.
 */
export const publishedGridWorkersOf = async (scoped: ScopedDb, gridId: number) =>
  (await gridsRepository(scoped).workersOf([gridId])).map((w) => ({ name: w.name, phone: w.phone, employment: w.employment }));

/** Houses of the scope matching a list's filters, in id order after `afterId`, presented: an export's pages. */
export const housesAfter =
  (scoped: ScopedDb, filters: Omit<HouseFilters, 'regionId'>) =>
  async (afterId: number, limit: number): Promise<HouseItem[]> =>
    (await housesRepository(scoped).after(filters, afterId, limit)).map(presentHouse);

/** The communities and grids of the scope by name, where a house import may put houses. */
export const housePlaces = (scoped: ScopedDb): Promise<PlaceIndex> => placeIndex(regionsRepository(scoped));

/**
 * Stores one batch of checked house rows (an import's), in the scope's transaction: new houses,
 * changed ones updated — their residents moving with them — and identical ones left alone.
 */
export function storeHouses(scoped: ScopedDb, places: PlaceIndex, rows: ImportedHouse[]): Promise<BatchOutcome> {
  return storeHouseBatch(
    {
      houses: houseBatchRepository(scoped),
      residentsFollow: (houseId, place) => residentsFollowHouse(scoped, houseId, place),
    },
    places,
    rows,
  );
}

/**
 * Stores one batch of checked estate rows (an import's) in communities of the scope, in the
 * scope's transaction; `companies` are the property companies by full name.
 */
export function storeEstates(scoped: ScopedDb, places: PlaceIndex, companies: Map<string, number>, rows: ImportedEstate[]) {
  return storeEstateBatch({ estates: estateBatchRepository(scoped), companies }, places, rows);
}

/** Estates of the scope (by their own path) with these names, by '镇街|社区村|小区' (estateKey): where a vehicles import parks cars. */
export const estatesNamed = (scoped: ScopedDb, names: string[]) => estatesByKey(estateBatchRepository(scoped), names);

/** Places are public facts, read county-wide whoever asks (map.repository.ts). */
const countyMap = (db: Kysely<DB>) => mapRepository(new ScopedDb(db, { path: '/', estateIds: null }));

/** A point in words from the platform's own places, as this process keeps them ("锦源社区 · 锦绣花园3号楼附近约20米"), or null far from all of them. */
export const pointInWords = (places: PlacesAccess, point: { lon: number; lat: number }) => locate(places.current(), point).words;

/** Approximate areas for the towns and communities with a position and no official boundary (the generator, the CLI). */
export const deriveAreas = (db: Kysely<DB>) => db.transaction().execute((trx) => deriveApproximateAreas(countyMap(trx)));

/** The demo county's roads (the generator), unless the county has a road layer already: an imported one wins. Returns how many were laid. */
export const layDemoRoads = (db: Kysely<DB>, roads: readonly { name: string; kind: string; lines: Lines }[]) =>
  db.transaction().execute(async (trx) => {
    const repo = roadsRepository(new ScopedDb(trx, { path: '/', estateIds: null }));
    if ((await repo.count()) > 0) return 0;
    await repo.insert(roads.map((r) => roadWrite(r, 'demo')));
    return roads.length;
  });

/**
 * The county's official boundaries or road layer from its file (the admin's 地图数据, the CLI), in
 * one transaction with one audit line (actor null: the CLI).
 */
export { importMapLayer, type MapUpload } from './map-import.service.js';
/** An estate of the scope by its own path, with its region: a vehicle registered there belongs there. */
export const estateInScope = (scoped: ScopedDb, id: number) => placeEditsRepository(scoped).estate(id);

/**
 * Where a thing installed on a place of the scope stands (an IoT device): the most precise of
 * house, building and estate given decides; undefined when it is outside the scope.
 */
export function installationPlace(scoped: ScopedDb, place: { estateId?: number; buildingId?: number; houseId?: number }) {
  const places = installationPlaceRepository(scoped);
  if (place.houseId !== undefined) return places.house(place.houseId);
  if (place.buildingId !== undefined) return places.building(place.buildingId);
  return place.estateId !== undefined ? places.estate(place.estateId) : Promise.resolve(undefined);
}
export type { InstallationPlace } from './installation-place.repository.js';
/** The buildings of estates found in the scope, with their grid's path: where an import installs a device. */
export const buildingsOfEstates = (scoped: ScopedDb, estateIds: number[]) => installationPlaceRepository(scoped).buildingsOf(estateIds);
