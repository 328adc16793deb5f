import { vehiclesRepository } from '../../../server/domains/vehicles/vehicles.repository.js';
import { vehicleBatchRepository } from '../../../server/domains/vehicles/vehicle-batch.repository.js';
import { PAGE_AND_COUNT, repository, RETURNS_ID, type FileManifest } from '../manifest.js';

export const vehicles: FileManifest[] = [
  {
    file: 'server/domains/vehicles/vehicles.repository.ts',
    repositories: [
      repository('vehiclesRepository', (ctx) => vehiclesRepository(ctx.scoped), {
        list: {
          args: [
            { q: 'a123', vehicleType: 'car' },
            { offset: 20, limit: 20 },
          ],
          results: PAGE_AND_COUNT,
        },
        byId: [7],
        ofOwner: [1001],
        plateRegistered: ['鲁A12345'],
        insert: {
          args: [{ plate: '鲁A12345', vehicle_type: 'car', owner_id: 1001, estate_id: 12, region_path: '/1/4/17/' }],
          results: RETURNS_ID,
        },
        update: [7, { parking_space: 'B-12', estate_id: 12, region_path: '/1/4/17/' }],
      }),
    ],
  },
  {
    file: 'server/domains/vehicles/vehicle-batch.repository.ts',
    repositories: [
      repository('vehicleBatchRepository', (ctx) => vehicleBatchRepository(ctx.scoped), {
        inScope: [['鲁A12345', '鲁AD12345']],
        registered: [['鲁A12345']],
        insert: [{ plate: '鲁A12345', vehicle_type: 'car', owner_id: 1001, estate_id: 12, region_path: '/1/4/17/' }],
        update: [7, { vehicle_type: 'suv', owner_id: null, estate_id: 12, parking_space: 'B-12', region_path: '/1/4/17/' }],
      }),
    ],
  },
];
