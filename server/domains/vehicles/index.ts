/**
 * The vehicles domain's public face (docs/decisions/011): its routes, and the register as other
 * domains may read it. Everything else in this folder is the domain's own.
 */
export { vehiclesRoutes } from './vehicles.routes.js';
export { vehiclesRepository, type VehiclesRepository } from './vehicles.repository.js';
export { presentVehicle } from './vehicles.presenter.js';

import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { residentsByIdCard } from '../people/index.js';
import { estatesNamed } from '../regions/index.js';
import { vehicleBatchRepository } from './vehicle-batch.repository.js';
import { storeVehicleBatch, type ImportedVehicle } from './vehicle-batch.js';

export type { ImportedVehicle } from './vehicle-batch.js';

/**
 * Stores one batch of checked vehicle rows (an import's), in the scope's transaction: cars keyed
 * by plate, parked in estates of the scope or owned by its residents.
 */
export function storeVehicles(scoped: ScopedDb, rows: ImportedVehicle[]) {
  return storeVehicleBatch(
    {
      vehicles: vehicleBatchRepository(scoped),
      estates: (names) => estatesNamed(scoped, names),
      owners: (idCards) => residentsByIdCard(scoped, idCards),
    },
    rows,
  );
}
