import { sql, type Kysely } from 'kysely';
import type { DB, HouseUse } from '../../platform/db/schema.js';
import { under } from '../../platform/scope.js';
import { pageOf } from '../../platform/paging.js';

export interface HouseFilter {
  path: string;
  estateIds: number[] | null;   // property staff: only these estates
  q?: string;
  houseUse?: HouseUse;
  estateId?: number;
  gridId?: number;
}

export function housesBase(db: Kysely<DB>, f: HouseFilter) {
  let q = db.selectFrom('houses').where('houses.region_path', 'like', under(f.path));
  if (f.estateIds) q = q.where('houses.estate_id', 'in', f.estateIds.length ? f.estateIds : [-1]);
  if (f.houseUse) q = q.where('houses.house_use', '=', f.houseUse);
  if (f.estateId) q = q.where('houses.estate_id', '=', f.estateId);
  if (f.gridId) q = q.where('houses.grid_id', '=', f.gridId);
  // 标准地址 search: the address holds estate, building, unit and room, so one substring test covers them.
  if (f.q) q = q.where('houses.standard_address', 'like', `%${escapeLike(f.q)}%`);
  return q;
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const HOUSE_SORTS = { address: 'houses.standard_address', area: 'houses.area', id: 'houses.id' } as const;
export type HouseSort = keyof typeof HOUSE_SORTS;

export async function listHouses(db: Kysely<DB>, f: HouseFilter, page: { offset: number; limit: number; sort: HouseSort; order: 'asc' | 'desc' }) {
  return pageOf(
    selectHouseColumns(housesBase(db, f))
      .orderBy(HOUSE_SORTS[page.sort], page.order).orderBy('houses.id')
      .offset(page.offset).limit(page.limit),
    housesBase(db, f),
  );
}

export function selectHouseColumns<QB extends ReturnType<typeof housesBase>>(q: QB) {
  return q
    .innerJoin('estates', 'estates.id', 'houses.estate_id')
    .innerJoin('building_units', 'building_units.id', 'houses.unit_id')
    .innerJoin('buildings', 'buildings.id', 'building_units.building_id')
    .innerJoin('regions as community', 'community.id', 'houses.community_id')
    .leftJoin('regions as grid', 'grid.id', 'houses.grid_id')
    .select((eb) => [
      'houses.id', 'houses.standard_address', 'houses.room', 'houses.floor', 'houses.area', 'houses.house_use',
      'houses.rental_mode', 'houses.rental_channel', 'houses.monthly_rent', 'houses.tenant_count',
      'houses.estate_id', 'houses.grid_id', 'houses.community_id', 'houses.region_path',
      'estates.name as estate_name', 'buildings.name as building_name', 'building_units.name as unit_name',
      'community.name as community_name', 'grid.name as grid_name',
      eb.selectFrom('residents').select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('residents.house_id', '=', 'houses.id').where('residents.moved_out_on', 'is', null)
        .as('resident_count'),
    ]);
}

export type HouseRow = Awaited<ReturnType<typeof listHouses>>['rows'][number];

export function houseById(db: Kysely<DB>, id: number, f: HouseFilter) {
  return selectHouseColumns(housesBase(db, f)).where('houses.id', '=', id).executeTakeFirst();
}

export function householdsOfHouse(db: Kysely<DB>, houseId: number) {
  return db.selectFrom('households')
    .leftJoin('residents', 'residents.id', 'households.householder_id')
    .select(['households.id', 'households.household_no', 'residents.name as householder_name'])
    .where('households.house_id', '=', houseId).orderBy('households.id').execute();
}

// ── estates ────────────────────────────────────────────────────────────────

function estatesBase(db: Kysely<DB>, path: string, estateIds: number[] | null) {
  // An estate belongs to a community but may span grids: a grid worker sees the estates that
  // have at least one house in their grid.
  let q = db.selectFrom('estates').where((eb) => eb.or([
    eb('estates.region_path', 'like', under(path)),
    eb.exists(eb.selectFrom('houses').select('houses.id').whereRef('houses.estate_id', '=', 'estates.id').where('houses.region_path', 'like', under(path))),
  ]));
  if (estateIds) q = q.where('estates.id', 'in', estateIds.length ? estateIds : [-1]);
  return q;
}

function selectEstateColumns<QB extends ReturnType<typeof estatesBase>>(q: QB) {
  return q
    .innerJoin('regions as community', 'community.id', 'estates.community_id')
    .leftJoin('property_companies', 'property_companies.id', 'estates.property_company_id')
    .select((eb) => [
      'estates.id', 'estates.name', 'estates.address', 'estates.built_year', 'community.name as community_name',
      'property_companies.id as company_id', 'property_companies.name as company_name',
      eb.selectFrom('buildings').select((e) => e.fn.countAll<number>().as('n')).whereRef('buildings.estate_id', '=', 'estates.id').as('building_count'),
      eb.selectFrom('houses').select((e) => e.fn.countAll<number>().as('n')).whereRef('houses.estate_id', '=', 'estates.id').as('house_count'),
    ]);
}

export async function listEstates(db: Kysely<DB>, path: string, estateIds: number[] | null, q: string | undefined, page: { offset: number; limit: number }) {
  const base = () => {
    const b = estatesBase(db, path, estateIds);
    return q ? b.where('estates.name', 'like', `%${escapeLike(q)}%`) : b;
  };
  return pageOf(selectEstateColumns(base()).orderBy('estates.region_path').orderBy('estates.id').offset(page.offset).limit(page.limit), base());
}

export type EstateRow = Awaited<ReturnType<typeof listEstates>>['rows'][number];

export function estateById(db: Kysely<DB>, id: number, path: string, estateIds: number[] | null) {
  return selectEstateColumns(estatesBase(db, path, estateIds)).where('estates.id', '=', id).executeTakeFirst();
}

export function buildingsOfEstate(db: Kysely<DB>, estateId: number) {
  return db.selectFrom('buildings')
    .innerJoin('building_units', 'building_units.building_id', 'buildings.id')
    .leftJoin('regions as grid', 'grid.id', 'buildings.grid_id')
    .select((eb) => [
      'buildings.id as building_id', 'buildings.name as building_name', 'buildings.floors', 'grid.name as grid_name',
      'building_units.id as unit_id', 'building_units.name as unit_name',
      eb.selectFrom('houses').select((e) => e.fn.countAll<number>().as('n')).whereRef('houses.unit_id', '=', 'building_units.id').as('house_count'),
    ])
    .where('buildings.estate_id', '=', estateId)
    .orderBy(sql`length(buildings.name)`).orderBy('buildings.name').orderBy('building_units.name')
    .execute();
}

// ── grids ──────────────────────────────────────────────────────────────────

export async function listGrids(db: Kysely<DB>, path: string, page: { offset: number; limit: number }) {
  const base = () => db.selectFrom('regions as grid').where('grid.level', '=', 'grid').where('grid.path', 'like', under(path));
  return pageOf(gridColumns(base()).orderBy('grid.path').offset(page.offset).limit(page.limit), base());
}

function gridColumns<QB extends ReturnType<typeof gridBase>>(q: QB) {
  return q
    .innerJoin('regions as community', 'community.id', 'grid.parent_id')
    .select((eb) => [
      'grid.id', 'grid.code', 'grid.name', 'grid.path', 'community.name as community_name',
      eb.selectFrom('houses').select((e) => e.fn.countAll<number>().as('n')).whereRef('houses.grid_id', '=', 'grid.id').as('house_count'),
      eb.selectFrom('residents').select((e) => e.fn.countAll<number>().as('n')).whereRef('residents.grid_id', '=', 'grid.id')
        .where('residents.moved_out_on', 'is', null).as('resident_count'),
    ]);
}
const gridBase = (db: Kysely<DB>) => db.selectFrom('regions as grid');

export function gridById(db: Kysely<DB>, id: number) {
  return gridColumns(gridBase(db)).where('grid.level', '=', 'grid').where('grid.id', '=', id).executeTakeFirst();
}

export function workersOfGrids(db: Kysely<DB>, gridIds: number[]) {
  if (gridIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('grid_workers').select(['id', 'grid_id', 'name', 'phone', 'employment'])
    .where('grid_id', 'in', gridIds).orderBy('employment').orderBy('id').execute();
}
