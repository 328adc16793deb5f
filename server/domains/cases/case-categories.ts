import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/** The active category tree for pickers: parents with their leaves, each leaf with its form and limits. */
export async function categoryTree(db: Kysely<DB>) {
  const rows = await db.selectFrom('case_categories as c').leftJoin('org_units as u', 'u.id', 'c.default_org_unit_id')
    .select(['c.id', 'c.code', 'c.parent_id', 'c.name', 'c.case_type', 'c.is_public', 'c.sla_amount', 'c.sla_unit', 'c.sign_limit_hours', 'c.form', 'c.keywords', 'u.name as default_unit'])
    .where('c.active', '=', true).orderBy('c.sort').orderBy('c.id').execute();
  const node = (r: (typeof rows)[number]) => ({
    id: r.id, code: r.code, name: r.name, caseType: r.case_type, isPublic: r.is_public,
    sla: { amount: r.sla_amount, unit: r.sla_unit }, signLimitHours: r.sign_limit_hours,
    defaultUnit: r.default_unit, form: r.form, keywords: r.keywords,
  });
  return rows.filter((r) => r.parent_id === null).map((p) => ({ ...node(p), children: rows.filter((c) => c.parent_id === p.id).map(node) }));
}

/**
 * Towns, communities and grids of the county by name, for "where is the problem" when it is not
 * at the reporter's home. Names only: what a printed map of the county would show anyway.
 */
export async function reportRegions(db: Kysely<DB>) {
  return db.selectFrom('regions').select(['id', 'parent_id as parentId', 'name', 'level'])
    .where('level', 'in', ['town', 'community', 'grid']).orderBy('path').execute();
}
