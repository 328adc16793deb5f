import type { CaseCategory, ReportRegion } from '../../../common/contracts/cases.js';
import type { CatalogueRepository } from './catalogue.repository.js';

/** The active category tree for pickers: parents with their leaves, each leaf with its form and limits. */
export async function categoryTree(catalogue: CatalogueRepository): Promise<CaseCategory[]> {
  const rows = await catalogue.categoryRows();
  const node = (r: (typeof rows)[number]) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    caseType: r.case_type,
    isPublic: r.is_public,
    sla: { amount: r.sla_amount, unit: r.sla_unit },
    signLimitHours: r.sign_limit_hours,
    defaultUnit: r.default_unit,
    form: r.form,
    keywords: r.keywords,
  });
  return rows
    .filter((r) => r.parent_id === null)
    .map((p) => ({ ...node(p), children: rows.filter((c) => c.parent_id === p.id).map(node) }));
}

/**
 * Towns, communities and grids of the county by name, for "where is the problem" when it is not
 * at the reporter's home. Names only: what a printed map of the county would show anyway.
 */
export async function reportRegions(catalogue: CatalogueRepository): Promise<ReportRegion[]> {
  return catalogue.reportRegions();
}
