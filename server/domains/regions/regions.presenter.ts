export interface RegionRow {
  id: number; parent_id: number | null; code: string; code_is_local: boolean; name: string;
  level: string; kind: string; smart_tier: string | null; smart_target_tier: string | null;
}

export interface RegionNode {
  id: number; code: string; codeIsLocal: boolean; name: string; level: string; kind: string;
  smartTier: string | null; smartTargetTier: string | null; children: RegionNode[];
}

/** Rows of a subtree (parents before children, as ordered by path depth) → nested nodes. */
export function presentTree(rows: RegionRow[], rootId: number): RegionNode | null {
  const nodes = new Map<number, RegionNode>();
  for (const r of rows) {
    nodes.set(r.id, {
      id: r.id, code: r.code, codeIsLocal: r.code_is_local, name: r.name, level: r.level, kind: r.kind,
      smartTier: r.smart_tier, smartTargetTier: r.smart_target_tier, children: [],
    });
  }
  for (const r of rows) {
    if (r.id === rootId || r.parent_id === null) continue;
    nodes.get(r.parent_id)?.children.push(nodes.get(r.id)!);
  }
  return nodes.get(rootId) ?? null;
}
