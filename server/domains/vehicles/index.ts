/**
 * The vehicles domain's public face (docs/decisions/011): its routes, and the register as other
 * domains may read it. Everything else in this folder is the domain's own.
 */
export { vehiclesRoutes } from './vehicles.routes.js';
export { vehiclesRepository, type VehiclesRepository } from './vehicles.repository.js';
export { presentVehicle } from './vehicles.presenter.js';
