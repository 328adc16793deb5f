import type { Viewer } from '../../platform/auth/viewer.js';

/**
 * Whose tasks a viewer reads (docs/decisions/044). Task lists are not region-scoped: a task
 * belongs to the units it is assigned to, wherever they sit. The office (tasks.supervise) and
 * readers who report nothing (the leaders) read every task; a department handler reads its
 * unit's, town staff their town's. One place decides, and the repository applies it.
 */
export type TaskAudience = { all: true } | { all: false; orgUnitId: number | null; regionId: number | null };

export function taskAudience(viewer: Viewer): TaskAudience {
  if (viewer.permissions.has('tasks.supervise') || !viewer.permissions.has('tasks.report')) return { all: true };
  return {
    all: false,
    orgUnitId: viewer.orgUnitId,
    // Town staff answer for their town; other staff with a region below the county have no task of their own by region.
    regionId: viewer.regionLevel === 'town' ? viewer.regionId : null,
  };
}

/** Is this responsible unit the viewer's own: the unit they file reports for? */
export function isOwnUnit(viewer: Viewer, unit: { org_unit_id: number | null; region_id: number | null }): boolean {
  if (unit.org_unit_id !== null) return unit.org_unit_id === viewer.orgUnitId;
  return unit.region_id !== null && viewer.regionLevel === 'town' && unit.region_id === viewer.regionId;
}
