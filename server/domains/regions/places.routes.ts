import type { z } from 'zod';
import { idParams } from '../../../common/contracts/shared.js';
import {
  estateDetail as estateDetailSchema,
  estatePage,
  estateQuery,
  gridDetail as gridDetailSchema,
  gridPage,
  gridQuery,
  houseDetail as houseDetailSchema,
  housePage,
  houseQuery,
} from '../../../common/contracts/regions.js';
import { guarded, listRoute, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Permission } from '../../platform/auth/permissions.js';
import { residentItemsOfHouse } from '../people/index.js';
import { housesRepository } from './houses.repository.js';
import { estatesRepository } from './estates.repository.js';
import { gridsRepository } from './grids.repository.js';
import { mayRevealWorkerPhones } from './grid-workers.service.js';
import { estateDetail, gridDetail, houseDetail, listEstates, listGrids, listHouses, type PlacesDeps } from './places.service.js';

/** The places API — houses, estates (小区), grids (网格): thin — validate, scope, call the service. */
export async function placesRoutes(app: App) {
  const r = typed(app);
  const depsOn = (scoped: ScopedDb, viewer: Viewer): PlacesDeps => ({
    houses: housesRepository(scoped),
    estates: estatesRepository(scoped),
    grids: gridsRepository(scoped),
    residentsOf: (houseId) => residentItemsOfHouse(scoped, viewer, houseId, localDateOf(app.casework.clock.now())),
    workerPhonesRevealable: mayRevealWorkerPhones(viewer),
  });
  const deps = async (viewer: Viewer) => depsOn(await scopedDb(app.db, viewer), viewer);

  /** A list route of places: its contracts, and the service that lists them. */
  const list = <Q extends z.ZodType<{ regionId?: number }>>(
    url: string,
    permission: Permission,
    schema: { summary: string; querystring: Q; response: z.ZodType },
    service: (deps: PlacesDeps, query: z.infer<Q>) => Promise<unknown>,
  ) => listRoute(app, url, permission, { tags: ['places'], ...schema }, (scoped, query, viewer) => service(depsOn(scoped, viewer), query));

  list('/api/houses', 'houses.read', { summary: '房屋列表', querystring: houseQuery, response: housePage }, listHouses);

  r.get(
    '/api/houses/:id',
    guarded('houses.read', { tags: ['places'], summary: '房屋详情（住户、户）', params: idParams, response: { 200: houseDetailSchema } }),
    async (request) => {
      const viewer = viewerOf(request);
      return houseDetail(await deps(viewer), viewer, request.params.id);
    },
  );

  list('/api/estates', 'houses.read', { summary: '小区列表', querystring: estateQuery, response: estatePage }, listEstates);

  r.get(
    '/api/estates/:id',
    guarded('houses.read', {
      tags: ['places'],
      summary: '小区详情（楼栋、单元）',
      params: idParams,
      response: { 200: estateDetailSchema },
    }),
    async (request) => estateDetail(await deps(viewerOf(request)), request.params.id),
  );

  list('/api/grids', 'grids.read', { summary: '网格列表（网格员、房屋、人数）', querystring: gridQuery, response: gridPage }, listGrids);

  r.get(
    '/api/grids/:id',
    guarded('grids.read', { tags: ['places'], summary: '网格详情', params: idParams, response: { 200: gridDetailSchema } }),
    async (request) => gridDetail(await deps(viewerOf(request)), request.params.id),
  );
}
