import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * Who handles a case: a routing rule (category or an ancestor, region or an ancestor, maybe a
 * form field's value) or else the category's default unit, or else the case's own grid. The
 * most specific rule wins: a field condition beats none, a deeper region beats a shallower one,
 * a leaf category beats its parent.
 */
export type RouteTarget =
  | { kind: 'unit'; orgUnitId: number; name: string }
  | { kind: 'grid'; regionId: number; name: string };

export interface Route { target: RouteTarget; reason: string }

interface RuleRow {
  category_id: number; region_path: string | null; attribute_key: string | null; attribute_value: string | null;
  org_unit_id: number | null; to_grid: boolean; note: string | null;
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

const fieldHas = (value: unknown, wanted: string) => (Array.isArray(value) ? value.map(String).includes(wanted) : String(value ?? '') === wanted);
const compare = (a: number[], b: number[]) => a.reduce((d, x, i) => d || x - b[i], 0);

/** The category and its ancestors, leaf first. */
export async function categoryChain(db: Kysely<DB>, categoryId: number): Promise<number[]> {
  const chain: number[] = [];
  let id: number | null = categoryId;
  while (id !== null && chain.length < 10) {
    chain.push(id);
    const row: { parent_id: number | null } | undefined = await db.selectFrom('case_categories').select('parent_id').where('id', '=', id).executeTakeFirst();
    id = row?.parent_id ?? null;
  }
  return chain;
}

export async function routeCase(db: Kysely<DB>, c: { categoryId: number; regionId: number; regionPath: string; attributes: Record<string, unknown> }): Promise<Route> {
  const chain = await categoryChain(db, c.categoryId);
  const rules = await db.selectFrom('case_routing_rules as r').leftJoin('regions', 'regions.id', 'r.region_id')
    .select(['r.category_id', 'regions.path as region_path', 'r.attribute_key', 'r.attribute_value', 'r.org_unit_id', 'r.to_grid', 'r.note'])
    .where('r.category_id', 'in', chain).execute();
  const rule = pickRule(rules, { categoryChain: chain, regionPath: c.regionPath, attributes: c.attributes });
  if (rule?.org_unit_id) return { target: await unitTarget(db, rule.org_unit_id), reason: rule.note ?? '按分派规则' };
  if (rule?.to_grid) return { target: await gridTarget(db, c.regionId), reason: rule.note ?? '按分派规则由属地网格处置' };
  const category = await db.selectFrom('case_categories').select(['default_org_unit_id', 'name']).where('id', '=', c.categoryId).executeTakeFirstOrThrow();
  if (category.default_org_unit_id) return { target: await unitTarget(db, category.default_org_unit_id), reason: `“${category.name}”的默认承办单位` };
  return { target: await gridTarget(db, c.regionId), reason: `“${category.name}”由属地网格处置` };
}

async function unitTarget(db: Kysely<DB>, orgUnitId: number): Promise<RouteTarget> {
  const unit = await db.selectFrom('org_units').select(['id', 'name']).where('id', '=', orgUnitId).executeTakeFirstOrThrow();
  return { kind: 'unit', orgUnitId: unit.id, name: unit.name };
}

async function gridTarget(db: Kysely<DB>, regionId: number): Promise<RouteTarget> {
  const region = await db.selectFrom('regions').select(['id', 'name']).where('id', '=', regionId).executeTakeFirstOrThrow();
  return { kind: 'grid', regionId: region.id, name: region.name };
}

/**
 * Escalation for a unit: the county leader in charge of it (分管, else 负责/联系) from the
 * division of labour, and that leader's AB角 as the backup.
 */
export async function leaderInCharge(db: Kysely<DB>, orgUnitId: number) {
  const duty = await db.selectFrom('leader_duties as d').innerJoin('leaders as l', 'l.id', 'd.leader_id')
    .select(['l.id', 'l.name', 'd.duty'])
    .where('d.org_unit_id', '=', orgUnitId).where('d.duty', 'in', ['in_charge', 'responsible', 'liaison'])
    .orderBy((eb) => eb.case().when('d.duty', '=', 'in_charge').then(0).when('d.duty', '=', 'responsible').then(1).else(2).end())
    .orderBy((eb) => eb.case().when('l.body', '=', '县政府').then(0).else(1).end())
    .orderBy('l.rank').executeTakeFirst();
  if (!duty) return null;
  const pair = await db.selectFrom('leader_ab_pairs').select(['leader_a', 'leader_b'])
    .where((eb) => eb.or([eb('leader_a', '=', duty.id), eb('leader_b', '=', duty.id)])).executeTakeFirst();
  const backupId = pair ? (pair.leader_a === duty.id ? pair.leader_b : pair.leader_a) : null;
  const backup = backupId ? await db.selectFrom('leaders').select(['id', 'name']).where('id', '=', backupId).executeTakeFirst() : undefined;
  return { leaderId: duty.id, leaderName: duty.name, backupId: backup?.id ?? null, backupName: backup?.name ?? null };
}
