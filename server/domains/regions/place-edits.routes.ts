import { z } from 'zod';
import { idParams } from '../../../common/contracts/shared.js';
import {
  buildingIdParams,
  createBuildingBody,
  createEstateBody,
  estateForm as estateFormSchema,
  updateBuildingBody,
  updateEstateBody,
} from '../../../common/contracts/regions.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { writeAudit } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { propertyCompanies } from '../orgs/index.js';
import { placeEditsRepository } from './place-edits.repository.js';
import { createBuilding, createEstate, estateForm, updateBuilding, updateEstate, type PlaceEditsDeps } from './place-edits.service.js';

const tags = ['places'];
const createdBuilding = z.object({ id: z.number().int() });

/** 小区 and 楼栋 created and edited (places.write), in the viewer's scope: thin — validate, scope, call the service. */
export async function placeEditsRoutes(app: App) {
  const r = typed(app);
  const deps = async (viewer: Viewer) => editDeps(viewer, await scopedDb(app.db, viewer));

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
}

function editDeps(viewer: Viewer, scoped: ScopedDb): PlaceEditsDeps {
  return {
    edits: placeEditsRepository(scoped),
    propertyCompany: async (id) => (await propertyCompanies(scoped)).find((c) => c.id === id),
    audit: (entry) => writeAudit(scoped.unscoped, viewer, entry),
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(editDeps(viewer, scoped.on(trx)))),
  };
}
