import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { isWithin } from '../../platform/scope.js';
import { notFound } from '../../platform/errors.js';
import type { CaseRelation } from './case-states.js';
import type { CaseRow } from './cases.repository.js';
import { isReporter } from './cases.repository.js';

/**
 * Who the viewer is to a case. Staff act on cases of their region (dispatcher, verifier,
 * supervisor); a unit's handler on cases dispatched to the unit; a grid worker or community
 * staff on cases dispatched to their grid or community; a reporter on the cases they reported.
 * A case the viewer has no relation to and may not read does not exist for them (404).
 */
export async function relationsTo(db: Kysely<DB>, viewer: Viewer, c: CaseRow): Promise<Set<CaseRelation>> {
  const has = (p: Parameters<typeof viewer.permissions.has>[0]) => viewer.permissions.has(p);
  const inRegion = isWithin(viewer, c.region_path);
  const relations = new Set<CaseRelation>();
  if (has('cases.dispatch') && inRegion) relations.add('dispatcher');
  if (has('cases.verify') && inRegion) relations.add('verifier');
  if (has('cases.supervise') && inRegion) relations.add('supervisor');
  if (has('cases.handle') && handlesIt(viewer, c)) relations.add('handler');
  if (has('cases.report') && await isReporter(db, c.id, viewer.userId)) relations.add('reporter');
  return relations;
}

function handlesIt(viewer: Viewer, c: CaseRow): boolean {
  if (c.handler_unit_id !== null) return viewer.orgUnitId === c.handler_unit_id;
  return c.handler_region_path !== null && c.handler_region_path.startsWith(viewer.regionPath);
}

/** May the viewer read the case at all; throws 404 otherwise. */
export function assertVisible(viewer: Viewer, c: CaseRow, relations: ReadonlySet<CaseRelation>) {
  const reads = viewer.permissions.has('cases.read') && isWithin(viewer, c.region_path);
  const unitCase = viewer.orgUnitId !== null && (c.handler_unit_id === viewer.orgUnitId || c.first_unit_id === viewer.orgUnitId);
  if (reads || unitCase || relations.size > 0) return;
  throw notFound('事件');
}
