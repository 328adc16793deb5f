import { idParams } from '../../../common/contracts/shared.js';
import { leader, leaderList, orgUnitDetail, orgUnitPage, orgUnitQuery, propertyCompanyList } from '../../../common/contracts/orgs.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb } from '../../platform/db/scoped-db.js';
import { orgsRepository } from './orgs.repository.js';
import { propertyCompaniesRepository } from './property-companies.repository.js';
import { leaderDetail, listLeaders, listPropertyCompanies, listUnits, unitDetail, type OrgsDeps } from './orgs.service.js';

/** The organisations API (orgs.read): thin — validate, build the deps, call the service, which presents. */
export async function orgsRoutes(app: App) {
  const r = typed(app);
  const deps: OrgsDeps = { orgs: orgsRepository(app.db) };

  r.get(
    '/api/orgs/units',
    guarded('orgs.read', { tags: ['orgs'], summary: '部门与单位', querystring: orgUnitQuery, response: { 200: orgUnitPage } }),
    async (request) => listUnits(deps, request.query),
  );

  r.get(
    '/api/orgs/units/:id',
    guarded('orgs.read', { tags: ['orgs'], summary: '单位详情（分管、联系领导）', params: idParams, response: { 200: orgUnitDetail } }),
    async (request) => unitDetail(deps, request.params.id),
  );

  r.get(
    '/api/orgs/leaders',
    guarded('orgs.read', { tags: ['orgs'], summary: '领导分工（负责、分管、联系、协助、AB角）', response: { 200: leaderList } }),
    async () => listLeaders(deps),
  );

  r.get(
    '/api/orgs/leaders/:id',
    guarded('orgs.read', { tags: ['orgs'], summary: '领导分工详情', params: idParams, response: { 200: leader } }),
    async (request) => leaderDetail(deps, request.params.id),
  );

  r.get(
    '/api/property-companies',
    guarded('orgs.read', { tags: ['orgs'], summary: '物业服务企业及其小区', response: { 200: propertyCompanyList } }),
    async (request) => {
      const viewer = viewerOf(request);
      return listPropertyCompanies({ companies: propertyCompaniesRepository(await scopedDb(app.db, viewer)) }, viewer);
    },
  );
}
