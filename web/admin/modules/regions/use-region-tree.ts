import { shallowRef } from 'vue';
import { api } from '@lib/api';
import type { RegionNode } from '@common/contracts/regions';

/** The caller's region subtree, fetched once per session and shared by every picker. */
const tree = shallowRef<RegionNode | null>(null);
let pending: Promise<RegionNode> | null = null;

export function loadRegionTree(): Promise<RegionNode> {
  if (!pending) {
    pending = api.get<RegionNode>('/regions/tree').then((root) => {
      tree.value = root;
      return root;
    });
    pending.catch(() => {
      pending = null;
    });
  }
  return pending;
}

export function useRegionTree() {
  loadRegionTree().catch(() => {
    /* pickers stay empty; pages show their own errors */
  });
  return tree;
}

/** Finds a node by id in the loaded tree (for showing a chosen region's name). */
export function findRegion(root: RegionNode | null, id: number): RegionNode | null {
  if (!root) return null;
  if (root.id === id) return root;
  for (const child of root.children) {
    const hit = findRegion(child, id);
    if (hit) return hit;
  }
  return null;
}
