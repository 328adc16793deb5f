import type { Insertable, Updateable } from 'kysely';
import type { VehicleTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { containing } from '../../platform/db/text-search.js';
import { pageOf } from '../../platform/paging.js';

/**
 * The vehicles of a viewer's scope (region, and for property staff their estates): every query
 * starts from the ScopedDb, so none can leave it.
 */
export interface VehicleFilter {
  q?: string;
  vehicleType?: string;
}

export function vehiclesRepository(db: ScopedDb) {
  const base = (f: VehicleFilter) => {
    let q = db.selectFrom('vehicles');
    if (f.vehicleType) q = q.where('vehicles.vehicle_type', '=', f.vehicleType);
    // 号牌 search: '鲁A12345' exactly, or any part of it ('12345', 'A123').
    if (f.q) q = q.where('vehicles.plate', 'like', containing(f.q.toUpperCase()));
    return q;
  };
  // prettier-ignore
  const withNames = (f: VehicleFilter) =>
    base(f)
      .leftJoin('residents as owner', 'owner.id', 'vehicles.owner_id')
      .leftJoin('estates', 'estates.id', 'vehicles.estate_id')
      .leftJoin('regions as community', 'community.id', 'estates.community_id')
      .select([
        'vehicles.id', 'vehicles.plate', 'vehicles.vehicle_type', 'vehicles.brand', 'vehicles.color', 'vehicles.owner_id', 'vehicles.estate_id',
        'vehicles.parking_space', 'vehicles.region_path', 'owner.name as owner_name', 'estates.name as estate_name',
        'community.name as community_name',
      ]);
  return {
    list: (f: VehicleFilter, page: { offset: number; limit: number }) =>
      pageOf(withNames(f).orderBy('vehicles.plate').offset(page.offset).limit(page.limit), base(f)),
    byId: (id: number) => withNames({}).where('vehicles.id', '=', id).executeTakeFirst(),
    /** A resident's cars (the people pages show them). */
    ofOwner: (ownerId: number) => withNames({}).where('vehicles.owner_id', '=', ownerId).orderBy('vehicles.plate').execute(),

    /** A plate is registered once in the county (migrations/0002), so this looks beyond the scope. */
    plateRegistered: (plate: string) => db.unscoped.selectFrom('vehicles').select('id').where('plate', '=', plate).executeTakeFirst(),

    insert: async (values: Insertable<VehicleTable>) =>
      (await db.unscoped.insertInto('vehicles').values(values).returning('id').executeTakeFirstOrThrow()).id,

    update: (id: number, values: Updateable<VehicleTable>) =>
      db.updateTable('vehicles').set(values).where('vehicles.id', '=', id).execute(),
  };
}

export type VehiclesRepository = ReturnType<typeof vehiclesRepository>;
export type VehicleRow = NonNullable<Awaited<ReturnType<VehiclesRepository['byId']>>>;
