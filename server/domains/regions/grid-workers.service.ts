import type {
  CheckedGridWorker,
  CheckedGridWorkerUpdate,
  GridWorkerAccount,
  RevealGridWorkerInput,
} from '../../../common/contracts/grid-workers.js';
import type { GridWorker } from '../../../common/contracts/regions.js';
import type { RevealedNumber } from '../../../common/contracts/reveal.js';
import type { AuditEntry } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { conflict, invalid, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertSameRequest, fingerprintOf } from '../../platform/idempotency.js';
import type { GridWorkerRecord, GridWorkersRepository } from './grid-workers.repository.js';
import { presentWorker } from './places.presenter.js';

/**
 * 网格员 (grid workers) added, corrected and removed on their grid's page (docs/decisions/047) by
 * whoever may edit the grid (places.write, through the scope: another community's grid is 404).
 * A worker may be linked to one 网格员 account of their own grid; the special groups they
 * supervise (特殊人群's 管控责任人, named "张三（网格员）") follow a rename and pass to the grid's next
 * worker on removal, so no record names someone who is no longer there. Every change audited.
 */
export interface GridWorkersDeps {
  workers: GridWorkersRepository;
  /** The accounts of role grid_worker whose region is the grid (the identity domain's). */
  accountsOf(gridId: number): Promise<{ id: number; username: string; display_name: string; active: boolean }[]>;
  /** Hands the grid's special-group records supervised by one worker to another (the people domain's); how many. */
  handOverSupervision(gridId: number, from: string, to: string): Promise<number>;
  /** How many of the grid's special-group records a worker supervises. */
  supervisedBy(gridId: number, name: string): Promise<number>;
  countReveal(): Promise<void>;
  audit(entry: AuditEntry): Promise<unknown>;
  transaction<T>(work: (deps: GridWorkersDeps) => Promise<T>): Promise<T>;
}

/** Only those who may edit a grid's workers, or reveal residents' numbers, may read a worker's phone in full. */
export const mayRevealWorkerPhones = (viewer: Pick<Viewer, 'permissions'>) =>
  viewer.permissions.has('places.write') || viewer.permissions.has('personal_data.reveal');

async function gridInScope(deps: GridWorkersDeps, gridId: number) {
  const grid = await deps.workers.grid(gridId);
  if (!grid) throw notFound('网格');
  return grid;
}

async function workerOf(deps: GridWorkersDeps, gridId: number, workerId: number) {
  const worker = await deps.workers.worker(gridId, workerId);
  if (!worker) throw notFound('网格员');
  return worker;
}

const ACCOUNT_TAKEN = (holder?: string) =>
  conflict('WORKER_ACCOUNT_TAKEN', holder ? `该账号已关联网格员“${holder}”` : '该账号已关联其他网格员', { field: 'userId' });

/** Two forms linking one account at once: the unique index (migration 0034) refuses the second, said as the check says it. */
async function linkingOnce<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    throw isUniqueViolation(e) ? ACCOUNT_TAKEN() : e;
  }
}

/** An account given must be a 网格员 account of this grid, in use, and no other worker's. */
async function checkedAccount(deps: GridWorkersDeps, gridId: number, userId: number | null, self?: number) {
  if (userId === null) return;
  const account = (await deps.accountsOf(gridId)).find((a) => a.id === userId);
  if (!account) throw invalid('WORKER_ACCOUNT_NOT_IN_GRID', '所选账号不是本网格的网格员账号', { field: 'userId' });
  if (!account.active) throw invalid('WORKER_ACCOUNT_DISABLED', '所选账号已停用', { field: 'userId' });
  const linked = await deps.workers.linkedTo(userId);
  if (linked && linked.id !== self) throw ACCOUNT_TAKEN(linked.name);
}

const fieldsOf = (input: CheckedGridWorker) => ({
  name: input.name,
  phone: input.phone,
  employment: input.employment,
  user_id: input.userId,
});

const presented = (w: GridWorkerRecord) => presentWorker(w, true);

/**
 * Adds a worker to a grid. Sent again under the same Idempotency-Key (a dialog submitted twice,
 * a retry after a lost answer) it answers the worker first added; the same key with another body is 422.
 */
export async function createGridWorker(
  deps: GridWorkersDeps,
  viewer: Viewer,
  gridId: number,
  input: CheckedGridWorker,
  idempotencyKey?: string,
): Promise<{ created: boolean; worker: GridWorker }> {
  const grid = await gridInScope(deps, gridId);
  const key = idempotencyKey ? `user:${viewer.userId}:${idempotencyKey}` : null;
  const fingerprint = fingerprintOf({ gridId, ...input });
  const replay = async () => {
    const earlier = key ? await deps.workers.byIdempotencyKey(key) : undefined;
    if (!earlier) return undefined;
    assertSameRequest(earlier.idempotency_fingerprint, fingerprint);
    return { created: false, worker: presented(earlier) };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await deps.transaction(async (tx) => {
      await checkedAccount(tx, grid.id, input.userId);
      const id = await tx.workers.insert(grid, fieldsOf(input), { key, fingerprint: key ? fingerprint : null });
      await tx.audit({ action: 'create_grid_worker', entity: 'grid_worker', entityId: id, detail: { name: input.name, grid: grid.name } });
      return { created: true, worker: presented(await workerOf(tx, grid.id, id)) };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Two tries at once: the loser meets the winner's key (a replay) or the account it linked.
    const winner = await replay();
    if (winner) return winner;
    throw ACCOUNT_TAKEN();
  }
}

/**
 * Corrects a worker (the whole form each time, the phone only when it changes); a new name is
 * carried into the special groups they supervise.
 */
export async function updateGridWorker(
  deps: GridWorkersDeps,
  gridId: number,
  workerId: number,
  input: CheckedGridWorkerUpdate,
): Promise<GridWorker> {
  return linkingOnce(
    deps.transaction(async (tx) => {
      const grid = await gridInScope(tx, gridId);
      const before = await workerOf(tx, grid.id, workerId);
      await checkedAccount(tx, grid.id, input.userId, workerId);
      const fields = fieldsOf({ ...input, phone: input.phone ?? before.phone });
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== before[k]);
      if (changed.length > 0) {
        await tx.workers.update(workerId, fields);
        const renamed = before.name !== input.name ? await tx.handOverSupervision(grid.id, before.name, input.name) : 0;
        await tx.audit({
          action: 'update_grid_worker',
          entity: 'grid_worker',
          entityId: workerId,
          // Which fields, not their values: the phone stays out of the log.
          detail: {
            name: input.name,
            grid: grid.name,
            changed,
            ...(before.name !== input.name ? { from: before.name, supervision: renamed } : {}),
          },
        });
      }
      return presented(await workerOf(tx, grid.id, workerId));
    }),
  );
}

/**
 * Removes a worker; their account stays (it is the identity domain's, disabled there if need be).
 * The special groups they supervise pass to the grid's next worker; with nobody left to take them
 * the removal is refused, as a 管控对象 must always have someone responsible.
 */
export async function removeGridWorker(deps: GridWorkersDeps, gridId: number, workerId: number): Promise<void> {
  await deps.transaction(async (tx) => {
    const grid = await gridInScope(tx, gridId);
    const worker = await workerOf(tx, grid.id, workerId);
    const successor = await tx.workers.successor(grid.id, workerId);
    const supervised = await tx.supervisedBy(grid.id, worker.name);
    if (supervised > 0 && !successor) {
      throw conflict(
        'GRID_WORKER_SUPERVISES',
        `${worker.name}是本网格 ${supervised} 名特殊人群的管控责任人，网格内没有其他网格员可以接替，请先新增网格员`,
        { supervised },
      );
    }
    const handedTo = supervised > 0 && successor ? successor.name : null;
    if (handedTo) await tx.handOverSupervision(grid.id, worker.name, handedTo);
    await tx.workers.remove(workerId);
    await tx.audit({
      action: 'remove_grid_worker',
      entity: 'grid_worker',
      entityId: workerId,
      detail: { name: worker.name, grid: grid.name, ...(handedTo ? { handedTo, supervised } : {}) },
    });
  });
}

/** 查看完整号码 of one worker: with a reason, counted, and audited in the same transaction as the read. */
export async function revealGridWorkerPhone(
  deps: GridWorkersDeps,
  gridId: number,
  workerId: number,
  input: RevealGridWorkerInput,
): Promise<RevealedNumber> {
  const grid = await gridInScope(deps, gridId);
  await deps.countReveal();
  return deps.transaction(async (tx) => {
    const worker = await workerOf(tx, grid.id, workerId);
    await tx.audit({
      action: 'reveal_grid_worker_phone',
      entity: 'grid_worker',
      entityId: workerId,
      detail: { name: worker.name, grid: grid.name, reason: input.reason },
    });
    return { value: worker.phone };
  });
}

/** The grid's 网格员 accounts for the form's picker, each with the worker already linked to it. */
export async function gridWorkerAccounts(deps: GridWorkersDeps, gridId: number): Promise<{ items: GridWorkerAccount[] }> {
  const grid = await gridInScope(deps, gridId);
  const accounts = await deps.accountsOf(grid.id);
  const linked = new Map((await deps.workers.linkedToAny(accounts.map((a) => a.id))).map((w) => [w.user_id, w.id]));
  return {
    items: accounts.map((a) => ({
      id: a.id,
      username: a.username,
      displayName: a.display_name,
      active: a.active,
      workerId: linked.get(a.id) ?? null,
    })),
  };
}
