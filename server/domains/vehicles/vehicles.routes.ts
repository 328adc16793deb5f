import { idParams } from '../../../common/contracts/shared.js';
import {
  createVehicleBody,
  updateVehicleBody,
  vehicleDetail as vehicleDetailSchema,
  vehiclePage,
  vehicleQuery,
} from '../../../common/contracts/vehicles.js';
import { guarded, listRoute, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb } from '../../platform/db/scoped-db.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { writeAudit } from '../../platform/audit.js';
import { residentItemById } from '../people/index.js';
import { communityInScope, estateInScope, houseInScope } from '../regions/index.js';
import { registerVehicle, updateVehicle, type RegistrationDeps } from './registration.js';
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

  const registration = (scoped: ScopedDb, viewer: Viewer): RegistrationDeps => ({
    vehicles: vehiclesRepository(scoped),
    estate: (id) => estateInScope(scoped, id),
    ownerHome: async (id) => {
      const owner = await residentItemById(scoped, viewer, id, localDateOf(app.casework.clock.now()));
      if (!owner) return undefined;
      return owner.houseId
        ? (await houseInScope(scoped, owner.houseId))?.region_path
        : (await communityInScope(scoped, owner.communityId))?.path;
    },
    audit: (entry) => writeAudit(scoped.unscoped, viewer, entry),
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(registration(scoped.on(trx), viewer))),
  });

  r.post(
    '/api/vehicles',
    guarded('vehicles.write', { tags: ['vehicles'], summary: '登记车辆', body: createVehicleBody, response: { 201: vehicleDetailSchema } }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      const scoped = await scopedDb(app.db, viewer);
      const id = await registerVehicle(registration(scoped, viewer), request.body);
      return reply.status(201).send(await vehicleDetail(deps(scoped, viewer), viewer, id));
    },
  );

  r.patch(
    '/api/vehicles/:id',
    guarded('vehicles.write', {
      tags: ['vehicles'],
      summary: '修改车辆信息',
      params: idParams,
      body: updateVehicleBody,
      response: { 200: vehicleDetailSchema },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      const scoped = await scopedDb(app.db, viewer);
      await updateVehicle(registration(scoped, viewer), request.params.id, request.body);
      return vehicleDetail(deps(scoped, viewer), viewer, request.params.id);
    },
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
