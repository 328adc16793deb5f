import type { Viewer } from '../../platform/auth/viewer.js';
import type { Permission } from '../../platform/auth/permissions.js';
import type { CaseAction, CaseStatus } from '../../../common/enums.js';
import type { PendingCaseRequest } from '../../platform/db/schema.js';
import { allowedActions } from './states.js';

/**
 * Who may do what with a case, and see which of it: one pure function of the viewer and the
 * case's own facts, used by every case route, the abandoned-vehicle dossier, photos, "me too",
 * the notices and every case presenter (docs/decisions/009-case-policy.md).
 *
 * A relation comes from the record's own assignment — the unit or the grid it is dispatched
 * to, the desk of the region it lies in, the people who reported it — never from a prefix of
 * the viewer's region: a county department's region is the whole county, and a prefix test let
 * it sign for every grid's case (security review, issue 7, finding 1).
 */
export type CaseRelation =
  | 'reporter' // filed the report (not a clerk typing in a 12345 order: the caller is its reporter)
  | 'co_reporter' // said "我也遇到了", or reported a case merged into this one: follows it, nothing more
  | 'dispatcher' // the case desk of a region holding the case: 受理, 立案, 派遣, 结案
  | 'handling_unit' // the department the case is dispatched to
  | 'handling_grid' // the grid (or community) the case is dispatched to: its grid workers and its community desk
  | 'first_unit' // 首接负责: the unit that signed first still answers for the case after a transfer
  | 'verifier' // 核查 in the region holding the case
  | 'supervisor'; // 督办 in the region holding the case

/**
 * Who a timeline line or a notification is for. `public`: everyone who may see the case at all
 * (reporters, and the public map and Open311 for public categories). `staff`: everyone with the
 * staff view. `internal`: the staff who work the case — desk, handling unit or grid, verifier —
 * not those who only watch it (leaders, supervisors, a first unit after a transfer): internal
 * notes carry what the work needs (a caller to ring back, an owner's details).
 */
export const AUDIENCES = ['public', 'staff', 'internal'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What the policy needs to know of a case: its place, its assignment, and the viewer's reports. */
export interface CaseFacts {
  regionPath: string;
  status: CaseStatus;
  pendingRequest: PendingCaseRequest | null;
  reopenCount: number;
  handlerUnitId: number | null;
  /** The grid or community the case is dispatched to. */
  handlerRegion: { id: number; path: string; level: string } | null;
  firstUnitId: number | null;
  /** The viewer filed it / follows it through a case source of their own. */
  viewerFiled: boolean;
  viewerFollows: boolean;
}

export interface CaseAccess {
  relations: ReadonlySet<CaseRelation>;
  /** null: the case does not exist for this viewer (404). */
  view: 'staff' | 'reporter' | null;
  audiences: ReadonlySet<Audience>;
  /** Other people's ID numbers, phones and names: in full, or masked (decision 003). */
  personalData: 'full' | 'masked';
  /** The filer's own words (title, description, typed address): staff and the filer only. */
  reportText: boolean;
  /** Case sources: all of them (staff) or the viewer's own. */
  sources: 'all' | 'own';
  /** The abandoned-vehicle dossier (the owner's data) and the photo originals: staff view only. */
  evidence: boolean;
  actions: CaseAction[];
}

const WORKING: readonly CaseRelation[] = ['dispatcher', 'handling_unit', 'handling_grid', 'verifier'];
const STAFF: readonly CaseRelation[] = [...WORKING, 'first_unit', 'supervisor'];

const within = (path: string, region: string) => path.startsWith(region);
/** The region ids of a path, county first: '/1/4/17/230/' → [1, 4, 17, 230]. */
const idsOf = (path: string) => path.split('/').filter(Boolean).map(Number);
const parentOf = (path: string) => idsOf(path).at(-2) ?? null;

/**
 * The people of a dispatch target: a grid's own grid workers and the desk of its community; a
 * community's desk and the grid workers of its grids. Decided by the target's id and its direct
 * parent, so a town or a county viewer is never "of" a grid.
 */
export function isOfTarget(
  viewer: Pick<Viewer, 'regionId' | 'regionPath' | 'regionLevel'>,
  target: NonNullable<CaseFacts['handlerRegion']>,
): boolean {
  if (viewer.regionId === target.id) return true;
  if (viewer.regionLevel === 'grid' && target.level === 'community') return parentOf(viewer.regionPath) === target.id;
  if (viewer.regionLevel === 'community' && target.level === 'grid') return parentOf(target.path) === viewer.regionId;
  return false;
}

export function relationsOf(viewer: Viewer, c: CaseFacts): Set<CaseRelation> {
  const has = (p: Permission) => viewer.permissions.has(p);
  const inRegion = within(c.regionPath, viewer.regionPath);
  const relations = new Set<CaseRelation>();
  if (has('cases.dispatch') && inRegion) relations.add('dispatcher');
  if (has('cases.verify') && inRegion) relations.add('verifier');
  if (has('cases.supervise') && inRegion) relations.add('supervisor');
  if (has('cases.handle') && c.handlerUnitId !== null && viewer.orgUnitId === c.handlerUnitId) relations.add('handling_unit');
  if (has('cases.handle') && c.handlerUnitId === null && c.handlerRegion && isOfTarget(viewer, c.handlerRegion))
    relations.add('handling_grid');
  if (viewer.orgUnitId !== null && viewer.orgUnitId === c.firstUnitId && viewer.orgUnitId !== c.handlerUnitId) relations.add('first_unit');
  if (has('cases.report') && c.viewerFiled) relations.add('reporter');
  else if (has('cases.report') && c.viewerFollows) relations.add('co_reporter');
  return relations;
}

/** The whole answer for one viewer and one case. */
export function caseAccess(viewer: Viewer, c: CaseFacts): CaseAccess {
  const relations = relationsOf(viewer, c);
  const readsRegion = viewer.permissions.has('cases.read') && within(c.regionPath, viewer.regionPath);
  const staff = readsRegion || STAFF.some((r) => relations.has(r));
  const reporter = relations.has('reporter') || relations.has('co_reporter');
  const view = staff ? 'staff' : reporter ? 'reporter' : null;
  const audiences = new Set<Audience>(view ? ['public'] : []);
  if (staff) audiences.add('staff');
  if (WORKING.some((r) => relations.has(r))) audiences.add('internal');
  return {
    relations,
    view,
    audiences,
    personalData: staff && viewer.permissions.has('personal_data.full') ? 'full' : 'masked',
    reportText: staff || relations.has('reporter'),
    sources: staff ? 'all' : 'own',
    evidence: staff,
    actions: view ? allowedActions({ status: c.status, pendingRequest: c.pendingRequest, reopenCount: c.reopenCount }, relations) : [],
  };
}

/**
 * Who signs a 督办单: a unit's notice, the unit's handlers; a region's notice, the people of
 * that region as a dispatch target (its grid workers, its community desk) or its own desk.
 */
export function addressedTo(
  viewer: Viewer,
  notice: { orgUnitId: number | null; region: { id: number; path: string; level: string } | null },
): boolean {
  if (notice.orgUnitId !== null) return viewer.permissions.has('cases.handle') && viewer.orgUnitId === notice.orgUnitId;
  if (!notice.region) return false;
  if (viewer.permissions.has('cases.dispatch') && viewer.regionId === notice.region.id) return true;
  return viewer.permissions.has('cases.handle') && isOfTarget(viewer, notice.region);
}

/** Staff of casework at all: the only people a staff or internal notification may reach. */
const CASEWORK: readonly Permission[] = ['cases.read', 'cases.handle', 'cases.dispatch'];
export const worksCases = (viewer: Viewer) => CASEWORK.some((p) => viewer.permissions.has(p));

/** May this viewer see a line written for this audience? */
export const seesAudience = (access: Pick<CaseAccess, 'audiences'>, audience: string) => access.audiences.has(audience as Audience);
