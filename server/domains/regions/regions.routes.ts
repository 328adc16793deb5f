import { idParams } from '../../../common/contracts/shared.js';
import { regionDetail as regionDetailSchema, regionNode } from '../../../common/contracts/regions.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { regionsRepository } from './regions.repository.js';
import { regionDetail, regionTree, type RegionsDeps } from './regions.service.js';

/** The regions API: thin — validate, scope, call the service, which presents. */
export async function regionsRoutes(app: App) {
  const r = typed(app);
  const deps = (scoped: ScopedDb): RegionsDeps => ({
    regions: regionsRepository(scoped),
    today: localDateOf(app.casework.clock.now()),
  });

  r.get(
    '/api/regions/tree',
    guarded('regions.read', { tags: ['regions'], summary: '可见区域树（县→镇街→社区村→网格）', response: { 200: regionNode } }),
    async (request) => {
      const viewer = viewerOf(request);
      return regionTree(deps(await scopedDb(app.db, viewer)), viewer);
    },
  );

  r.get(
    '/api/regions/:id',
    guarded('regions.read', { tags: ['regions'], summary: '区域详情与统计', params: idParams, response: { 200: regionDetailSchema } }),
    async (request) => {
      // Scoped to the region asked for: a region outside the viewer's is 404 here.
      const scoped = await scopedDb(app.db, viewerOf(request), request.params.id);
      return regionDetail(deps(scoped), request.params.id);
    },
  );
}
