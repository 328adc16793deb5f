import { z } from 'zod';
import { idParams } from '../../../common/contracts/shared.js';
import {
  buildingIdParams,
  createBuildingBody,
  createEstateBody,
  createGridBody,
  createHouseBody,
  estateForm as estateFormSchema,
  gridForm as gridFormSchema,
  houseForm as houseFormSchema,
  updateBuildingBody,
  updateEstateBody,
  updateGridBody,
  updateHouseBody,
} from '../../../common/contracts/regions.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { writeAudit } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { propertyCompanies } from '../orgs/index.js';
import { residentsFollowHouse } from '../people/index.js';
import { placeEditsRepository } from './place-edits.repository.js';
import { createBuilding, createEstate, estateForm, updateBuilding, updateEstate, type PlaceEditsDeps } from './place-edits.service.js';
import { houseEditsRepository } from './house-edits.repository.js';
import { createHouse, houseForm, updateHouse, type HouseEditsDeps } from './house-edits.service.js';
import { gridEditsRepository } from './grid-edits.repository.js';
import { createGrid, gridForm, updateGrid, type GridEditsDeps } from './grid-edits.service.js';

const tags = ['places'];
const createdBuilding = z.object({ id: z.number().int() });

/**
 * 小区, 楼栋 and 网格 (places.write) and 房屋 (houses.write) created and edited in the viewer's
 * scope: thin — validate, scope, call the service.
 */
export async function placeEditsRoutes(app: App) {
  const r = typed(app);
  const deps = async (viewer: Viewer) => editDeps(viewer, await scopedDb(app.db, viewer));
  const houses = async (viewer: Viewer) => houseDeps(viewer, await scopedDb(app.db, viewer));
  const grids = async (viewer: Viewer) => gridDeps(viewer, await scopedDb(app.db, viewer));

  r.post(
    '/api/estates',
    guarded('places.write', { tags, summary: '新增小区（含经纬度 GCJ-02）', body: createEstateBody, response: { 201: estateFormSchema } }),
    async (request, reply) => reply.status(201).send(await createEstate(await deps(viewerOf(request)), request.body)),
  );

  r.get(
    '/api/estates/:id/form',
    guarded('places.write', { tags, summary: '小区编辑表单的当前值', params: idParams, response: { 200: estateFormSchema } }),
    async (request) => estateForm(await deps(viewerOf(request)), request.params.id),
  );

  r.patch(
    '/api/estates/:id',
    guarded('places.write', { tags, summary: '修改小区', params: idParams, body: updateEstateBody, response: { 200: estateFormSchema } }),
    async (request) => updateEstate(await deps(viewerOf(request)), request.params.id, request.body),
  );

  r.post(
    '/api/estates/:id/buildings',
    guarded('places.write', {
      tags,
      summary: '新增楼栋（及其单元）',
      params: idParams,
      body: createBuildingBody,
      response: { 201: createdBuilding },
    }),
    async (request, reply) => reply.status(201).send(await createBuilding(await deps(viewerOf(request)), request.params.id, request.body)),
  );

  r.patch(
    '/api/estates/:id/buildings/:buildingId',
    guarded('places.write', {
      tags,
      summary: '修改楼栋（层数、网格）',
      params: buildingIdParams,
      body: updateBuildingBody,
      response: { 200: createdBuilding },
    }),
    async (request) => updateBuilding(await deps(viewerOf(request)), request.params.id, request.params.buildingId, request.body),
  );

  r.post(
    '/api/houses',
    guarded('houses.write', {
      tags,
      summary: '新增房屋（楼栋单元内，生成标准地址）',
      body: createHouseBody,
      response: { 201: houseFormSchema },
    }),
    async (request, reply) => reply.status(201).send(await createHouse(await houses(viewerOf(request)), request.body)),
  );

  r.get(
    '/api/houses/:id/form',
    guarded('houses.write', { tags, summary: '房屋编辑表单的当前值', params: idParams, response: { 200: houseFormSchema } }),
    async (request) => houseForm(await houses(viewerOf(request)), request.params.id),
  );

  // The whole form each time (a house's rental terms go with its use), as the estate form sends it.
  r.patch(
    '/api/houses/:id',
    guarded('houses.write', {
      tags,
      summary: '修改房屋（房号、楼层、面积、用途、网格）',
      params: idParams,
      body: updateHouseBody,
      response: { 200: houseFormSchema },
    }),
    async (request) => updateHouse(await houses(viewerOf(request)), request.params.id, request.body),
  );

  r.post(
    '/api/grids',
    guarded('places.write', { tags, summary: '新增网格（名称前加社区名）', body: createGridBody, response: { 201: gridFormSchema } }),
    async (request, reply) => reply.status(201).send(await createGrid(await grids(viewerOf(request)), request.body)),
  );

  r.get(
    '/api/grids/:id/form',
    guarded('places.write', { tags, summary: '网格编辑表单的当前值', params: idParams, response: { 200: gridFormSchema } }),
    async (request) => gridForm(await grids(viewerOf(request)), request.params.id),
  );

  r.patch(
    '/api/grids/:id',
    guarded('places.write', { tags, summary: '网格改名', params: idParams, body: updateGridBody, response: { 200: gridFormSchema } }),
    async (request) => updateGrid(await grids(viewerOf(request)), request.params.id, request.body),
  );
}

function editDeps(viewer: Viewer, scoped: ScopedDb): PlaceEditsDeps {
  return {
    edits: placeEditsRepository(scoped),
    propertyCompany: async (id) => (await propertyCompanies(scoped)).find((c) => c.id === id),
    audit: (entry) => writeAudit(scoped.unscoped, viewer, entry),
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(editDeps(viewer, scoped.on(trx)))),
  };
}

function houseDeps(viewer: Viewer, scoped: ScopedDb): HouseEditsDeps {
  return {
    houses: houseEditsRepository(scoped),
    gridOf: placeEditsRepository(scoped).gridOf,
    residentsFollow: (houseId, place) => residentsFollowHouse(scoped, houseId, place),
    audit: (entry) => writeAudit(scoped.unscoped, viewer, entry),
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(houseDeps(viewer, scoped.on(trx)))),
  };
}

function gridDeps(viewer: Viewer, scoped: ScopedDb): GridEditsDeps {
  return {
    grids: gridEditsRepository(scoped),
    audit: (entry) => writeAudit(scoped.unscoped, viewer, entry),
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(gridDeps(viewer, scoped.on(trx)))),
  };
}
