import type { VehicleItem } from '../../../common/contracts/vehicles.js';
import { maskName } from '../../../common/mask.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { VehicleRow } from './vehicles.repository.js';

/** A vehicle as the viewer may see it (common/contracts/vehicles.ts). */
export function presentVehicle(v: VehicleRow, viewer: Viewer): VehicleItem {
  const readsResidents = viewer.permissions.has('residents.read');
  return {
    id: v.id,
    plate: v.plate,
    vehicleType: v.vehicle_type,
    brand: v.brand,
    color: v.color,
    ownerId: readsResidents ? v.owner_id : null,
    // Property staff identify a car by its plate; they do not need the owner's full name.
    ownerName: v.owner_name === null ? null : readsResidents ? v.owner_name : maskName(v.owner_name),
    estateId: v.estate_id,
    estateName: v.estate_name,
    parkingSpace: v.parking_space,
    communityName: v.community_name,
  };
}
