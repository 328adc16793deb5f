import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import type { DispatchTargets, HandlingUnit } from '../../../common/contracts/case-desk.js';
import type { CaseDeps } from './context.js';

type UnitsDeps = Pick<CaseDeps, 'handlingUnits' | 'transaction' | 'audit'>;

/** Every org unit with whether it handles cases: the county administrator's page. */
export async function handlingUnits(deps: Pick<CaseDeps, 'handlingUnits'>): Promise<HandlingUnit[]> {
  const rows = await deps.handlingUnits.all();
  return rows.map((u) => ({ id: u.id, name: u.name, kind: u.kind, handles: u.handles, source: u.source, handlers: Number(u.handlers) }));
}

/** The administrator turns a unit on or off as a handling unit; the change is audited with it. */
export async function setHandlingUnit(deps: UnitsDeps, viewer: Viewer, orgUnitId: number, handles: boolean) {
  await deps.transaction(async (tx) => {
    if (!(await tx.handlingUnits.set(orgUnitId, handles, viewer.userId))) throw notFound('组织机构');
    await tx.audit(viewer, { action: 'set_case_handling_unit', entity: 'org_unit', entityId: orgUnitId, detail: { handles } });
  });
}

/** Where this dispatcher may send a case: the handling units, and the towns, communities and grids of their region. */
export async function dispatchTargets(deps: Pick<CaseDeps, 'handlingUnits'>): Promise<DispatchTargets> {
  const [units, regions] = await Promise.all([deps.handlingUnits.handlingUnits(), deps.handlingUnits.regionTargets()]);
  return {
    units: units.map((u) => ({ id: u.id, name: u.name, handlers: Number(u.handlers) })),
    regions: regions.map((r) => ({ id: r.id, name: r.name, level: r.level as 'town' | 'community' | 'grid', parentId: r.parent_id })),
  };
}
