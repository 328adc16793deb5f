import type { RegionDetail, RegionNode } from '../../../common/contracts/regions.js';
import type { RegionFigures, RegionNodeRow, RegionRow } from './regions.repository.js';

/** Rows of a subtree → nested nodes, each node's children in the rows' order. */
export function presentTree(rows: RegionNodeRow[], rootId: number): RegionNode | null {
  const nodes = new Map<number, RegionNode>();
  for (const r of rows) {
    nodes.set(r.id, {
      id: r.id,
      code: r.code,
      codeIsLocal: r.code_is_local,
      name: r.name,
      level: r.level,
      kind: r.kind,
      smartTier: r.smart_tier,
      smartTargetTier: r.smart_target_tier,
      children: [],
    });
  }
  for (const r of rows) {
    if (r.id === rootId || r.parent_id === null) continue;
    nodes.get(r.parent_id)?.children.push(nodes.get(r.id)!);
  }
  return nodes.get(rootId) ?? null;
}

export function presentRegionDetail(region: RegionRow, ancestors: { id: number; name: string }[], stats: RegionFigures): RegionDetail {
  return {
    id: region.id,
    code: region.code,
    codeIsLocal: region.code_is_local,
    name: region.name,
    level: region.level,
    kind: region.kind,
    parentId: region.parent_id,
    ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
    smartTier: region.smart_tier,
    smartTargetTier: region.smart_target_tier,
    smartPilotYear: region.smart_pilot_year,
    smartSource: region.smart_source,
    smartNote: region.smart_note,
    lon: region.lon,
    lat: region.lat,
    stats,
  };
}
