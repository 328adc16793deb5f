import { casesApi } from './cases-api';
import type { CaseCategory } from '@common/contracts/cases';
import { sessionCache } from '../../composables/session-cache';

/** The category tree, fetched once per session and shared by the filters, forms and detail page. */
const categoryTree = sessionCache(() => casesApi.categories().then(({ items }) => items));
export const useCaseCategories = categoryTree.use;

/** A category anywhere in the tree. */
export function findCategory(roots: CaseCategory[] | null, id: number): CaseCategory | null {
  for (const root of roots ?? []) {
    if (root.id === id) return root;
    const child = root.children?.find((c) => c.id === id);
    if (child) return child;
  }
  return null;
}

/** The category and its children: what a filter on a parent category matches. */
export function categoryAndChildren(roots: CaseCategory[] | null, id: number): Set<number> {
  const found = findCategory(roots, id);
  return new Set([id, ...(found?.children ?? []).map((c) => c.id)]);
}

/**
 * The tree as the options of a NativeSelect, children indented under their parent (a tree inside
 * a listbox confuses screen readers, as RegionSelect explains). With `leafOnly` a parent with
 * children is a heading that cannot be chosen, since cases are reported on a leaf.
 */
export function categoryChoices(roots: CaseCategory[] | null, leafOnly = false) {
  return (roots ?? []).flatMap((parent) => [
    { value: String(parent.id), label: parent.name, disabled: leafOnly && !!parent.children?.length },
    ...(parent.children ?? []).map((c) => ({ value: String(c.id), label: `\u3000${c.name}` })),
  ]);
}
