import { describe, expect, it } from 'vitest';
import { fakeViewer } from '../../test/fakes.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Role } from '../../../common/enums.js';
import type { ResidentItem } from '../../../common/contracts/people.js';
import { listVehicles, vehicleDetail, type VehiclesDeps } from './vehicles.service.js';
import type { VehicleRow } from './vehicles.repository.js';

/** The vehicle services with a fake repository: what each role is shown of a car and its owner. */
const car: VehicleRow = {
  id: 7,
  plate: '鲁A12345',
  vehicle_type: 'car',
  brand: '捷达',
  color: '白',
  owner_id: 11,
  estate_id: 5,
  parking_space: 'B-12',
  region_path: '/1/2/3/',
  owner_name: '王建国',
  estate_name: '锦绣花园',
  community_name: '锦源社区',
};
const owner = { id: 11, name: '王建国' } as ResidentItem;
const viewer = (role: Role): Viewer => fakeViewer(role, { userId: 1, regionId: 3, regionPath: '/1/2/3/' });
const fake = (rows: VehicleRow[]): VehiclesDeps & { asked: unknown[] } => {
  const asked: unknown[] = [];
  return {
    asked,
    vehicles: {
      list: async (f, page) => {
        asked.push({ f, page });
        return { rows, total: rows.length };
      },
      byId: async (id) => rows.find((r) => r.id === id),
      ofOwner: async () => rows,
    },
    owner: async (id) => (id === owner.id ? owner : null),
  };
};

describe('vehicle services', () => {
  it('shows community staff the owner by name and id; property staff the plate and a masked name', async () => {
    const staff = await listVehicles(fake([car]), viewer('community_staff'), { page: 1, pageSize: 20 });
    expect(staff.items[0]).toMatchObject({ ownerId: 11, ownerName: '王建国' });
    const property = await listVehicles(fake([car]), viewer('property_staff'), { page: 1, pageSize: 20 });
    expect(property.items[0]).toMatchObject({ plate: '鲁A12345', ownerId: null, ownerName: '王**' });
  });

  it('passes the search and the page to the repository as asked', async () => {
    const deps = fake([car]);
    await listVehicles(deps, viewer('community_staff'), { page: 3, pageSize: 50, q: 'a123', vehicleType: 'car' });
    expect(deps.asked).toEqual([{ f: { q: 'a123', vehicleType: 'car' }, page: { offset: 100, limit: 50 } }]);
  });

  it('adds the owner only for roles that read residents, and answers 404 for a car outside the scope', async () => {
    expect((await vehicleDetail(fake([car]), viewer('community_staff'), 7)).owner).toBe(owner);
    expect((await vehicleDetail(fake([car]), viewer('property_staff'), 7)).owner).toBeNull();
    await expect(vehicleDetail(fake([]), viewer('community_staff'), 7)).rejects.toMatchObject({ status: 404 });
  });
});
