import type { Selectable } from 'kysely';
import { RESIDENT_COLUMNS, tableSpec } from '../platform/db/bulk-insert.js';
import type { HouseTable, HouseUse } from '../platform/db/schema.js';

/** The rows the generator writes, column for column, and the SQL type of each column. */

/** A table's row as the generator writes it: every column given, ids too, and moments as ISO text. */
type WrittenRow<Table> = { [K in keyof Selectable<Table>]: Selectable<Table>[K] extends Date ? string : Selectable<Table>[K] };

export interface RegionRow {
  id: number;
  parent_id: number;
  code: string;
  code_is_local: boolean;
  name: string;
  level: 'community' | 'grid';
  kind: string;
  path: string;
  sort: number;
  /** GCJ-02; null for a grid whose buildings are not yet known. */
  lon: number | null;
  lat: number | null;
}
export const REGIONS = tableSpec<RegionRow>('regions', {
  id: 'bigint',
  parent_id: 'bigint',
  code: 'text',
  code_is_local: 'boolean',
  name: 'text',
  level: 'text',
  kind: 'text',
  path: 'text',
  sort: 'int',
  lon: 'numeric',
  lat: 'numeric',
});

export interface PropertyCompanyRow {
  id: number;
  name: string;
  credit_code: string;
  contact: string;
  phone: string;
}
export const PROPERTY_COMPANIES = tableSpec<PropertyCompanyRow>('property_companies', {
  id: 'bigint',
  name: 'text',
  credit_code: 'text',
  contact: 'text',
  phone: 'text',
});

export interface EstateRow {
  id: number;
  community_id: number;
  region_path: string;
  name: string;
  address: string;
  property_company_id: number | null;
  built_year: number;
  lon: number;
  lat: number;
}
export const ESTATES = tableSpec<EstateRow>('estates', {
  id: 'bigint',
  community_id: 'bigint',
  region_path: 'text',
  name: 'text',
  address: 'text',
  property_company_id: 'bigint',
  built_year: 'int',
  lon: 'numeric',
  lat: 'numeric',
});

export interface BuildingRow {
  id: number;
  estate_id: number;
  name: string;
  floors: number;
  grid_id: number | null;
  lon: number;
  lat: number;
}
export const BUILDINGS = tableSpec<BuildingRow>('buildings', {
  id: 'bigint',
  estate_id: 'bigint',
  name: 'text',
  floors: 'int',
  grid_id: 'bigint',
  lon: 'numeric',
  lat: 'numeric',
});

export interface UnitRow {
  id: number;
  building_id: number;
  name: string;
}
export const UNITS = tableSpec<UnitRow>('building_units', { id: 'bigint', building_id: 'bigint', name: 'text' });

export type { HouseUse };
/** Every column of a house, as the table reads it back. */
export type HouseRow = WrittenRow<HouseTable>;
export const HOUSES = tableSpec<HouseRow>('houses', {
  id: 'bigint',
  unit_id: 'bigint',
  estate_id: 'bigint',
  community_id: 'bigint',
  grid_id: 'bigint',
  region_path: 'text',
  room: 'text',
  floor: 'int',
  village_group: 'text',
  door_number: 'text',
  lon: 'numeric',
  lat: 'numeric',
  area: 'numeric',
  house_use: 'text',
  rental_mode: 'text',
  rental_channel: 'text',
  monthly_rent: 'numeric',
  tenant_count: 'int',
  standard_address: 'text',
  updated_at: 'timestamptz',
});

export interface HouseholdRow {
  id: number;
  household_no: string;
  house_id: number;
  region_path: string;
  householder_id: number;
}
export const HOUSEHOLDS = tableSpec<HouseholdRow>('households', {
  id: 'bigint',
  household_no: 'text',
  house_id: 'bigint',
  region_path: 'text',
  householder_id: 'bigint',
});

export type PopulationType = 'registered' | 'resident' | 'floating';
export interface ResidentRow {
  id: number;
  id_card: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  phone: string | null;
  population_type: PopulationType;
  household_id: number;
  relation: string;
  house_id: number;
  community_id: number;
  grid_id: number | null;
  region_path: string;
  tags: string[];
  ethnicity: string;
  employer: string | null;
  moved_in_on: string;
  moved_out_on: string | null;
  updated_at: string;
}
export const RESIDENTS = tableSpec<ResidentRow>('residents', RESIDENT_COLUMNS);

export interface ResidentMoveRow {
  id: number;
  resident_id: number;
  kind: 'move_in' | 'move_out';
  moved_on: string;
  place: string | null;
  note: string | null;
}
export const RESIDENT_MOVES = tableSpec<ResidentMoveRow>('resident_moves', {
  id: 'bigint',
  resident_id: 'bigint',
  kind: 'text',
  moved_on: 'date',
  place: 'text',
  note: 'text',
});

export interface SpecialGroupRow {
  id: number;
  resident_id: number;
  category: string;
  since_on: string;
  supervisor: string;
  note: string;
}
export const SPECIAL_GROUP_RECORDS = tableSpec<SpecialGroupRow>('special_group_records', {
  id: 'bigint',
  resident_id: 'bigint',
  category: 'text',
  since_on: 'date',
  supervisor: 'text',
  note: 'text',
});

export interface VehicleRow {
  id: number;
  plate: string;
  vehicle_type: string;
  brand: string;
  color: string;
  owner_id: number;
  estate_id: number | null;
  parking_space: string | null;
  region_path: string;
}
export const VEHICLES = tableSpec<VehicleRow>('vehicles', {
  id: 'bigint',
  plate: 'text',
  vehicle_type: 'text',
  brand: 'text',
  color: 'text',
  owner_id: 'bigint',
  estate_id: 'bigint',
  parking_space: 'text',
  region_path: 'text',
});

export interface GridWorkerRow {
  id: number;
  grid_id: number;
  region_path: string;
  name: string;
  phone: string;
  employment: 'full_time' | 'part_time';
}
export const GRID_WORKERS = tableSpec<GridWorkerRow>('grid_workers', {
  id: 'bigint',
  grid_id: 'bigint',
  region_path: 'text',
  name: 'text',
  phone: 'text',
  employment: 'text',
});
