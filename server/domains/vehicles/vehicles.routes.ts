import { idParams } from '../../../common/contracts/shared.js';
import { vehicleDetail as vehicleDetailSchema, vehiclePage, vehicleQuery } from '../../../common/contracts/vehicles.js';
import { guarded, listRoute, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb } from '../../platform/db/scoped-db.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { residentItemById } from '../people/index.js';
import { vehiclesRepository } from './vehicles.repository.js';
import { listVehicles, vehicleDetail, type VehiclesDeps } from './vehicles.service.js';

/** The vehicles API: thin — validate, scope, call the service, which presents. */
export async function vehiclesRoutes(app: App) {
  const r = typed(app);
  const deps = (scoped: ScopedDb, viewer: Viewer): VehiclesDeps => ({
    vehicles: vehiclesRepository(scoped),
    owner: (id) => residentItemById(scoped, viewer, id, localDateOf(app.casework.clock.now())),
  });

  listRoute(
    app,
    '/api/vehicles',
    'vehicles.read',
    { tags: ['vehicles'], summary: '车辆列表（号牌搜索）', querystring: vehicleQuery, response: vehiclePage },
    (scoped, query, viewer) => listVehicles(deps(scoped, viewer), viewer, query),
  );

  r.get(
    '/api/vehicles/:id',
    guarded('vehicles.read', { tags: ['vehicles'], summary: '车辆详情', params: idParams, response: { 200: vehicleDetailSchema } }),
    async (request) => {
      const viewer = viewerOf(request);
      return vehicleDetail(deps(await scopedDb(app.db, viewer), viewer), viewer, request.params.id);
    },
  );
}
