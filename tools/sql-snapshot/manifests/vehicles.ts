import { vehiclesRepository } from '../../../server/domains/vehicles/vehicles.repository.js';
import { PAGE_AND_COUNT, repository, type FileManifest } from '../manifest.js';

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
      }),
    ],
  },
];
