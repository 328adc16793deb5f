import { z } from 'zod';
import { requires, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams, offsetOf, pagingQuery } from '../../platform/paging.js';
import { notFound } from '../../platform/errors.js';
import { estateLimit } from '../../platform/scope.js';
import * as repo from './orgs.repository.js';

type DutyRow = Awaited<ReturnType<typeof repo.dutiesWhere>>[number];

const presentDuty = (d: DutyRow) => ({
  duty: d.duty, workArea: d.work_area, unitId: d.org_unit_id, unitName: d.unit_name,
  assistsLeaderName: d.assisted_name, sourceDoc: d.source_doc,
});

async function leadersWithDuties(app: App, leaderIds?: number[]) {
  const [leaders, duties, pairs] = await Promise.all([repo.listLeaders(app.db), repo.dutiesWhere(app.db, { leaderIds }), repo.abPairs(app.db)]);
  const partnerOf = (id: number) => {
    const p = pairs.find((x) => x.a_id === id || x.b_id === id);
    return p ? (p.a_id === id ? { id: p.b_id, name: p.b_name } : { id: p.a_id, name: p.a_name }) : null;
  };
  return leaders.filter((l) => !leaderIds || leaderIds.includes(l.id)).map((l) => ({
    id: l.id, name: l.name, body: l.body, rank: l.rank,
    duties: duties.filter((d) => d.leader_id === l.id).map(presentDuty),
    abPartner: partnerOf(l.id),
  }));
}

export async function orgsRoutes(app: App) {
  const r = typed(app);
  const unitQuery = z.object({ ...pagingQuery, q: z.string().trim().max(50).optional(), kind: z.string().max(30).optional() });

  r.get('/api/orgs/units', {
    schema: { tags: ['orgs'], summary: '部门与单位', querystring: unitQuery },
    preHandler: requires('orgs.read'),
  }, async (request) => {
    const q = request.query;
    const { rows, total } = await repo.listUnits(app.db, { q: q.q || undefined, kind: q.kind || undefined }, { offset: offsetOf(q), limit: q.pageSize });
    const duties = await repo.dutiesWhere(app.db, { unitIds: rows.map((u) => u.id) });
    return {
      items: rows.map((u) => ({
        id: u.id, name: u.name, kind: u.kind, aliases: u.aliases,
        leaders: duties.filter((d) => d.org_unit_id === u.id).map((d) => ({ id: d.leader_id, name: d.leader_name, duty: d.duty })),
      })),
      total,
    };
  });

  r.get('/api/orgs/units/:id', {
    schema: { tags: ['orgs'], summary: '单位详情（分管、联系领导）', params: idParams },
    preHandler: requires('orgs.read'),
  }, async (request) => {
    const unit = await repo.unitById(app.db, request.params.id);
    if (!unit) throw notFound('单位');
    const duties = await repo.dutiesWhere(app.db, { unitIds: [unit.id] });
    return {
      id: unit.id, name: unit.name, kind: unit.kind, aliases: unit.aliases,
      leaders: duties.map((d) => ({ id: d.leader_id, name: d.leader_name, body: d.body, ...presentDuty(d) })),
    };
  });

  r.get('/api/orgs/leaders', {
    schema: { tags: ['orgs'], summary: '领导分工（负责、分管、联系、协助、AB角）' },
    preHandler: requires('orgs.read'),
  }, async () => ({ items: await leadersWithDuties(app) }));

  r.get('/api/orgs/leaders/:id', {
    schema: { tags: ['orgs'], summary: '领导分工详情', params: idParams },
    preHandler: requires('orgs.read'),
  }, async (request) => {
    const [leader] = await leadersWithDuties(app, [request.params.id]);
    if (!leader) throw notFound('领导');
    return leader;
  });

  r.get('/api/property-companies', {
    schema: { tags: ['orgs'], summary: '物业服务企业及其小区' },
    preHandler: requires('orgs.read'),
  }, async (request) => {
    const viewer = viewerOf(request);
    const limit = await estateLimit(app.db, viewer);
    const { companies, estateRows } = await repo.listPropertyCompanies(app.db, { path: viewer.regionPath, estateIds: limit });
    // A company is shown to those who can see at least one of its estates; the county sees all.
    const withEstates = new Set(estateRows.map((e) => e.property_company_id));
    const visible = viewer.regionLevel === 'county' && viewer.role !== 'property_staff'
      ? companies
      : companies.filter((c) => withEstates.has(c.id));
    return {
      items: visible.map((c) => ({
        id: c.id, name: c.name, phone: c.phone, contact: c.contact,
        estates: estateRows.filter((e) => e.property_company_id === c.id).map((e) => ({ id: e.id, name: e.name })),
      })),
    };
  });
}
