import { calendarRepository } from '../../../server/domains/calendar/calendar.repository.js';
import { repository, type FileManifest } from '../manifest.js';

export const calendar: FileManifest[] = [
  {
    file: 'server/domains/calendar/calendar.repository.ts',
    repositories: [
      repository('calendarRepository', (ctx) => calendarRepository(ctx.db), {
        overrides: [],
        setOverride: ['2026-04-06', 'workday', '调休上班'],
        announceChange: [],
      }),
    ],
  },
];
