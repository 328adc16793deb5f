import { z } from 'zod';
import { idParams } from '../../../common/contracts/shared.js';
import { gridWorker } from '../../../common/contracts/regions.js';
import {
  gridWorkerAccounts as accountsSchema,
  gridWorkerBody,
  gridWorkerParams,
  revealGridWorkerBody,
  updateGridWorkerBody,
} from '../../../common/contracts/grid-workers.js';
import { revealedNumber } from '../../../common/contracts/reveal.js';
import { guarded, requiresAny, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { writeAudit } from '../../platform/audit.js';
import { idempotencyKeyOf } from '../../platform/idempotency.js';
import { rateLimits } from '../../platform/rate-limit.js';
import { countReveal } from '../../platform/reveal-limit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { gridWorkerAccountsOf } from '../identity/index.js';
import { handOverSupervision, supervisedByWorker } from '../people/index.js';
import { gridWorkersRepository } from './grid-workers.repository.js';
import {
  createGridWorker,
  gridWorkerAccounts,
  removeGridWorker,
  revealGridWorkerPhone,
  updateGridWorker,
  type GridWorkersDeps,
} from './grid-workers.service.js';

const tags = ['places'];

/** 网格员 of a grid (docs/decisions/047): who may edit the grid (places.write) adds, corrects and removes them. */
export async function gridWorkersRoutes(app: App) {
  const r = typed(app);
  const deps = async (viewer: Viewer) => workerDeps(app, viewer, await scopedDb(app.db, viewer));

  r.post(
    '/api/grids/:id/workers',
    guarded('places.write', {
      tags,
      summary: '新增网格员（可带 Idempotency-Key 重试）',
      params: idParams,
      body: gridWorkerBody,
      response: { 200: gridWorker, 201: gridWorker },
    }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { created, worker } = await createGridWorker(
        await deps(viewer),
        viewer,
        request.params.id,
        request.body,
        idempotencyKeyOf(request),
      );
      return reply.status(created ? 201 : 200).send(worker);
    },
  );

  // The whole form each time, as the grid's other forms send it; the phone only when it changes.
  r.patch(
    '/api/grids/:id/workers/:workerId',
    guarded('places.write', {
      tags,
      summary: '修改网格员（电话不改可不传）',
      params: gridWorkerParams,
      body: updateGridWorkerBody,
      response: { 200: gridWorker },
    }),
    async (request) => updateGridWorker(await deps(viewerOf(request)), request.params.id, request.params.workerId, request.body),
  );

  r.delete(
    '/api/grids/:id/workers/:workerId',
    guarded('places.write', {
      tags,
      summary: '删除网格员（关联的账号保留；其管控的特殊人群交给本网格下一位网格员）',
      params: gridWorkerParams,
      response: { 204: z.null() },
    }),
    async (request, reply) => {
      await removeGridWorker(await deps(viewerOf(request)), request.params.id, request.params.workerId);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/grids/:id/workers/:workerId/reveal',
    {
      schema: {
        tags,
        summary: '查看网格员完整号码（须填写原因，记入审计日志，限频）',
        params: gridWorkerParams,
        body: revealGridWorkerBody,
        response: { 200: revealedNumber },
      },
      preHandler: requiresAny('places.write', 'personal_data.reveal'),
    },
    async (request) => revealGridWorkerPhone(await deps(viewerOf(request)), request.params.id, request.params.workerId, request.body),
  );

  r.get(
    '/api/grids/:id/worker-accounts',
    guarded('places.write', { tags, summary: '本网格的网格员账号（供关联）', params: idParams, response: { 200: accountsSchema } }),
    async (request) => gridWorkerAccounts(await deps(viewerOf(request)), request.params.id),
  );
}

function workerDeps(app: App, viewer: Viewer, scoped: ScopedDb): GridWorkersDeps {
  return {
    workers: gridWorkersRepository(scoped),
    accountsOf: (gridId) => gridWorkerAccountsOf(scoped, gridId),
    handOverSupervision: (gridId, from, to) => handOverSupervision(scoped, gridId, from, to),
    supervisedBy: (gridId, name) => supervisedByWorker(scoped, gridId, name),
    countReveal: () => countReveal(rateLimits(scoped.unscoped), viewer, app.casework.clock.now()),
    audit: (entry) => writeAudit(scoped.unscoped, viewer, entry),
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(workerDeps(app, viewer, scoped.on(trx)))),
  };
}
