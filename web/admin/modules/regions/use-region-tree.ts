import { api } from '@lib/api';
import type { RegionNode } from '@common/contracts/regions';
import { sessionCache } from '../../composables/session-cache';

/** The caller's region subtree, fetched once per session and shared by every picker. */
const regionTree = sessionCache(() => api.get<RegionNode>('/regions/tree'));
export const loadRegionTree = regionTree.load;
export const useRegionTree = regionTree.use;

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
