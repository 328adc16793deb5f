import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { GridWorkerRecord, GridWorkersRepository } from './grid-workers.repository.js';
import { createGridWorker, updateGridWorker, type GridWorkersDeps } from './grid-workers.service.js';

/**
 * Two forms at once (docs/decisions/047): the unique indexes of migration 0034 settle who wins,
 * and the loser is answered as a retry (same Idempotency-Key) or told the account is taken —
 * never a 500.
 */
const GRID = { id: 4, name: '锦源社区第一网格', path: '/1/2/3/4/' };
const viewer = { userId: 7 } as Viewer;
const input = { name: '赵雅琴', phone: '13805311234', employment: 'full_time' as const, userId: 88 };
const winner: GridWorkerRecord = {
  id: 51,
  grid_id: 4,
  name: '赵雅琴',
  phone: '13805311234',
  employment: 'full_time',
  user_id: 88,
  idempotency_fingerprint: null,
};
const uniqueViolation = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });

function fake(keyed: GridWorkerRecord | undefined): GridWorkersDeps {
  let tries = 0;
  const workers = {
    grid: async () => GRID,
    worker: async () => winner,
    // Nothing under the key before the insert; the winner's after it lost.
    byIdempotencyKey: async () => (tries++ === 0 ? undefined : keyed),
    linkedTo: async () => undefined,
    insert: async () => {
      throw uniqueViolation;
    },
    update: async () => {
      throw uniqueViolation;
    },
  } as unknown as GridWorkersRepository;
  const deps: GridWorkersDeps = {
    workers,
    accountsOf: async () => [{ id: 88, username: 'grid.88', display_name: '赵雅琴', active: true }],
    handOverSupervision: async () => 0,
    supervisedBy: async () => 0,
    countReveal: async () => {},
    audit: async () => {},
    transaction: (work) => work(deps),
  };
  return deps;
}

describe('grid workers written twice at once', () => {
  it('answers the losing retry with the worker the winner added', async () => {
    const res = await createGridWorker(fake(winner), viewer, GRID.id, input, 'add-worker-0001');
    expect(res).toMatchObject({ created: false, worker: { id: 51, phone: '138****1234' } });
  });

  it('tells the loser of two links to one account that it is taken', async () => {
    await expect(createGridWorker(fake(undefined), viewer, GRID.id, input)).rejects.toMatchObject({
      code: 'WORKER_ACCOUNT_TAKEN',
      status: 409,
    });
    await expect(updateGridWorker(fake(undefined), GRID.id, 51, { ...input, name: '赵雅芹' })).rejects.toMatchObject({
      code: 'WORKER_ACCOUNT_TAKEN',
    });
  });
});
