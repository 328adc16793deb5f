import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { anyOf } from '../../platform/db/any-of.js';

/**
 * Where something installed on a place of the scope stands (an IoT device, issue 10): its region
 * — the house's grid, else the building's grid, else the estate's community — and as far down
 * the places tree as the place goes. Each read starts from a scoped table, so a place outside
 * the viewer's scope is undefined, exactly as one that does not exist.
 */
export interface InstallationPlace {
  regionId: number;
  regionPath: string;
  /** Null for a village house (migration 0036), which is in no estate or building. */
  estateId: number | null;
  buildingId: number | null;
  houseId: number | null;
  unitName: string | null;
  floor: number | null;
  /** Where the place itself stands: a village house's own point, else its building's, else the estate's. */
  point: { lon: number; lat: number } | null;
}

const pointOf = (...candidates: { lon: number | null; lat: number | null }[]) => {
  const found = candidates.find((c) => c.lon !== null && c.lat !== null);
  return found ? { lon: found.lon!, lat: found.lat! } : null;
};

export function installationPlaceRepository(scoped: ScopedDb) {
  return {
    house: async (id: number): Promise<InstallationPlace | undefined> => {
      const h = await scoped
        .selectFrom('houses')
        .leftJoin('building_units as unit', 'unit.id', 'houses.unit_id')
        .leftJoin('buildings as building', 'building.id', 'unit.building_id')
        .select(['houses.id', 'houses.estate_id', 'houses.community_id', 'houses.grid_id', 'houses.region_path', 'houses.floor'])
        .select(['houses.lon', 'houses.lat', 'building.lon as building_lon', 'building.lat as building_lat'])
        .select(['unit.building_id', 'unit.name as unit_name'])
        .where('houses.id', '=', id)
        .executeTakeFirst();
      if (!h) return undefined;
      return {
        regionId: h.grid_id ?? h.community_id,
        regionPath: h.region_path,
        estateId: h.estate_id,
        buildingId: h.building_id,
        houseId: h.id,
        unitName: h.unit_name,
        floor: h.floor,
        point: pointOf(h, { lon: h.building_lon, lat: h.building_lat }),
      };
    },

    building: async (id: number): Promise<InstallationPlace | undefined> => {
      const b = await scoped
        .selectFrom('estates')
        .innerJoin('buildings', 'buildings.estate_id', 'estates.id')
        .leftJoin('regions as grid', 'grid.id', 'buildings.grid_id')
        .select(['estates.id as estate_id', 'estates.community_id', 'estates.region_path', 'buildings.id', 'grid.id as grid_id'])
        .select(['buildings.lon', 'buildings.lat', 'estates.lon as estate_lon', 'estates.lat as estate_lat'])
        .select('grid.path as grid_path')
        .where('buildings.id', '=', id)
        .executeTakeFirst();
      if (!b) return undefined;
      return {
        regionId: b.grid_id ?? b.community_id,
        regionPath: b.grid_path ?? b.region_path,
        estateId: b.estate_id,
        buildingId: b.id,
        houseId: null,
        unitName: null,
        floor: null,
        point: pointOf(b, { lon: b.estate_lon, lat: b.estate_lat }),
      };
    },

    estate: async (id: number): Promise<InstallationPlace | undefined> => {
      const e = await scoped
        .selectFrom('estates')
        .select(['estates.id', 'estates.community_id', 'estates.region_path', 'estates.lon', 'estates.lat'])
        .where('estates.id', '=', id)
        .executeTakeFirst();
      if (!e) return undefined;
      return {
        regionId: e.community_id,
        regionPath: e.region_path,
        estateId: e.id,
        buildingId: null,
        houseId: null,
        unitName: null,
        floor: null,
        point: pointOf(e),
      };
    },

    /** The buildings of estates the caller has found in scope, with their grid: an import names a building by its name. */
    buildingsOf: (estateIds: number[]) =>
      scoped.unscoped
        .selectFrom('buildings')
        .leftJoin('regions as grid', 'grid.id', 'buildings.grid_id')
        .select(['buildings.id', 'buildings.estate_id', 'buildings.name', 'buildings.grid_id', 'grid.path as grid_path'])
        .where('buildings.estate_id', '=', anyOf(estateIds))
        .execute(),
  };
}
