import type { CaseCategory } from '@common/contracts/cases';

/**
 * Finding the category a resident means from the words they would use: "路灯不亮", "僵尸车",
 * "广场舞太吵". Leaves only (the server takes concrete categories), matched by name, by the
 * catalogue's keywords (data/cases/categories.json) and by the parent's name; a query that
 * contains a keyword matches too, so a whole sentence typed in finds its category.
 */
export interface CategoryLeaf {
  category: CaseCategory;
  parentName: string;
}

export interface CategoryHit extends CategoryLeaf {
  score: number;
  /** The keyword that matched, to show why a result came up; null when the name did. */
  keyword: string | null;
}

export function leavesOf(tree: CaseCategory[]): CategoryLeaf[] {
  return tree.flatMap((parent) =>
    parent.children?.length
      ? parent.children.map((category) => ({ category, parentName: parent.name }))
      : [{ category: parent, parentName: '' }],
  );
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');

export function searchCategories(tree: CaseCategory[], query: string, limit = 8): CategoryHit[] {
  const q = norm(query);
  if (!q) return [];
  const hits: CategoryHit[] = [];
  for (const leaf of leavesOf(tree)) {
    const name = norm(leaf.category.name);
    let score = 0;
    let keyword: string | null = null;
    if (name === q) score = 100;
    else if (name.includes(q)) score = 60;
    else if (q.includes(name)) score = 55;
    for (const raw of leaf.category.keywords ?? []) {
      const k = norm(raw);
      if (!k) continue;
      // Exact keyword, the query inside a keyword, a keyword inside the query (longer is surer).
      const s = k === q ? 50 : k.includes(q) ? 30 : q.includes(k) ? 20 + Math.min(k.length, 8) : 0;
      if (s > score) {
        score = s;
        keyword = raw;
      }
    }
    if (!score && leaf.parentName && norm(leaf.parentName).includes(q)) score = 10;
    if (score) hits.push({ ...leaf, score, keyword: score >= 55 ? null : keyword });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

export function findLeaf(tree: CaseCategory[], id: number | null): CategoryLeaf | null {
  if (id === null) return null;
  return leavesOf(tree).find((l) => l.category.id === id) ?? null;
}
