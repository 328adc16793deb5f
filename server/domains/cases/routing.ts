import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { RouteTarget } from '../../../common/contracts/cases.js';
import { catalogueRepository, type CatalogueRepository } from './catalogue.repository.js';
import type { CaseTypes } from './type-registry.js';

/**
 * Who handles a case: a routing rule (category or an ancestor, region or an ancestor, maybe a
 * form field's value) or else the category's default unit, or else the case's own grid. The
 * most specific rule wins: a field condition beats none, a deeper region beats a shallower one,
 * a leaf category beats its parent. A case type whose routing is not data routes its own cases
 * first (type-registry.ts).
 */
export type { RouteTarget };

export interface Route {
  target: RouteTarget;
  reason: string;
}

/** What routing reads of a case. */
export interface RoutingFacts {
  categoryId: number;
  regionId: number;
  regionPath: string;
  attributes: Record<string, unknown>;
}

interface RuleRow {
  category_id: number;
  region_path: string | null;
  attribute_key: string | null;
  attribute_value: string | null;
  org_unit_id: number | null;
  to_grid: boolean;
  note: string | null;
}

/** Pure: the best rule for a case among candidate rules, with its specificity. */
export function pickRule(rules: RuleRow[], c: { categoryChain: number[]; regionPath: string; attributes: Record<string, unknown> }) {
  let best: { rule: RuleRow; score: number[] } | null = null;
  for (const rule of rules) {
    const categoryDepth = c.categoryChain.indexOf(rule.category_id);
    if (categoryDepth < 0) continue;
    if (rule.region_path && !c.regionPath.startsWith(rule.region_path)) continue;
    if (rule.attribute_key && !fieldHas(c.attributes[rule.attribute_key], rule.attribute_value!)) continue;
    const score = [rule.attribute_key ? 1 : 0, rule.region_path?.length ?? 0, -categoryDepth];
    if (!best || compare(score, best.score) > 0) best = { rule, score };
  }
  return best?.rule ?? null;
}

const fieldHas = (value: unknown, wanted: string) =>
  Array.isArray(value) ? value.map(String).includes(wanted) : String(value ?? '') === wanted;
const compare = (a: number[], b: number[]) => a.reduce((d, x, i) => d || x - b[i], 0);

/** The category and its ancestors, leaf first. */
async function categoryChain(catalogue: CatalogueRepository, categoryId: number): Promise<number[]> {
  const chain: number[] = [];
  let id: number | null = categoryId;
  while (id !== null && chain.length < 10) {
    chain.push(id);
    id = (await catalogue.categoryById(id))?.parent_id ?? null;
  }
  return chain;
}

/** The suggested handler of a case by the routing rules, with the reason the dispatcher sees. */
export async function suggestRoute(catalogue: CatalogueRepository, c: RoutingFacts): Promise<Route> {
  const chain = await categoryChain(catalogue, c.categoryId);
  const rule = pickRule(await catalogue.rulesFor(chain), { categoryChain: chain, regionPath: c.regionPath, attributes: c.attributes });
  if (rule?.org_unit_id) return { target: await unitTarget(catalogue, rule.org_unit_id), reason: rule.note ?? '按分派规则' };
  if (rule?.to_grid) return { target: await gridTarget(catalogue, c.regionId), reason: rule.note ?? '按分派规则由属地网格处置' };
  const category = await catalogue.categoryById(c.categoryId);
  if (!category) throw new Error(`case category ${c.categoryId} is gone`);
  if (category.default_org_unit_id)
    return { target: await unitTarget(catalogue, category.default_org_unit_id), reason: `“${category.name}”的默认承办单位` };
  return { target: await gridTarget(catalogue, c.regionId), reason: `“${category.name}”由属地网格处置` };
}

async function unitTarget(catalogue: CatalogueRepository, orgUnitId: number): Promise<RouteTarget> {
  const unit = await catalogue.unitById(orgUnitId);
  if (!unit) throw new Error(`routing names unit ${orgUnitId}, which is gone`);
  return { kind: 'unit', orgUnitId: unit.id, name: unit.name };
}

/** The case's own grid or community: where a case goes when nothing else handles it. */
export async function gridTarget(catalogue: CatalogueRepository, regionId: number): Promise<RouteTarget> {
  const region = await catalogue.regionById(regionId);
  if (!region) throw new Error(`a case lies in region ${regionId}, which is gone`);
  return { kind: 'grid', regionId: region.id, name: region.name };
}

/**
 * Routing and escalation as the demo generator uses them outside a request (its rows must be
 * the engine's own): the rules' suggestion, and the leader in charge of a unit with the AB角.
 */
export const routeCase = (db: Kysely<DB>, c: RoutingFacts) => suggestRoute(catalogueRepository(db), c);
export const leaderInCharge = (db: Kysely<DB>, orgUnitId: number) => catalogueRepository(db).leaderInCharge(orgUnitId);

/** The route of a case: its type's own when the type routes its cases (type-registry.ts), else the rules'. */
export async function routeFor(
  deps: { catalogue: CatalogueRepository; caseTypes: CaseTypes },
  c: RoutingFacts & { caseType: string },
): Promise<Route> {
  return (await deps.caseTypes.get(c.caseType)?.route?.(c)) ?? suggestRoute(deps.catalogue, c);
}
