import { z } from 'zod';
import { VEHICLE_TYPES } from '../../../common/enums.js';
import { maskName } from '../../../common/mask.js';
import { requires, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams, offsetOf, pagingQuery } from '../../platform/paging.js';
import { notFound } from '../../platform/errors.js';
import { estateLimit, scopePath } from '../../platform/scope.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { residentById } from '../people/people.repository.js';
import { presentResident } from '../people/people.presenter.js';
import { listVehicles, vehicleById, type VehicleRow } from './vehicles.repository.js';

const vehicleQuery = z.object({
  ...pagingQuery,
  q: z.string().trim().max(20).optional(),
  regionId: z.coerce.number().int().positive().optional(),
  vehicleType: z.enum(VEHICLE_TYPES).optional(),
});

function presentVehicle(v: VehicleRow, viewer: Viewer) {
  return {
    id: v.id, plate: v.plate, vehicleType: v.vehicle_type, brand: v.brand, color: v.color,
    ownerId: viewer.permissions.has('residents.read') ? v.owner_id : null,
    // Property staff identify a car by its plate; they do not need the owner's full name.
    ownerName: v.owner_name === null ? null : viewer.permissions.has('residents.read') ? v.owner_name : maskName(v.owner_name),
    estateName: v.estate_name, parkingSpace: v.parking_space, communityName: v.community_name,
  };
}

export async function vehiclesRoutes(app: App) {
  const r = typed(app);

  r.get('/api/vehicles', {
    schema: { tags: ['vehicles'], summary: '车辆列表（号牌搜索）', querystring: vehicleQuery },
    preHandler: requires('vehicles.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const q = request.query;
    const filter = { path: await scopePath(app.db, viewer, q.regionId), estateIds: await estateLimit(app.db, viewer), q: q.q || undefined, vehicleType: q.vehicleType };
    const { rows, total } = await listVehicles(app.db, filter, { offset: offsetOf(q), limit: q.pageSize });
    return { items: rows.map((v) => presentVehicle(v, viewer)), total };
  });

  r.get('/api/vehicles/:id', {
    schema: { tags: ['vehicles'], summary: '车辆详情', params: idParams },
    preHandler: requires('vehicles.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const v = await vehicleById(app.db, request.params.id, { path: viewer.regionPath, estateIds: await estateLimit(app.db, viewer) });
    if (!v) throw notFound('车辆');
    const owner = v.owner_id && viewer.permissions.has('residents.read') ? await residentById(app.db, v.owner_id, viewer.regionPath) : undefined;
    return { ...presentVehicle(v, viewer), owner: owner ? presentResident(owner, viewer) : null };
  });
}
