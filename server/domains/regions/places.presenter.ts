import type { EstateDetail, EstateItem, GridItem, GridWorker, HouseItem } from '../../../common/contracts/regions.js';
import { maskPhone } from '../../../common/mask.js';
import type { HouseRow } from './houses.repository.js';
import type { HouseEditRow } from './house-edits.repository.js';
import type { EstateRow, EstateUnitRow } from './estates.repository.js';
import type { GridRow, GridWorkerRow } from './grids.repository.js';

/** What a house is, as the list and the edit form both say it (numeric columns arrive as text). */
export function presentHouseFacts(h: Omit<HouseEditRow, 'unit_id' | 'region_path'>) {
  return {
    id: h.id,
    address: h.standard_address,
    kind: h.estate_id === null ? ('village' as const) : ('estate' as const),
    estateId: h.estate_id,
    room: h.room,
    floor: h.floor,
    villageGroup: h.village_group,
    doorNumber: h.door_number,
    lon: h.lon,
    lat: h.lat,
    area: Number(h.area),
    houseUse: h.house_use,
    rentalMode: h.rental_mode,
    rentalChannel: h.rental_channel,
    monthlyRent: h.monthly_rent === null ? null : Number(h.monthly_rent),
    tenantCount: h.tenant_count,
    communityId: h.community_id,
    gridId: h.grid_id,
  };
}

export function presentHouse(h: HouseRow): HouseItem {
  return {
    ...presentHouseFacts(h),
    estateName: h.estate_name,
    buildingName: h.building_name,
    unitName: h.unit_name,
    residentCount: Number(h.resident_count ?? 0),
    communityName: h.community_name,
    gridName: h.grid_name,
  };
}

export function presentEstate(e: EstateRow): EstateItem {
  return {
    id: e.id,
    name: e.name,
    address: e.address,
    builtYear: e.built_year,
    communityId: e.community_id,
    communityName: e.community_name,
    propertyCompany: e.company_id !== null && e.company_name !== null ? { id: e.company_id, name: e.company_name } : null,
    buildingCount: Number(e.building_count ?? 0),
    houseCount: Number(e.house_count ?? 0),
  };
}

/** Rows of (building, unit) → the buildings, each with its units, in the rows' order. */
export function presentBuildings(rows: EstateUnitRow[]): EstateDetail['buildings'] {
  const buildings = new Map<number, EstateDetail['buildings'][number]>();
  for (const row of rows) {
    let building = buildings.get(row.building_id);
    if (!building) {
      building = {
        id: row.building_id,
        name: row.building_name,
        floors: row.floors,
        gridId: row.grid_id,
        gridName: row.grid_name,
        lon: row.lon,
        lat: row.lat,
        units: [],
      };
      buildings.set(row.building_id, building);
    }
    building.units.push({ id: row.unit_id, name: row.unit_name, houseCount: Number(row.house_count ?? 0) });
  }
  return [...buildings.values()];
}

/**
 * A 网格员 as staff read them: the phone masked for every role (docs/decisions/047), whole only
 * through the audited reveal, which `revealable` offers to those who may make it.
 */
export function presentWorker(w: GridWorkerRow, revealable: boolean): GridWorker {
  return { id: w.id, name: w.name, phone: maskPhone(w.phone), phoneRevealable: revealable, employment: w.employment, userId: w.user_id };
}

export function presentGrid(g: GridRow, workers: GridWorkerRow[], revealable: boolean): GridItem {
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    communityName: g.community_name,
    houseCount: Number(g.house_count ?? 0),
    residentCount: Number(g.resident_count ?? 0),
    workers: workers.filter((w) => w.grid_id === g.id).map((w) => presentWorker(w, revealable)),
  };
}
