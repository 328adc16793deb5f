import type { CaseAction } from '../../../common/enums.js';
import { allowedActions } from '../../domains/cases/states.js';
import type { CaseRelation } from '../../domains/cases/policy.js';
import type { WalkCase, WalkUser } from './relation-world.js';

/**
 * What each user of the relation world must be to each case, written out from how the world is
 * built — who sits where, which case went where — and not computed by the code under test
 * (server/domains/cases/policy.ts). Only the state machine's table, unit-tested on its own,
 * is reused to turn relations into actions.
 *
 * The world: every case lies in grid 1 of its world's community; 'unit' is the world's own
 * department; 'grid' is grid 1; 'community' the community; 'transferred' the community, after
 * the world's department signed first (首接负责). grid_worker works grid 1, grid_worker_2 grid 2.
 */
export type Relation = CaseRelation;

export interface Expected {
  relations: Set<Relation>;
  view: 'staff' | 'reporter' | null;
  internal: boolean;
  /** Other people's personal data in full. */
  full: boolean;
  /** The filer's own words (description, title). */
  reportText: boolean;
  actions: CaseAction[];
}

const HANDLED_AT_COMMUNITY = new Set(['grid', 'community', 'transferred']);

export function expectedFor(u: WalkUser, c: WalkCase): Expected {
  const same = u.world === c.world;
  const r = new Set<Relation>();
  switch (u.key) {
    case 'county_admin':
      r.add('dispatcher').add('verifier').add('supervisor');
      break;
    case 'leader':
      r.add('supervisor');
      break;
    case 'town_staff':
      if (same) r.add('dispatcher').add('verifier').add('supervisor');
      break;
    case 'community_staff':
      if (same) r.add('dispatcher').add('verifier');
      if (same && HANDLED_AT_COMMUNITY.has(c.target)) r.add('handling_grid');
      break;
    case 'grid_worker':
      if (same) r.add('verifier');
      if (same && HANDLED_AT_COMMUNITY.has(c.target)) r.add('handling_grid');
      break;
    case 'grid_worker_2':
      // Grid 2 is not where the case lies, nor the grid it went to; the community is its own.
      if (same && (c.target === 'community' || c.target === 'transferred')) r.add('handling_grid');
      break;
    case 'dept_handler':
      if (same && c.target === 'unit') r.add('handling_unit');
      if (same && c.target === 'transferred') r.add('first_unit');
      break;
    default:
      break;
  }
  const mayReport = u.key !== 'leader' && u.key !== 'dept_handler';
  const filed = u.key === 'resident' && same && !c.hotline;
  if (mayReport && filed) r.add('reporter');
  else if (mayReport && c.followers.has(u.username)) r.add('co_reporter');

  // Readers of a region: the county's staff and leader, the town, the community, grid 1.
  const readsRegion =
    ['county_admin', 'leader'].includes(u.key) || (same && ['town_staff', 'community_staff', 'grid_worker'].includes(u.key));
  const staffRelations: Relation[] = ['dispatcher', 'verifier', 'supervisor', 'handling_unit', 'handling_grid', 'first_unit'];
  const staff = readsRegion || staffRelations.some((x) => r.has(x));
  const view = staff ? 'staff' : r.has('reporter') || r.has('co_reporter') ? 'reporter' : null;
  const working: Relation[] = ['dispatcher', 'verifier', 'handling_unit', 'handling_grid'];
  const fullRoles = ['community_staff', 'grid_worker', 'grid_worker_2'];
  return {
    relations: r,
    view,
    internal: working.some((x) => r.has(x)),
    full: staff && fullRoles.includes(u.key),
    reportText: staff || r.has('reporter'),
    actions: view ? allowedActions({ status: c.status, pendingRequest: c.pending ? pendingExtension : null, reopenCount: 0 }, r) : [],
  };
}

const pendingExtension = {
  kind: 'extension' as const,
  days: 3,
  reason: '材料待补',
  byUserId: null,
  byName: '承办人',
  at: '2026-12-01T00:00:00Z',
};
