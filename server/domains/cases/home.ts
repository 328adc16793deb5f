import type { Viewer } from '../../platform/auth/viewer.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import type { CaseDesk, CaseHome } from '../../../common/contracts/cases.js';
import type { CaseFilter } from './cases.repository.js';
import type { CaseDeps } from './context.js';
import { presentCaseSummary, staffLens } from './cases.presenter.js';

type HomeDeps = Pick<CaseDeps, 'cases' | 'clock' | 'calendar'>;

/** How many of the queue's cases 首页 lists, nearest deadline first. */
const URGENT_SHOWN = 5;
const DAY_MS = 86_400_000;

/**
 * Which desk a role works at, and the queue that waits there (issue 9, "home by role"): a
 * department's handler signs for and handles what was dispatched to the unit (待我处理); a grid
 * worker handles what was dispatched to the grid and checks what was handled there; a community
 * or town desk first accepts what was reported (待受理); a leader and the county administrator
 * watch every open case of their region.
 */
export function deskOf(viewer: Pick<Viewer, 'role' | 'regionPath' | 'orgUnitId'>): { desk: CaseDesk; queue: Partial<CaseFilter> | null } {
  switch (viewer.role) {
    case 'dept_handler':
      // A handler not yet placed in a unit has no queue (the workbench shows them nothing either).
      if (viewer.orgUnitId === null) return { desk: 'unit', queue: null };
      return { desk: 'unit', queue: { unitId: viewer.orgUnitId, statuses: ['dispatched', 'in_progress'] } };
    case 'grid_worker':
      return { desk: 'grid', queue: { gridWorkPath: viewer.regionPath } };
    case 'community_staff':
    case 'town_staff':
      return { desk: 'intake', queue: { statuses: ['reported'] } };
    default:
      return { desk: 'overview', queue: {} };
  }
}

/** 首页's figures for the viewer's desk: one request, a few indexed statements. */
export async function caseHome(deps: HomeDeps, viewer: Viewer): Promise<CaseHome> {
  const now = deps.clock.now();
  const { desk, queue } = deskOf(viewer);
  if (!queue) return { desk, waiting: 0, overdue: 0, dueToday: 0, nearlyDue: 0, reportedToday: null, urgent: [], areas: [] };
  const startOfToday = new Date(`${localDateOf(now)}T00:00:00+08:00`);
  const filter: CaseFilter = { ...queue, now };
  const overview = desk === 'overview';
  const [figures, urgent, areas, reportedToday] = await Promise.all([
    deps.cases.deskFigures(filter, new Date(startOfToday.getTime() + DAY_MS)),
    deps.cases.list({ ...filter, open: true }, { offset: 0, limit: URGENT_SHOWN, sort: 'deadline' }),
    overview ? deps.cases.openByArea(depthOf(viewer.regionPath), now) : [],
    overview ? deps.cases.reportedSince(startOfToday) : null,
  ]);
  const lens = staffLens(viewer);
  return {
    desk,
    ...figures,
    reportedToday,
    urgent: urgent.rows.map((c) => presentCaseSummary(c, now, deps.calendar, lens)),
    areas: areas.map((a) => ({ regionId: Number(a.id), name: a.name, open: Number(a.open), overdue: Number(a.overdue) })),
  };
}

/** '/1/4/' is at depth 2. */
const depthOf = (path: string) => path.split('/').filter(Boolean).length;
