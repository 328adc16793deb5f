import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { isWithin, scopePath } from '../../platform/scope.js';
import { writeAudit } from '../../platform/audit.js';
import { parseIdCard } from '../../../common/id-card.js';
import { isValidPhone, normalizePhone } from '../../../common/phone.js';
import * as repo from './people.repository.js';
import { presentResident, presentResidentDetail } from './people.presenter.js';
import type { CreateResidentInput, ResidentFilterInput, UpdateResidentInput } from './people.schema.js';

export const todayIso = () => new Date().toISOString().slice(0, 10);

/** A list's query as the repository filter: scoped to the viewer, narrowed by regionId. */
export async function residentFilter(db: Kysely<DB>, viewer: Viewer, query: ResidentFilterInput): Promise<repo.ResidentFilter> {
  const { regionId, ...rest } = query;
  return { ...rest, q: rest.q || undefined, path: await scopePath(db, viewer, regionId), today: todayIso() };
}

/** A resident the viewer may see, or 404 (never 403: other regions' people do not exist for them). */
async function visibleResident(db: Kysely<DB>, viewer: Viewer, id: number) {
  const row = await repo.residentById(db, id, viewer.regionPath);
  if (!row) throw notFound('居民');
  return row;
}

export async function residentDetail(db: Kysely<DB>, viewer: Viewer, id: number) {
  const row = await visibleResident(db, viewer, id);
  const [members, household, vehicles, moves] = await Promise.all([
    row.household_id ? repo.residentsOfHousehold(db, row.household_id) : Promise.resolve([]),
    row.household_id ? repo.householdById(db, row.household_id) : Promise.resolve(undefined),
    repo.vehiclesOfOwner(db, row.id),
    repo.movesOf(db, row.id),
  ]);
  return {
    ...presentResidentDetail(row, viewer),
    house: row.house_id ? { id: row.house_id, address: row.address } : null,
    household: household ? {
      id: household.id,
      householdNo: household.household_no,
      householderId: household.householder_id,
      // A household can span regions only by data error; members outside scope stay hidden.
      members: members.filter((m) => isWithin(viewer, m.region_path) || m.id === viewer.residentId)
        .map((m) => presentResident(m, viewer)),
    } : null,
    vehicles: vehicles.map((v) => ({ id: v.id, plate: v.plate, vehicleType: v.vehicle_type })),
    moves: moves.map((m) => ({ kind: m.kind, movedOn: m.moved_on, place: m.place, note: m.note })),
    specialGroupsVisible: viewer.permissions.has('special_groups.read'),
  };
}

/** 特殊人群 records: only for permitted roles, and the read and its audit line commit together. */
export async function readSpecialGroups(db: Kysely<DB>, viewer: Viewer, residentId: number) {
  if (!viewer.permissions.has('special_groups.read')) throw forbidden('您无权查看特殊人群信息');
  return db.transaction().execute(async (trx) => {
    await visibleResident(trx, viewer, residentId);
    const records = await repo.specialGroupsOf(trx, residentId);
    await writeAudit(trx, viewer, {
      action: 'read_special_groups', entity: 'resident', entityId: residentId, detail: { records: records.length },
    });
    return records.map((r) => ({ category: r.category, sinceOn: r.since_on, supervisor: r.supervisor, note: r.note }));
  });
}

export async function listResidentsOfHouse(db: Kysely<DB>, viewer: Viewer, houseId: number) {
  const rows = await repo.residentsOfHouse(db, houseId);
  return rows.filter((r) => isWithin(viewer, r.region_path)).map((r) => presentResident(r, viewer));
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
async function placeFor(db: Kysely<DB>, viewer: Viewer, houseId: number | null | undefined, communityId: number | undefined) {
  if (houseId) {
    const house = await db.selectFrom('houses').select(['id', 'community_id', 'grid_id', 'region_path'])
      .where('id', '=', houseId).executeTakeFirst();
    if (!house || !isWithin(viewer, house.region_path)) throw outOfScope('HOUSE_NOT_FOUND', '所选房屋不存在或不在您的管辖范围内', 'houseId');
    return { house_id: house.id, community_id: house.community_id, grid_id: house.grid_id, region_path: house.region_path };
  }
  if (communityId) {
    const c = await db.selectFrom('regions').select(['id', 'path', 'level']).where('id', '=', communityId).executeTakeFirst();
    if (!c || c.level !== 'community' || !isWithin(viewer, c.path)) throw outOfScope('COMMUNITY_NOT_FOUND', '所选社区不存在或不在您的管辖范围内', 'communityId');
    return { house_id: null, community_id: c.id, grid_id: null, region_path: c.path };
  }
  throw invalid('PLACE_REQUIRED', '请选择居住房屋或所属社区', { field: 'houseId' });
}

async function checkedHousehold(db: Kysely<DB>, viewer: Viewer, householdId: number | null | undefined) {
  if (!householdId) return null;
  const h = await repo.householdById(db, householdId);
  if (!h || !isWithin(viewer, h.region_path)) throw outOfScope('HOUSEHOLD_NOT_FOUND', '所选户不存在或不在您的管辖范围内', 'householdId');
  return h.id;
}

export async function createResident(db: Kysely<DB>, viewer: Viewer, input: CreateResidentInput) {
  const id = parseIdCard(input.idCard);
  if (!id.ok) throw invalid(id.code, id.message, { field: 'idCard' });
  const phone = checkedPhone(input.phone);
  return db.transaction().execute(async (trx) => {
    const place = await placeFor(trx, viewer, input.houseId, input.communityId);
    const householdId = await checkedHousehold(trx, viewer, input.householdId);
    const existing = await trx.selectFrom('residents').select('id').where('id_card', '=', id.idCard).executeTakeFirst();
    if (existing) throw conflict('RESIDENT_EXISTS', '该身份证号码的居民已登记');
    const { id: residentId } = await trx.insertInto('residents').values({
      id_card: id.idCard, name: input.name, gender: id.gender, birth_date: id.birthDate, phone: phone ?? null,
      population_type: input.populationType, household_id: householdId, relation: input.relation,
      ...place, tags: input.tags, ethnicity: input.ethnicity ?? null, employer: input.employer ?? null,
      moved_in_on: input.movedInOn ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    if (input.movedInOn) {
      await trx.insertInto('resident_moves').values({ resident_id: residentId, kind: 'move_in', moved_on: input.movedInOn, place: null, note: null }).execute();
    }
    await writeAudit(trx, viewer, { action: 'create_resident', entity: 'resident', entityId: residentId });
    return residentId;
  });
}

export async function updateResident(db: Kysely<DB>, viewer: Viewer, id: number, input: UpdateResidentInput) {
  const phone = input.phone === undefined ? undefined : checkedPhone(input.phone);
  await db.transaction().execute(async (trx) => {
    const current = await visibleResident(trx, viewer, id);
    const place = input.houseId !== undefined && input.houseId !== current.house_id
      ? await placeFor(trx, viewer, input.houseId, input.houseId === null ? current.community_id : undefined)
      : {};
    const householdId = input.householdId === undefined ? undefined : await checkedHousehold(trx, viewer, input.householdId);
    await trx.updateTable('residents').set({
      ...(input.name !== undefined && { name: input.name }),
      ...(phone !== undefined && { phone }),
      ...(input.populationType !== undefined && { population_type: input.populationType }),
      ...(householdId !== undefined && { household_id: householdId }),
      ...(input.relation !== undefined && { relation: input.relation }),
      ...(input.tags !== undefined && { tags: input.tags }),
      ...(input.ethnicity !== undefined && { ethnicity: input.ethnicity }),
      ...(input.employer !== undefined && { employer: input.employer }),
      ...place,
      updated_at: new Date(),
    }).where('id', '=', id).execute();
    await writeAudit(trx, viewer, { action: 'update_resident', entity: 'resident', entityId: id, detail: { fields: Object.keys(input) } });
  });
}

export async function recordMove(db: Kysely<DB>, viewer: Viewer, id: number, move: { kind: 'move_in' | 'move_out'; movedOn: string; place?: string; note?: string }) {
  await db.transaction().execute(async (trx) => {
    const current = await visibleResident(trx, viewer, id);
    if (move.kind === 'move_out' && current.moved_out_on) throw conflict('ALREADY_MOVED_OUT', '该居民已迁出');
    if (move.kind === 'move_in' && current.moved_out_on === null && current.moved_in_on) throw conflict('ALREADY_MOVED_IN', '该居民当前已在册，无需重复迁入');
    if (move.movedOn > todayIso()) throw invalid('DATE_IN_FUTURE', '迁入迁出日期不能晚于今天', { field: 'movedOn' });
    await trx.insertInto('resident_moves').values({ resident_id: id, kind: move.kind, moved_on: move.movedOn, place: move.place ?? null, note: move.note ?? null }).execute();
    await trx.updateTable('residents').set(move.kind === 'move_out'
      ? { moved_out_on: move.movedOn, updated_at: new Date() }
      : { moved_in_on: move.movedOn, moved_out_on: null, updated_at: new Date() })
      .where('id', '=', id).execute();
    await writeAudit(trx, viewer, { action: move.kind, entity: 'resident', entityId: id, detail: { movedOn: move.movedOn } });
  });
}
