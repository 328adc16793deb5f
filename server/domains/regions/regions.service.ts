import type { RegionDetail, RegionNode } from '../../../common/contracts/regions.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import type { RegionsRepository } from './regions.repository.js';
import { presentRegionDetail, presentTree } from './regions.presenter.js';

/** What the region services need: the region tree of a scope, and today's date in Pingyin. */
export interface RegionsDeps {
  regions: RegionsRepository;
  /** 'YYYY-MM-DD' in Asia/Shanghai: 60岁以上 is counted on it. */
  today: string;
}

/** The viewer's region and everything under it. */
export async function regionTree(deps: RegionsDeps, viewer: Viewer): Promise<RegionNode> {
  const root = presentTree(await deps.regions.tree(), viewer.regionId);
  if (!root) throw notFound('区域');
  return root;
}

/**
 * A region with its ancestors and figures. The deps are scoped to the region itself (a scope
 * narrowed to it, which answers 404 outside the viewer's), so the scope's figures are the region's.
 */
export async function regionDetail(deps: RegionsDeps, id: number): Promise<RegionDetail> {
  const region = await deps.regions.byId(id);
  if (!region) throw notFound('区域');
  const ancestorIds = ancestorIdsOf(region);
  const [ancestors, stats] = await Promise.all([deps.regions.names(ancestorIds), deps.regions.figures(deps.today)]);
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  return presentRegionDetail(
    region,
    ancestorIds.flatMap((a) => byId.get(a) ?? []),
    stats,
  );
}

/** '/1/4/17/' → [1, 4]: the ids in a region's path before its own, county first. */
const ancestorIdsOf = (region: { id: number; path: string }) =>
  region.path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((id) => id !== region.id);
