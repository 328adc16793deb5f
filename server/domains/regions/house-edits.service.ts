import type { CreateHouseInput, HouseForm, UpdateHouseInput } from '../../../common/contracts/regions.js';
import type { AuditEntry } from '../../platform/audit.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { HouseEditRow, HouseEditsRepository, UnitPlace } from './house-edits.repository.js';
import { standardAddress } from './house-batch.js';
import { presentHouseFacts } from './places.presenter.js';

/**
 * 房屋 registered and corrected in the admin (docs/decisions/022), as the house sheet imports
 * them: in a unit of a building, its 标准地址 made from the places above it and its room. Where
 * it is — its grid, else its community — must be in the viewer's scope, so a grid worker
 * registers the houses of their grid; an address taken is a 409; every change is audited.
 */
export interface HouseEditsDeps {
  houses: HouseEditsRepository;
  /** A grid of a community, or undefined (place-edits.repository.ts). */
  gridOf(communityId: number, gridId: number): Promise<{ id: number; path: string } | undefined>;
  /** The people of a house move with it to its new grid (the people domain's). */
  residentsFollow(houseId: number, place: { gridId: number | null; regionPath: string }): Promise<void>;
  audit(entry: AuditEntry): Promise<unknown>;
  transaction<T>(work: (deps: HouseEditsDeps) => Promise<T>): Promise<T>;
}

const outOfScope = (code: string, message: string, field: string) => new AppError(404, code, message, { field });

function presentHouseForm(h: HouseEditRow, place: UnitPlace): HouseForm {
  return { ...presentHouseFacts(h), buildingId: place.building_id, unitId: h.unit_id };
}

/** The house's region: the grid asked for (one of the community's), else the building's, else the community — in the scope. */
async function regionOf(deps: HouseEditsDeps, place: UnitPlace, gridId: number | null) {
  if (gridId && !(await deps.gridOf(place.community_id, gridId)))
    throw outOfScope('GRID_NOT_FOUND', '所选网格不在该小区所属社区', 'gridId');
  const region = await deps.houses.regionInScope(gridId ?? place.community_id);
  if (!region) throw outOfScope('PLACE_NOT_IN_SCOPE', '房屋所在网格不在您的管辖范围内', gridId ? 'gridId' : 'unitId');
  return { gridId, regionPath: region.path };
}

const addressOf = (place: UnitPlace, room: string) =>
  standardAddress({
    town: place.town_name,
    community: place.community_name,
    estate: place.estate_name,
    building: place.building_name,
    unit: place.unit_name,
    room,
  });

async function checkedAddress(deps: HouseEditsDeps, address: string, self?: number) {
  const taken = await deps.houses.addressTaken(address);
  if (taken && taken.id !== self) throw conflict('HOUSE_EXISTS', `该单元已有此房号（${address}）`, { field: 'room' });
}

/** Rental facts belong to a rented house only. */
const houseValues = (input: UpdateHouseInput) => {
  const rented = input.houseUse === 'rented';
  return {
    room: input.room,
    floor: input.floor,
    area: Math.round(input.area * 100) / 100,
    house_use: input.houseUse,
    rental_mode: rented ? (input.rentalMode ?? null) : null,
    rental_channel: rented ? (input.rentalChannel ?? null) : null,
    monthly_rent: rented ? (input.monthlyRent ?? null) : null,
    tenant_count: rented ? (input.tenantCount ?? null) : null,
  };
};

async function editableHouse(deps: HouseEditsDeps, id: number) {
  const house = await deps.houses.house(id);
  const place = house && (await deps.houses.unitPlace(house.unit_id));
  if (!house || !place) throw notFound('房屋');
  return { house, place };
}

export async function houseForm(deps: HouseEditsDeps, id: number): Promise<HouseForm> {
  const { house, place } = await editableHouse(deps, id);
  return presentHouseForm(house, place);
}

export async function createHouse(deps: HouseEditsDeps, input: CreateHouseInput): Promise<HouseForm> {
  return deps.transaction(async (tx) => {
    const place = await tx.houses.unitPlace(input.unitId);
    if (!place) throw outOfScope('UNIT_NOT_FOUND', '所选单元不存在', 'unitId');
    const where = await regionOf(tx, place, input.gridId === undefined ? place.building_grid_id : input.gridId);
    const address = addressOf(place, input.room);
    await checkedAddress(tx, address);
    const id = await tx.houses.insert({
      ...houseValues(input),
      unit_id: place.unit_id,
      estate_id: place.estate_id,
      community_id: place.community_id,
      grid_id: where.gridId,
      region_path: where.regionPath,
      standard_address: address,
    });
    await tx.audit({ action: 'create_house', entity: 'house', entityId: id, detail: { address } });
    return houseForm(tx, id);
  });
}

export async function updateHouse(deps: HouseEditsDeps, id: number, input: UpdateHouseInput): Promise<HouseForm> {
  return deps.transaction(async (tx) => {
    const { house, place } = await editableHouse(tx, id);
    const where = await regionOf(tx, place, input.gridId === undefined ? house.grid_id : input.gridId);
    const address = addressOf(place, input.room);
    if (address !== house.standard_address) await checkedAddress(tx, address, id);
    await tx.houses.update(id, { ...houseValues(input), grid_id: where.gridId, region_path: where.regionPath, standard_address: address });
    if (where.regionPath !== house.region_path) await tx.residentsFollow(id, where);
    await tx.audit({
      action: 'update_house',
      entity: 'house',
      entityId: id,
      detail: { address, ...(address !== house.standard_address && { from: house.standard_address }) },
    });
    return houseForm(tx, id);
  });
}
