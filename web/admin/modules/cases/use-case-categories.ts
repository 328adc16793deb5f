import { shallowRef } from 'vue';
import { casesApi } from './cases-api';
import type { CaseCategory } from '@common/contracts/cases';

/** The category tree, fetched once per session and shared by the filters, forms and detail page. */
const tree = shallowRef<CaseCategory[] | null>(null);
let pending: Promise<CaseCategory[]> | null = null;

export function loadCaseCategories(): Promise<CaseCategory[]> {
  if (!pending) {
    pending = casesApi.categories().then(({ items }) => (tree.value = items));
    pending.catch(() => {
      pending = null;
    });
  }
  return pending;
}

export function useCaseCategories() {
  loadCaseCategories().catch(() => {
    /* pickers stay empty; pages show their own errors */
  });
  return tree;
}

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
