import type { Leader, OrgUnit, OrgUnitDetail, OrgUnitQuery, PropertyCompany } from '../../../common/contracts/orgs.js';
import type { Page } from '../../../common/contracts/shared.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import type { OrgsRepository } from './orgs.repository.js';
import type { PropertyCompaniesRepository } from './property-companies.repository.js';
import { presentCompany, presentLeader, presentUnit, presentUnitDetail } from './orgs.presenter.js';

/** What the organisation services need: the county's units and leaders (not region-scoped). */
export interface OrgsDeps {
  orgs: OrgsRepository;
}

/** … and for the property companies, those of the viewer's scope. */
export interface PropertyCompaniesDeps {
  companies: PropertyCompaniesRepository;
}

export async function listUnits(deps: OrgsDeps, query: OrgUnitQuery): Promise<Page<OrgUnit>> {
  const { rows, total } = await deps.orgs.units(
    { q: query.q || undefined, kind: query.kind || undefined },
    { offset: offsetOf(query), limit: query.pageSize },
  );
  const duties = await deps.orgs.duties({ unitIds: rows.map((u) => u.id) });
  return {
    items: rows.map((u) =>
      presentUnit(
        u,
        duties.filter((d) => d.org_unit_id === u.id),
      ),
    ),
    total,
  };
}

export async function unitDetail(deps: OrgsDeps, id: number): Promise<OrgUnitDetail> {
  const unit = await deps.orgs.unitById(id);
  if (!unit) throw notFound('单位');
  return presentUnitDetail(unit, await deps.orgs.duties({ unitIds: [unit.id] }));
}

export async function listLeaders(deps: OrgsDeps): Promise<{ items: Leader[] }> {
  return { items: await leadersWithDuties(deps) };
}

export async function leaderDetail(deps: OrgsDeps, id: number): Promise<Leader> {
  const [leader] = await leadersWithDuties(deps, [id]);
  if (!leader) throw notFound('领导');
  return leader;
}

/** Every leader, or those asked for, with their duties and AB角 partner. */
async function leadersWithDuties(deps: OrgsDeps, leaderIds?: number[]): Promise<Leader[]> {
  const [leaders, posts, duties, pairs] = await Promise.all([
    deps.orgs.leaders(),
    deps.orgs.posts(),
    deps.orgs.duties({ leaderIds }),
    deps.orgs.abPairs(),
  ]);
  return leaders
    .filter((l) => !leaderIds || leaderIds.includes(l.id))
    .map((l) =>
      presentLeader(
        l,
        posts.filter((p) => p.leader_id === l.id),
        duties.filter((d) => d.leader_id === l.id),
        pairs,
      ),
    );
}

/**
 * 物业公司: a company is shown to those who can see at least one of its estates, with those
 * estates; the county's staff see every company, even one with no estate yet.
 */
export async function listPropertyCompanies(deps: PropertyCompaniesDeps, viewer: Viewer): Promise<{ items: PropertyCompany[] }> {
  const [companies, estates] = await Promise.all([deps.companies.companies(), deps.companies.managedEstates()]);
  const withEstates = new Set(estates.map((e) => e.property_company_id));
  const visible =
    viewer.regionLevel === 'county' && viewer.role !== 'property_staff' ? companies : companies.filter((c) => withEstates.has(c.id));
  return {
    items: visible.map((c) =>
      presentCompany(
        c,
        estates.filter((e) => e.property_company_id === c.id),
      ),
    ),
  };
}
