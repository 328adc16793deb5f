import type {
  CreateBuildingInput,
  CreateEstateInput,
  EstateForm,
  UpdateBuildingInput,
  UpdateEstateInput,
} from '../../../common/contracts/regions.js';
import type { AuditEntry } from '../../platform/audit.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { EstateEditRow, PlaceEditsRepository } from './place-edits.repository.js';

/**
 * 小区 and 楼栋 created and edited in the admin (docs/decisions/019), as residents are: the
 * contract checks the fields, the scope decides where (a community's staff in their community,
 * a town's in their town; a grid worker or property staff nowhere), a name taken in the same
 * community or estate is a 409 with the field, and every change is audited in its transaction.
 */
export interface PlaceEditsDeps {
  edits: PlaceEditsRepository;
  propertyCompany(id: number): Promise<{ id: number } | undefined>;
  audit(entry: AuditEntry): Promise<unknown>;
  transaction<T>(work: (deps: PlaceEditsDeps) => Promise<T>): Promise<T>;
}

const outOfScope = (code: string, message: string, field: string) => new AppError(404, code, message, { field });

export function presentEstateForm(e: EstateEditRow): EstateForm {
  return {
    id: e.id,
    communityId: e.community_id,
    name: e.name,
    address: e.address,
    builtYear: e.built_year,
    propertyCompanyId: e.property_company_id,
    lon: e.lon,
    lat: e.lat,
  };
}

async function editableEstate(deps: PlaceEditsDeps, id: number) {
  const estate = await deps.edits.estate(id);
  if (!estate) throw notFound('小区');
  return estate;
}

async function checkedCompany(deps: PlaceEditsDeps, id: number | null | undefined) {
  if (id && !(await deps.propertyCompany(id))) throw outOfScope('PROPERTY_COMPANY_NOT_FOUND', '所选物业公司不存在', 'propertyCompanyId');
}

async function checkedEstateName(deps: PlaceEditsDeps, communityId: number, name: string, self?: number) {
  const taken = await deps.edits.estateNamed(communityId, name);
  if (taken && taken.id !== self) throw conflict('ESTATE_EXISTS', `本社区已有名为“${name}”的小区`, { field: 'name' });
}

export async function estateForm(deps: PlaceEditsDeps, id: number): Promise<EstateForm> {
  return presentEstateForm(await editableEstate(deps, id));
}

export async function createEstate(deps: PlaceEditsDeps, input: CreateEstateInput): Promise<EstateForm> {
  return deps.transaction(async (tx) => {
    const community = await tx.edits.community(input.communityId);
    if (!community) throw outOfScope('COMMUNITY_NOT_FOUND', '所选社区不存在或不在您的管辖范围内', 'communityId');
    await checkedCompany(tx, input.propertyCompanyId);
    await checkedEstateName(tx, community.id, input.name);
    const id = await tx.edits.insertEstate({
      community_id: community.id,
      region_path: community.path,
      name: input.name,
      address: input.address,
      built_year: input.builtYear ?? null,
      property_company_id: input.propertyCompanyId ?? null,
      lon: input.lon ?? null,
      lat: input.lat ?? null,
    });
    await tx.audit({ action: 'create_estate', entity: 'estate', entityId: id, detail: { name: input.name } });
    return presentEstateForm((await tx.edits.estate(id))!);
  });
}

export async function updateEstate(deps: PlaceEditsDeps, id: number, input: UpdateEstateInput): Promise<EstateForm> {
  return deps.transaction(async (tx) => {
    const estate = await editableEstate(tx, id);
    if (input.name !== undefined && input.name !== estate.name) {
      // The name is part of every 标准地址 in the estate: renamed with houses, the addresses would lie.
      if (await tx.edits.hasHouses(id))
        throw conflict('ESTATE_HAS_HOUSES', '小区已登记房屋，不能修改名称（名称是房屋标准地址的一部分）', { field: 'name' });
      await checkedEstateName(tx, estate.community_id, input.name, id);
    }
    await checkedCompany(tx, input.propertyCompanyId);
    await tx.edits.updateEstate(id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.builtYear !== undefined && { built_year: input.builtYear }),
      ...(input.propertyCompanyId !== undefined && { property_company_id: input.propertyCompanyId }),
      ...(input.lon !== undefined && { lon: input.lon, lat: input.lat ?? null }),
    });
    await tx.audit({
      action: 'update_estate',
      entity: 'estate',
      entityId: id,
      detail: { name: input.name ?? estate.name, fields: Object.keys(input) },
    });
    return presentEstateForm((await tx.edits.estate(id))!);
  });
}

/** A building's grid lies in its estate's community. */
async function checkedGrid(deps: PlaceEditsDeps, communityId: number, gridId: number | null | undefined) {
  if (gridId && !(await deps.edits.gridOf(communityId, gridId))) throw outOfScope('GRID_NOT_FOUND', '所选网格不在该小区所属社区', 'gridId');
}

async function checkedBuildingName(deps: PlaceEditsDeps, estateId: number, name: string) {
  if (await deps.edits.buildingNamed(estateId, name)) throw conflict('BUILDING_EXISTS', `该小区已有“${name}”`, { field: 'name' });
}

/** 新增楼栋 with its units, 1单元 … N单元, as the county's standard addresses name them. */
export async function createBuilding(deps: PlaceEditsDeps, estateId: number, input: CreateBuildingInput): Promise<{ id: number }> {
  return deps.transaction(async (tx) => {
    const estate = await editableEstate(tx, estateId);
    await checkedGrid(tx, estate.community_id, input.gridId);
    await checkedBuildingName(tx, estate.id, input.name);
    const units = Array.from({ length: input.units }, (_, i) => `${i + 1}单元`);
    const id = await tx.edits.insertBuilding(
      {
        estate_id: estate.id,
        name: input.name,
        floors: input.floors,
        grid_id: input.gridId ?? null,
        lon: input.lon ?? null,
        lat: input.lat ?? null,
      },
      units,
    );
    await tx.audit({
      action: 'create_building',
      entity: 'estate',
      entityId: estate.id,
      detail: { estate: estate.name, buildingId: id, name: input.name, units: input.units },
    });
    return { id };
  });
}

export async function updateBuilding(deps: PlaceEditsDeps, estateId: number, buildingId: number, input: UpdateBuildingInput) {
  return deps.transaction(async (tx) => {
    const estate = await editableEstate(tx, estateId);
    if (!(await tx.edits.building(estate.id, buildingId))) throw notFound('楼栋');
    await checkedGrid(tx, estate.community_id, input.gridId);
    await tx.edits.updateBuilding(buildingId, {
      ...(input.floors !== undefined && { floors: input.floors }),
      ...(input.gridId !== undefined && { grid_id: input.gridId }),
      ...(input.lon !== undefined && { lon: input.lon, lat: input.lat ?? null }),
    });
    await tx.audit({
      action: 'update_building',
      entity: 'estate',
      entityId: estate.id,
      detail: { estate: estate.name, buildingId, fields: Object.keys(input) },
    });
    return { id: buildingId };
  });
}
