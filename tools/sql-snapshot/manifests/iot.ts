import { deviceTypesRepository } from '../../../server/domains/iot/device-types.repository.js';
import { repository, type FileManifest } from '../manifest.js';

export const iot: FileManifest[] = [
  {
    file: 'server/domains/iot/device-types.repository.ts',
    repositories: [
      repository('deviceTypesRepository', (ctx) => deviceTypesRepository(ctx.db), {
        upsertType: [
          {
            code: 'smoke_detector',
            name: '独立式烟感探测器',
            category: '消防安全',
            fields: '[{"key":"smoke","label":"烟雾","type":"boolean"}]',
            events: '[]',
            offline_minutes: 60,
            has_camera: false,
            case_category_code: null,
            sort: 0,
          },
        ],
        upsertDefaultRule: ['smoke_detector', 'smoke', '{"code":"smoke","kind":"threshold"}'],
      }),
    ],
  },
];
