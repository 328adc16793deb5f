import type {
  CreateResidentInput,
  MoveInput,
  MyHome,
  ResidentDetail,
  RevealResidentInput,
  ResidentItem,
  ResidentQuery,
  SpecialGroupRecord,
  UpdateResidentInput,
} from '../../../common/contracts/people.js';
import type { RevealedNumber } from '../../../common/contracts/reveal.js';
import type { Page } from '../../../common/contracts/shared.js';
import { parseIdCard } from '../../../common/id-card.js';
import { isValidPhone, normalizePhone } from '../../../common/phone.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { AuditEntry } from '../../platform/audit.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import type { ResidentsRepository } from './people.repository.js';
import { presentResident, presentResidentDetail, presentSpecialGroup, type OwnedVehicle } from './people.presenter.js';

/** Where a resident lives: a house's community, grid and region path. */
export interface ResidentPlace {
  id: number;
  community_id: number;
  grid_id: number | null;
  region_path: string;
}

/** What the people services need; the routes build it over the viewer's ScopedDb. */
export interface PeopleDeps {
  residents: ResidentsRepository;
  /** The regions domain's places, as far as residents need them, in the viewer's scope. */
  places: {
    house(id: number): Promise<ResidentPlace | undefined>;
    community(id: number): Promise<{ id: number; path: string } | undefined>;
    names(ids: number[]): Promise<{ id: number; name: string }[]>;
    /** The grid's workers as its notice board posts them, phones whole (regions' publishedGridWorkersOf). */
    gridWorkers(gridId: number): Promise<MyHome['gridWorkers']>;
  };
  /** A resident's cars in the scope (the vehicles domain's register). */
  vehiclesOf(ownerId: number): Promise<OwnedVehicle[]>;
  audit(entry: AuditEntry): Promise<unknown>;
  /** Counts one 查看完整号码 by the viewer, refusing (429) over the allowance (platform/reveal-limit.ts). */
  countReveal(): Promise<void>;
  /** Runs `work` in one transaction, with every dependency bound to it. */
  transaction<T>(work: (deps: PeopleDeps) => Promise<T>): Promise<T>;
  /** 'YYYY-MM-DD' in Pingyin, from the app's clock: ages and age bands are on it. */
  today: string;
}

export async function listResidents(deps: PeopleDeps, viewer: Viewer, query: ResidentQuery): Promise<Page<ResidentItem>> {
  const { page, pageSize, sort, order, regionId: _scopedAlready, ...filter } = query;
  const { rows, total } = await deps.residents.list(
    { ...filter, q: filter.q || undefined, today: deps.today },
    { offset: offsetOf({ page, pageSize }), limit: pageSize, sort, order },
  );
  return { items: rows.map((row) => presentResident(row, viewer, deps.today)), total };
}

/** A resident the viewer may see, or 404 (never 403: other regions' people do not exist for them). */
async function visibleResident(deps: PeopleDeps, id: number) {
  const row = await deps.residents.byId(id);
  if (!row) throw notFound('居民');
  return row;
}

export async function residentDetail(deps: PeopleDeps, viewer: Viewer, id: number): Promise<ResidentDetail> {
  const row = await visibleResident(deps, id);
  const [household, members, vehicles, moves] = await Promise.all([
    deps.residents.householdOf(row),
    row.household_id === null ? [] : deps.residents.ofHousehold(row.household_id),
    deps.vehiclesOf(row.id),
    deps.residents.movesOf(row.id),
  ]);
  return presentResidentDetail(row, { household, members, vehicles, moves }, viewer, deps.today);
}

/** 特殊人群 records: only for permitted roles, and the read and its audit line commit together. */
export async function readSpecialGroups(deps: PeopleDeps, viewer: Viewer, residentId: number): Promise<SpecialGroupRecord[]> {
  if (!viewer.permissions.has('special_groups.read')) throw forbidden('您无权查看特殊人群信息');
  return deps.transaction(async (tx) => {
    await visibleResident(tx, residentId);
    const records = await tx.residents.specialGroupsOf(residentId);
    await tx.audit({ action: 'read_special_groups', entity: 'resident', entityId: residentId, detail: { records: records.length } });
    return records.map(presentSpecialGroup);
  });
}

const REVEALED_FIELD = { idCard: '身份证号码', phone: '联系电话' } as const;

/**
 * 查看完整号码 (docs/decisions/019): one number of one resident in full, for a role that sees
 * them masked but may reveal one with a reason. The read and its audit line commit together, so
 * no number is shown that the log does not hold; the number is in this answer and no other.
 */
export async function revealResidentNumber(
  deps: PeopleDeps,
  viewer: Viewer,
  id: number,
  input: RevealResidentInput,
): Promise<RevealedNumber> {
  if (!viewer.permissions.has('personal_data.reveal')) throw forbidden('您无权查看完整号码');
  await deps.countReveal();
  return deps.transaction(async (tx) => {
    const row = await visibleResident(tx, id);
    const value = input.field === 'idCard' ? row.id_card : row.phone;
    if (value === null) throw conflict('NUMBER_NOT_RECORDED', `该居民未登记${REVEALED_FIELD[input.field]}`);
    await tx.audit({
      action: 'reveal_personal_data',
      entity: 'resident',
      entityId: id,
      detail: { field: input.field, reason: input.reason },
    });
    return { value };
  });
}

/** 我的家: the signed-in resident's record, community, grid and the grid's workers. */
export async function myHome(deps: PeopleDeps, viewer: Viewer): Promise<MyHome> {
  if (!viewer.residentId) throw forbidden('该账号未关联居民档案');
  const resident = await residentDetail(deps, viewer, viewer.residentId);
  const [names, gridWorkers] = await Promise.all([
    deps.places.names([resident.communityId, ...(resident.gridId ? [resident.gridId] : [])]),
    resident.gridId ? deps.places.gridWorkers(resident.gridId) : [],
  ]);
  const named = (id: number | null) => names.find((n) => n.id === id) ?? null;
  return {
    resident,
    community: named(resident.communityId),
    grid: named(resident.gridId),
    gridWorkers: gridWorkers.map((w) => ({ name: w.name, phone: w.phone, employment: w.employment })),
  };
}

function checkedPhone(phone: string | null | undefined) {
  if (phone === undefined || phone === null || phone === '') return phone === '' ? null : phone;
  const normalized = normalizePhone(phone);
  if (!isValidPhone(normalized)) throw invalid('PHONE_INVALID', '联系电话格式不正确（手机号11位，座机需带区号）', { field: 'phone' });
  return normalized;
}

/**
 * A form names a record that does not exist for this viewer: 404 like any record outside one's
 * scope (issue 7), with the field, so the form can say which one.
 */
const outOfScope = (code: string, message: string, field: string) => new AppError(404, code, message, { field });

/** Where a resident lives decides their region: the house's grid, else the community given. */
async function placeFor(deps: PeopleDeps, houseId: number | null | undefined, communityId: number | undefined) {
  if (houseId) {
    const house = await deps.places.house(houseId);
    if (!house) throw outOfScope('HOUSE_NOT_FOUND', '所选房屋不存在或不在您的管辖范围内', 'houseId');
    return { house_id: house.id, community_id: house.community_id, grid_id: house.grid_id, region_path: house.region_path };
  }
  if (communityId) {
    const community = await deps.places.community(communityId);
    if (!community) throw outOfScope('COMMUNITY_NOT_FOUND', '所选社区不存在或不在您的管辖范围内', 'communityId');
    return { house_id: null, community_id: community.id, grid_id: null, region_path: community.path };
  }
  throw invalid('PLACE_REQUIRED', '请选择居住房屋或所属社区', { field: 'houseId' });
}

async function checkedHousehold(deps: PeopleDeps, householdId: number | null | undefined) {
  if (!householdId) return null;
  const household = await deps.residents.household(householdId);
  if (!household) throw outOfScope('HOUSEHOLD_NOT_FOUND', '所选户不存在或不在您的管辖范围内', 'householdId');
  return household.id;
}

/** 登记居民: the ID number gives birth date and gender; the house (or community) gives the region. */
export async function registerResident(deps: PeopleDeps, viewer: Viewer, input: CreateResidentInput): Promise<ResidentDetail> {
  const id = parseIdCard(input.idCard);
  if (!id.ok) throw invalid(id.code, id.message, { field: 'idCard' });
  const phone = checkedPhone(input.phone);
  const residentId = await deps.transaction(async (tx) => {
    const place = await placeFor(tx, input.houseId, input.communityId);
    const householdId = await checkedHousehold(tx, input.householdId);
    if (await tx.residents.idCardRegistered(id.idCard)) throw conflict('RESIDENT_EXISTS', '该身份证号码的居民已登记');
    const created = await tx.residents.insert({
      id_card: id.idCard,
      name: input.name,
      gender: id.gender,
      birth_date: id.birthDate,
      phone: phone ?? null,
      population_type: input.populationType,
      household_id: householdId,
      relation: input.relation,
      ...place,
      tags: input.tags,
      ethnicity: input.ethnicity ?? null,
      employer: input.employer ?? null,
      moved_in_on: input.movedInOn ?? null,
    });
    if (input.movedInOn)
      await tx.residents.addMove({ residentId: created, kind: 'move_in', movedOn: input.movedInOn, place: null, note: null });
    await tx.audit({ action: 'create_resident', entity: 'resident', entityId: created });
    return created;
  });
  return residentDetail(deps, viewer, residentId);
}

export async function updateResident(deps: PeopleDeps, viewer: Viewer, id: number, input: UpdateResidentInput): Promise<ResidentDetail> {
  const phone = input.phone === undefined ? undefined : checkedPhone(input.phone);
  await deps.transaction(async (tx) => {
    const current = await visibleResident(tx, id);
    const place =
      input.houseId !== undefined && input.houseId !== current.house_id
        ? await placeFor(tx, input.houseId, input.houseId === null ? current.community_id : undefined)
        : {};
    const householdId = input.householdId === undefined ? undefined : await checkedHousehold(tx, input.householdId);
    await tx.residents.update(id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(phone !== undefined && { phone }),
      ...(input.populationType !== undefined && { population_type: input.populationType }),
      ...(householdId !== undefined && { household_id: householdId }),
      ...(input.relation !== undefined && { relation: input.relation }),
      ...(input.tags !== undefined && { tags: input.tags }),
      ...(input.ethnicity !== undefined && { ethnicity: input.ethnicity }),
      ...(input.employer !== undefined && { employer: input.employer }),
      ...place,
    });
    await tx.audit({ action: 'update_resident', entity: 'resident', entityId: id, detail: { fields: Object.keys(input) } });
  });
  return residentDetail(deps, viewer, id);
}

/** 迁入/迁出: a resident moves out once, and moves in again only after moving out; never on a future day. */
export async function recordMove(deps: PeopleDeps, viewer: Viewer, id: number, move: MoveInput): Promise<ResidentDetail> {
  await deps.transaction(async (tx) => {
    const current = await visibleResident(tx, id);
    if (move.kind === 'move_out' && current.moved_out_on) throw conflict('ALREADY_MOVED_OUT', '该居民已迁出');
    if (move.kind === 'move_in' && current.moved_out_on === null && current.moved_in_on)
      throw conflict('ALREADY_MOVED_IN', '该居民当前已在册，无需重复迁入');
    if (move.movedOn > tx.today) throw invalid('DATE_IN_FUTURE', '迁入迁出日期不能晚于今天', { field: 'movedOn' });
    await tx.residents.addMove({
      residentId: id,
      kind: move.kind,
      movedOn: move.movedOn,
      place: move.place ?? null,
      note: move.note ?? null,
    });
    await tx.residents.update(
      id,
      move.kind === 'move_out' ? { moved_out_on: move.movedOn } : { moved_in_on: move.movedOn, moved_out_on: null },
    );
    await tx.audit({ action: move.kind, entity: 'resident', entityId: id, detail: { movedOn: move.movedOn } });
  });
  return residentDetail(deps, viewer, id);
}
