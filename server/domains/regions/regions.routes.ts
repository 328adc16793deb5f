
import { requires, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams } from '../../platform/paging.js';
import { notFound } from '../../platform/errors.js';
import { isWithin } from '../../platform/scope.js';
import { presentTree } from './regions.presenter.js';
import { regionById, regionStats, regionsByIds, regionsUnder } from './regions.repository.js';

const today = () => new Date().toISOString().slice(0, 10);

export async function regionsRoutes(app: App) {
  const r = typed(app);

  r.get('/api/regions/tree', {
    schema: { tags: ['regions'], summary: '可见区域树（县→镇街→社区村→网格）' },
    preHandler: requires('regions.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    return presentTree(await regionsUnder(app.db, viewer.regionPath), viewer.regionId);
  });

  r.get('/api/regions/:id', {
    schema: { tags: ['regions'], summary: '区域详情与统计', params: idParams },
    preHandler: requires('regions.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const region = await regionById(app.db, request.params.id);
    if (!region || !isWithin(viewer, region.path)) throw notFound('区域');
    const ancestorIds = region.path.split('/').filter(Boolean).map(Number).filter((id) => id !== region.id);
    const ancestors = (await regionsByIds(app.db, ancestorIds))
      .sort((a, b) => ancestorIds.indexOf(a.id) - ancestorIds.indexOf(b.id));
    return {
      id: region.id, code: region.code, codeIsLocal: region.code_is_local, name: region.name,
      level: region.level, kind: region.kind, parentId: region.parent_id,
      ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
      smartTier: region.smart_tier, smartTargetTier: region.smart_target_tier,
      smartPilotYear: region.smart_pilot_year, smartSource: region.smart_source,
      lon: region.lon, lat: region.lat,
      stats: await regionStats(app.db, region.path, today()),
    };
  });

}
