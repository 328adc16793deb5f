import type { CreateVehicleInput, UpdateVehicleInput } from '../../../common/contracts/vehicles.js';
import type { AuditEntry } from '../../platform/audit.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import type { VehiclesRepository } from './vehicles.repository.js';

/**
 * 车辆登记 and its corrections (docs/decisions/019). A vehicle belongs to the region of the
 * estate it parks in, else of its owner's home; both must be in the viewer's scope, so a grid
 * worker registers the cars of their grid and property staff none. A plate is registered once in
 * the county (409 with the field). Every change is audited in its transaction.
 */
export interface RegistrationDeps {
  vehicles: VehiclesRepository;
  /** An estate of the scope (its own path), or undefined. */
  estate(id: number): Promise<{ id: number; region_path: string } | undefined>;
  /** The region path of an owner's home, when the owner is a resident of the scope. */
  ownerHome(residentId: number): Promise<string | undefined>;
  audit(entry: AuditEntry): Promise<unknown>;
  transaction<T>(work: (deps: RegistrationDeps) => Promise<T>): Promise<T>;
}

const outOfScope = (code: string, message: string, field: string) => new AppError(404, code, message, { field });

/** The vehicle's region: the estate's, else the owner's home's. */
async function regionOf(deps: RegistrationDeps, estateId: number | null, ownerId: number | null): Promise<string> {
  if (estateId) {
    const estate = await deps.estate(estateId);
    if (!estate) throw outOfScope('ESTATE_NOT_FOUND', '所选小区不存在或不在您的管辖范围内', 'estateId');
    if (ownerId && !(await deps.ownerHome(ownerId))) throw outOfScope('OWNER_NOT_FOUND', '车主不存在或不在您的管辖范围内', 'ownerId');
    return estate.region_path;
  }
  if (ownerId) {
    const home = await deps.ownerHome(ownerId);
    if (!home) throw outOfScope('OWNER_NOT_FOUND', '车主不存在或不在您的管辖范围内', 'ownerId');
    return home;
  }
  throw invalid('PLACE_REQUIRED', '请选择停放小区或车主（决定车辆所属区域）', { field: 'estateId' });
}

async function checkedPlate(deps: RegistrationDeps, plate: string, self?: number) {
  const taken = await deps.vehicles.plateRegistered(plate);
  if (taken && taken.id !== self) throw conflict('PLATE_EXISTS', `号牌 ${plate} 已登记`, { field: 'plate' });
}

export async function registerVehicle(deps: RegistrationDeps, input: CreateVehicleInput): Promise<number> {
  return deps.transaction(async (tx) => {
    const regionPath = await regionOf(tx, input.estateId ?? null, input.ownerId ?? null);
    await checkedPlate(tx, input.plate);
    const id = await tx.vehicles.insert({
      plate: input.plate,
      vehicle_type: input.vehicleType,
      brand: input.brand ?? null,
      color: input.color ?? null,
      owner_id: input.ownerId ?? null,
      estate_id: input.estateId ?? null,
      parking_space: input.parkingSpace ?? null,
      region_path: regionPath,
    });
    await tx.audit({ action: 'create_vehicle', entity: 'vehicle', entityId: id, detail: { plate: input.plate } });
    return id;
  });
}

export async function updateVehicle(deps: RegistrationDeps, id: number, input: UpdateVehicleInput): Promise<void> {
  await deps.transaction(async (tx) => {
    const current = await tx.vehicles.byId(id);
    if (!current) throw notFound('车辆');
    if (input.plate !== undefined) await checkedPlate(tx, input.plate, id);
    const movesPlace = input.estateId !== undefined || input.ownerId !== undefined;
    const regionPath = movesPlace
      ? await regionOf(
          tx,
          input.estateId === undefined ? current.estate_id : input.estateId,
          input.ownerId === undefined ? current.owner_id : input.ownerId,
        )
      : undefined;
    await tx.vehicles.update(id, {
      ...(input.plate !== undefined && { plate: input.plate }),
      ...(input.vehicleType !== undefined && { vehicle_type: input.vehicleType }),
      ...(input.brand !== undefined && { brand: input.brand }),
      ...(input.color !== undefined && { color: input.color }),
      ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
      ...(input.estateId !== undefined && { estate_id: input.estateId }),
      ...(input.parkingSpace !== undefined && { parking_space: input.parkingSpace }),
      ...(regionPath !== undefined && { region_path: regionPath }),
    });
    await tx.audit({ action: 'update_vehicle', entity: 'vehicle', entityId: id, detail: { fields: Object.keys(input) } });
  });
}
