import { z } from 'zod';
import { requires, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams, offsetOf, pagingQuery } from '../../platform/paging.js';
import { notFound } from '../../platform/errors.js';
import { estateLimit, isWithin, scopePath } from '../../platform/scope.js';
import { houseQuery } from './places.schema.js';
import { houseFilter } from './places.service.js';
import { listResidentsOfHouse } from '../people/people.service.js';
import * as places from './places.repository.js';
import { presentEstate, presentHouse, presentWorker } from './places.presenter.js';

export async function placesRoutes(app: App) {
  const r = typed(app);

  r.get('/api/houses', {
    schema: { tags: ['places'], summary: '房屋列表', querystring: houseQuery },
    preHandler: requires('houses.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const q = request.query;
    const { rows, total } = await places.listHouses(app.db, await houseFilter(app.db, viewer, q), {
      offset: offsetOf(q), limit: q.pageSize, sort: q.sort, order: q.order,
    });
    return { items: rows.map(presentHouse), total };
  });

  r.get('/api/houses/:id', {
    schema: { tags: ['places'], summary: '房屋详情（住户、户）', params: idParams },
    preHandler: requires('houses.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const house = await places.houseById(app.db, request.params.id, await houseFilter(app.db, viewer, {}));
    if (!house) throw notFound('房屋');
    const households = await places.householdsOfHouse(app.db, house.id);
    return {
      ...presentHouse(house),
      households: households.map((h) => ({ id: h.id, householdNo: h.household_no, householderName: h.householder_name })),
      residents: viewer.permissions.has('residents.read') ? await listResidentsOfHouse(app.db, viewer, house.id) : [],
    };
  });

  const estateQuery = z.object({ ...pagingQuery, q: z.string().trim().max(50).optional(), regionId: z.coerce.number().int().positive().optional() });
  r.get('/api/estates', {
    schema: { tags: ['places'], summary: '小区列表', querystring: estateQuery },
    preHandler: requires('houses.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const q = request.query;
    const { rows, total } = await places.listEstates(app.db, await scopePath(app.db, viewer, q.regionId), await estateLimit(app.db, viewer), q.q || undefined, { offset: offsetOf(q), limit: q.pageSize });
    return { items: rows.map(presentEstate), total };
  });

  r.get('/api/estates/:id', {
    schema: { tags: ['places'], summary: '小区详情（楼栋、单元）', params: idParams },
    preHandler: requires('houses.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const estate = await places.estateById(app.db, request.params.id, viewer.regionPath, await estateLimit(app.db, viewer));
    if (!estate) throw notFound('小区');
    const rows = await places.buildingsOfEstate(app.db, estate.id);
    const buildings = new Map<number, { id: number; name: string; floors: number; gridName: string | null; units: { id: number; name: string; houseCount: number }[] }>();
    for (const row of rows) {
      if (!buildings.has(row.building_id)) {
        buildings.set(row.building_id, { id: row.building_id, name: row.building_name, floors: row.floors, gridName: row.grid_name, units: [] });
      }
      buildings.get(row.building_id)!.units.push({ id: row.unit_id, name: row.unit_name, houseCount: Number(row.house_count ?? 0) });
    }
    return { ...presentEstate(estate), buildings: [...buildings.values()] };
  });

  const gridQuery = z.object({ ...pagingQuery, regionId: z.coerce.number().int().positive().optional() });
  r.get('/api/grids', {
    schema: { tags: ['places'], summary: '网格列表（网格员、房屋、人数）', querystring: gridQuery },
    preHandler: requires('grids.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const q = request.query;
    const { rows, total } = await places.listGrids(app.db, await scopePath(app.db, viewer, q.regionId), { offset: offsetOf(q), limit: q.pageSize });
    const workers = await places.workersOfGrids(app.db, rows.map((g) => g.id));
    return {
      items: rows.map((g) => ({
        id: g.id, code: g.code, name: g.name, communityName: g.community_name,
        houseCount: Number(g.house_count ?? 0), residentCount: Number(g.resident_count ?? 0),
        workers: workers.filter((w) => w.grid_id === g.id).map(presentWorker),
      })),
      total,
    };
  });

  r.get('/api/grids/:id', {
    schema: { tags: ['places'], summary: '网格详情', params: idParams },
    preHandler: requires('grids.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const grid = await places.gridById(app.db, request.params.id);
    if (!grid || !isWithin(viewer, grid.path)) throw notFound('网格');
    const [workers, houses] = await Promise.all([
      places.workersOfGrids(app.db, [grid.id]),
      places.listHouses(app.db, { path: grid.path, estateIds: null, gridId: grid.id }, { offset: 0, limit: 50, sort: 'address', order: 'asc' }),
    ]);
    return {
      id: grid.id, code: grid.code, name: grid.name, communityName: grid.community_name,
      houseCount: Number(grid.house_count ?? 0), residentCount: Number(grid.resident_count ?? 0),
      workers: workers.map(presentWorker),
      houses: { items: houses.rows.map(presentHouse), total: houses.total },
    };
  });
}
