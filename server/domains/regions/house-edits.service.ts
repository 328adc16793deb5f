import {
  houseShapeIssues,
  type CreateHouseInput,
  type HouseForm,
  type HouseKind,
  type UpdateHouseInput,
} from '../../../common/contracts/regions.js';
import type { AuditEntry } from '../../platform/audit.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { CommunityPlace, HouseEditRow, HouseEditsRepository, UnitPlace } from './house-edits.repository.js';
import { standardAddress, villageAddress } from './house-batch.js';
import { presentHouseFacts } from './places.presenter.js';

/**
 * 房屋 registered and corrected in the admin (docs/decisions/022), as the house sheet imports
 * them: in a unit of a building, its 标准地址 made from the places above it and its room — or,
 * in a village (docs/decisions/049), by its 组 and 门牌号 with its own point. Where it is — its
 * grid, else its community — must be in the viewer's scope, so a grid worker registers the houses
 * of their grid; an address taken is a 409; every change is audited.
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

/** Where a house is: its unit and everything above it, or a village house's community and town. */
type Place = { kind: 'estate'; unit: UnitPlace } | { kind: 'village'; community: CommunityPlace };

function presentHouseForm(h: HouseEditRow, place: Place): HouseForm {
  const unit = place.kind === 'estate' ? place.unit : null;
  return { ...presentHouseFacts(h), buildingId: unit?.building_id ?? null, unitId: unit?.unit_id ?? null };
}

const communityIdOf = (place: Place) => (place.kind === 'estate' ? place.unit.community_id : place.community.community_id);

/** The house's region: the grid asked for (one of the community's), else the building's, else the community — in the scope. */
async function regionOf(deps: HouseEditsDeps, place: Place, gridId: number | null) {
  const communityId = communityIdOf(place);
  if (gridId && !(await deps.gridOf(communityId, gridId)))
    throw outOfScope('GRID_NOT_FOUND', place.kind === 'estate' ? '所选网格不在该小区所属社区' : '所选网格不在该村（社区）', 'gridId');
  const region = await deps.houses.regionInScope(gridId ?? communityId);
  const field = gridId ? 'gridId' : place.kind === 'estate' ? 'unitId' : 'communityId';
  if (!region) throw outOfScope('PLACE_NOT_IN_SCOPE', '房屋所在网格不在您的管辖范围内', field);
  return { gridId, regionPath: region.path };
}

/** The form's place fields, checked against the house's shape (the contract cannot know an edited house's). */
function placeFields(kind: HouseKind, input: UpdateHouseInput) {
  const issue = houseShapeIssues(kind, input)[0];
  if (issue) throw new AppError(400, 'HOUSE_SHAPE', issue.message, { field: issue.path });
  return kind === 'estate'
    ? { room: input.room!, floor: input.floor!, village_group: null, door_number: null, lon: null, lat: null }
    : {
        room: null,
        floor: null,
        village_group: input.villageGroup || null,
        door_number: input.doorNumber!,
        lon: input.lon!,
        lat: input.lat!,
      };
}

const addressOf = (place: Place, fields: ReturnType<typeof placeFields>) =>
  place.kind === 'estate'
    ? standardAddress({
        town: place.unit.town_name,
        community: place.unit.community_name,
        estate: place.unit.estate_name,
        building: place.unit.building_name,
        unit: place.unit.unit_name,
        room: fields.room!,
      })
    : villageAddress({
        town: place.community.town_name,
        community: place.community.community_name,
        villageGroup: fields.village_group,
        doorNumber: fields.door_number!,
      });

async function checkedAddress(deps: HouseEditsDeps, kind: HouseKind, address: string, self?: number) {
  const taken = await deps.houses.addressTaken(address);
  if (taken && taken.id !== self)
    throw kind === 'estate'
      ? conflict('HOUSE_EXISTS', `该单元已有此房号（${address}）`, { field: 'room' })
      : conflict('HOUSE_EXISTS', `该门牌已登记（${address}）`, { field: 'doorNumber' });
}

/** Rental facts belong to a rented house only. */
const houseValues = (input: UpdateHouseInput) => {
  const rented = input.houseUse === 'rented';
  return {
    area: Math.round(input.area * 100) / 100,
    house_use: input.houseUse,
    rental_mode: rented ? (input.rentalMode ?? null) : null,
    rental_channel: rented ? (input.rentalChannel ?? null) : null,
    monthly_rent: rented ? (input.monthlyRent ?? null) : null,
    tenant_count: rented ? (input.tenantCount ?? null) : null,
  };
};

async function placeOfHouse(deps: HouseEditsDeps, house: HouseEditRow): Promise<Place | undefined> {
  if (house.unit_id === null) {
    const community = await deps.houses.communityPlace(house.community_id);
    return community && { kind: 'village', community };
  }
  const unit = await deps.houses.unitPlace(house.unit_id);
  return unit && { kind: 'estate', unit };
}

async function editableHouse(deps: HouseEditsDeps, id: number) {
  const house = await deps.houses.house(id);
  const place = house && (await placeOfHouse(deps, house));
  if (!house || !place) throw notFound('房屋');
  return { house, place };
}

export async function houseForm(deps: HouseEditsDeps, id: number): Promise<HouseForm> {
  const { house, place } = await editableHouse(deps, id);
  return presentHouseForm(house, place);
}

/** The place a new house is put: a unit, or a village house's community. */
async function newPlace(deps: HouseEditsDeps, input: CreateHouseInput): Promise<Place> {
  if (input.unitId !== undefined) {
    const unit = await deps.houses.unitPlace(input.unitId);
    if (!unit) throw outOfScope('UNIT_NOT_FOUND', '所选单元不存在', 'unitId');
    return { kind: 'estate', unit };
  }
  const community = await deps.houses.communityPlace(input.communityId!);
  if (!community) throw outOfScope('COMMUNITY_NOT_FOUND', '所选村（社区）不存在', 'communityId');
  return { kind: 'village', community };
}

export async function createHouse(deps: HouseEditsDeps, input: CreateHouseInput): Promise<HouseForm> {
  return deps.transaction(async (tx) => {
    const place = await newPlace(tx, input);
    const defaultGrid = place.kind === 'estate' ? place.unit.building_grid_id : null;
    const where = await regionOf(tx, place, input.gridId === undefined ? defaultGrid : input.gridId);
    const fields = placeFields(place.kind, input);
    const address = addressOf(place, fields);
    await checkedAddress(tx, place.kind, address);
    const id = await tx.houses.insert({
      ...houseValues(input),
      ...fields,
      unit_id: place.kind === 'estate' ? place.unit.unit_id : null,
      estate_id: place.kind === 'estate' ? place.unit.estate_id : null,
      community_id: communityIdOf(place),
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
    const fields = placeFields(place.kind, input);
    const address = addressOf(place, fields);
    if (address !== house.standard_address) await checkedAddress(tx, place.kind, address, id);
    await tx.houses.update(id, {
      ...houseValues(input),
      ...fields,
      grid_id: where.gridId,
      region_path: where.regionPath,
      standard_address: address,
    });
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
