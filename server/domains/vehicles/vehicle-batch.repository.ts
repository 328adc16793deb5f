import type { Insertable, Updateable } from 'kysely';
import type { VehicleTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { anyOf } from '../../platform/db/any-of.js';

/** The reads and writes of a vehicles import: cars keyed by plate, in the scope and beyond it. */
export function vehicleBatchRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  return {
    inScope: (plates: string[]) =>
      scoped.selectFrom('vehicles').selectAll('vehicles').where('vehicles.plate', '=', anyOf(plates)).execute(),

    /** Plates registered anywhere in the county (a plate is registered once, migrations/0002). */
    registered: async (plates: string[]) =>
      new Set((await db.selectFrom('vehicles').select('plate').where('plate', '=', anyOf(plates)).execute()).map((v) => v.plate)),

    insert: (values: Insertable<VehicleTable>) => db.insertInto('vehicles').values(values).execute(),

    update: (id: number, values: Updateable<VehicleTable>) =>
      scoped.updateTable('vehicles').set(values).where('vehicles.id', '=', id).execute(),
  };
}

export type VehicleBatchRepository = ReturnType<typeof vehicleBatchRepository>;
