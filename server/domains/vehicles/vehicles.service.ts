import type { VehicleDetail, VehicleItem, VehicleQuery } from '../../../common/contracts/vehicles.js';
import type { ResidentItem } from '../../../common/contracts/people.js';
import type { Page } from '../../../common/contracts/shared.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import type { VehiclesRepository } from './vehicles.repository.js';
import { presentVehicle } from './vehicles.presenter.js';

/** What the vehicle services need: the viewer's vehicles, and their owners as the people domain presents them. */
export interface VehiclesDeps {
  vehicles: Pick<VehiclesRepository, 'list' | 'byId' | 'ofOwner'>;
  /** The owner as a resident of the viewer's scope, or null outside it. */
  owner(id: number): Promise<ResidentItem | null>;
}

export async function listVehicles(deps: VehiclesDeps, viewer: Viewer, query: VehicleQuery): Promise<Page<VehicleItem>> {
  const { rows, total } = await deps.vehicles.list(
    { q: query.q || undefined, vehicleType: query.vehicleType },
    { offset: offsetOf(query), limit: query.pageSize },
  );
  return { items: rows.map((v) => presentVehicle(v, viewer)), total };
}

export async function vehicleDetail(deps: VehiclesDeps, viewer: Viewer, id: number): Promise<VehicleDetail> {
  const v = await deps.vehicles.byId(id);
  if (!v) throw notFound('车辆');
  // The owner only for roles that read residents, and only when the owner lives in their scope.
  const owner = v.owner_id !== null && viewer.permissions.has('residents.read') ? await deps.owner(v.owner_id) : null;
  return { ...presentVehicle(v, viewer), owner };
}
