import type { Transaction } from 'kysely';
import {
  claimJob,
  createJob,
  finishJob,
  jobById,
  jobInScope,
  recentJobs,
  recordBatch,
  refreshStatistics,
  setTotal,
} from '../../../server/domains/exchange/import-jobs.repository.js';
import type { DB } from '../../../server/platform/db/schema.js';
import { fn, RETURNS_ID, type FileManifest } from '../manifest.js';

export const exchange: FileManifest[] = [
  {
    file: 'server/domains/exchange/import-jobs.repository.ts',
    functions: {
      createJob: fn(
        createJob,
        (ctx) => [
          ctx.db,
          {
            kind: 'residents' as const,
            fileName: '城关社区居民.xlsx',
            sha256: 'ab12',
            path: 'data/imports/ab12.xlsx',
            userId: 42,
            regionId: 17,
          },
        ],
        RETURNS_ID,
      ),
      // The transaction's BEGIN answers first; a job found then is marked running.
      claimJob: fn(claimJob, (ctx) => [ctx.db, 60_000], [[], [{ id: 5, status: 'queued' }]]),
      setTotal: fn(setTotal, (ctx) => [ctx.db, 5, 1200]),
      // Always called inside the import's transaction; the recording database stands in for it.
      recordBatch: fn(recordBatch, (ctx) => [
        ctx.db as Transaction<DB>,
        5,
        {
          rows: 500,
          created: 480,
          updated: 10,
          unchanged: 5,
          errors: [{ row: 17, field: 'idCard', code: 'id_card_checksum', message: '身份证号校验位不对' }],
        },
      ]),
      finishJob: fn(finishJob, (ctx) => [ctx.db, 5]),
      jobById: fn(jobById, (ctx) => [ctx.db, 5]),
      jobInScope: fn(jobInScope, (ctx) => [ctx.scoped, 5]),
      recentJobs: fn(recentJobs, (ctx) => [ctx.scoped, 30]),
      refreshStatistics: fn(refreshStatistics, (ctx) => [ctx.db, 'residents' as const]),
    },
  },
];
