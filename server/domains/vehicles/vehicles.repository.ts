import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { under } from '../../platform/scope.js';
import { pageOf } from '../../platform/paging.js';
import { escapeLike } from '../regions/places.repository.js';

export interface VehicleFilter { path: string; estateIds: number[] | null; q?: string; vehicleType?: string }

function base(db: Kysely<DB>, f: VehicleFilter) {
  let q = db.selectFrom('vehicles').where('vehicles.region_path', 'like', under(f.path));
  if (f.estateIds) q = q.where('vehicles.estate_id', 'in', f.estateIds.length ? f.estateIds : [-1]);
  if (f.vehicleType) q = q.where('vehicles.vehicle_type', '=', f.vehicleType);
  // 号牌 search: '鲁A12345' exactly, or any part of it ('12345', 'A123').
  if (f.q) q = q.where('vehicles.plate', 'like', `%${escapeLike(f.q.toUpperCase())}%`);
  return q;
}

function columns<QB extends ReturnType<typeof base>>(q: QB) {
  return q
    .leftJoin('residents as owner', 'owner.id', 'vehicles.owner_id')
    .leftJoin('estates', 'estates.id', 'vehicles.estate_id')
    .leftJoin('regions as community', 'community.id', 'estates.community_id')
    .select([
      'vehicles.id', 'vehicles.plate', 'vehicles.vehicle_type', 'vehicles.brand', 'vehicles.color',
      'vehicles.owner_id', 'vehicles.parking_space', 'vehicles.region_path', 'owner.name as owner_name',
      'estates.name as estate_name', 'community.name as community_name',
    ]);
}

export type VehicleRow = Awaited<ReturnType<typeof listVehicles>>['rows'][number];

export async function listVehicles(db: Kysely<DB>, f: VehicleFilter, page: { offset: number; limit: number }) {
  return pageOf(columns(base(db, f)).orderBy('vehicles.plate').offset(page.offset).limit(page.limit), base(db, f));
}

export function vehicleById(db: Kysely<DB>, id: number, f: VehicleFilter) {
  return columns(base(db, f)).where('vehicles.id', '=', id).executeTakeFirst();
}
