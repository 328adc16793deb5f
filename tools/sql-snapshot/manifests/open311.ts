import { open311ClientsRepository } from '../../../server/domains/open311/open311.repository.js';
import { repository, type FileManifest } from '../manifest.js';

const KEY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const open311: FileManifest[] = [
  {
    file: 'server/domains/open311/open311.repository.ts',
    repositories: [
      repository('open311ClientsRepository', (ctx) => open311ClientsRepository(ctx.db), {
        activeByKeyHash: [KEY_SHA256],
        upsert: ['县12345热线', KEY_SHA256],
        deactivateByName: ['县12345热线'],
        insert: ['县12345热线', KEY_SHA256],
        all: [],
        byId: [3],
        deactivateById: [3],
      }),
    ],
  },
];
