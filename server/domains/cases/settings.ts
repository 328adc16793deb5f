import type { Viewer } from '../../platform/auth/viewer.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { notFound } from '../../platform/errors.js';
import type { RoutingRule, RoutingRuleInput } from '../../../common/contracts/case-desk.js';
import type { CatalogueRepository } from './catalogue.repository.js';

/**
 * What a county administrator configures of casework besides the catalogue file: routing rules
 * by region. (The working-day calendar's local changes are the calendar domain's.)
 */
export async function routingRules(catalogue: CatalogueRepository): Promise<RoutingRule[]> {
  return catalogue.allRules();
}

/** A rule for a category, limited to a region of the administrator's (404 outside it), to a unit or to the grid. */
export async function addRoutingRule(
  deps: { catalogue: CatalogueRepository; scope: (regionId: number) => Promise<ScopedDb> },
  viewer: Viewer,
  b: RoutingRuleInput,
) {
  if (!(await deps.catalogue.categoryById(b.categoryId))) throw notFound('事件分类');
  if (b.regionId !== undefined) await deps.scope(b.regionId);
  if (b.orgUnitId !== undefined && !(await deps.catalogue.unitById(b.orgUnitId))) throw notFound('承办单位');
  const id = await deps.catalogue.insertRule({
    category_id: b.categoryId,
    region_id: b.regionId ?? null,
    org_unit_id: b.orgUnitId ?? null,
    to_grid: b.toGrid,
    note: b.note ?? null,
    created_by: viewer.userId,
  });
  return { id };
}

/** The catalogue file's rules are kept with the file: only rules made here can be deleted. */
export async function deleteRoutingRule(catalogue: CatalogueRepository, id: number) {
  if (!(await catalogue.deleteOwnRule(id))) throw notFound('分派规则');
}
