import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import { isWithin } from '../../platform/scope.js';
import { offsetOf } from '../../platform/paging.js';
import type { Page } from '../../../common/contracts/shared.js';
import type {
  CaseDetail,
  CaseListQuery,
  CaseSummary,
  CaseTotals,
  CaseTotalsQuery,
  NearbyCase,
  PhotoVariant,
  PublicMapCase,
} from '../../../common/contracts/cases.js';
import { QUEUE_STATUSES, QUEUES, STATUS_QUEUES, type StatusQueue } from '../../../common/case-queues.js';
import { readableCase } from './access.js';
import { dispatchAdvice } from './dispatch-advice.js';
import type { CaseDeps } from './context.js';
import type { CaseFilter } from './cases.repository.js';
import {
  isoOrNull,
  presentCaseSummary,
  presentCaseSupervision,
  presentEvent,
  presentNearby,
  presentPhoto,
  presentPublicMapCase,
  presentSource,
  publicAttributes,
  publicPlaceText,
  seesEvent,
  staffLens,
  textLens,
} from './cases.presenter.js';

type ReadDeps = Pick<CaseDeps, 'cases' | 'photos' | 'catalogue' | 'caseTypes' | 'clock' | 'calendar' | 'settings' | 'handlingUnits'>;

/** The case page: the case as the policy lets this viewer see it, and what they may do next. */
export async function caseDetail(deps: ReadDeps, viewer: Viewer, id: number): Promise<CaseDetail> {
  const { c, access } = await readableCase(deps.cases, viewer, await deps.cases.byId(id));
  const staff = access.view === 'staff';
  const now = deps.clock.now();
  const [events, sources, photos, supervisions, places] = await Promise.all([
    deps.cases.eventsOf(id),
    deps.cases.sourcesOf(id),
    deps.photos.ofCase(id),
    staff ? deps.cases.supervisionsOf(id) : Promise.resolve([]),
    access.reportText ? null : deps.cases.publicPlaceNames([c]),
  ]);
  const dispatcher = access.relations.has('dispatcher');
  const needsRoute = dispatcher && ['reported', 'accepted', 'registered'].includes(c.status);
  const [suggestion, leader, nearby] = await Promise.all([
    needsRoute
      ? dispatchAdvice(deps, {
          categoryId: c.category_id,
          caseType: c.case_type,
          regionId: c.region_id,
          regionPath: c.region_path,
          attributes: c.attributes,
        })
      : null,
    staff && c.handler_unit_id ? deps.catalogue.leaderInCharge(c.handler_unit_id) : null,
    dispatcher && c.open && c.lat !== null
      ? deps.cases.nearbyOpen({
          categoryId: c.category_id,
          lat: c.lat,
          lon: c.lon!,
          metres: deps.settings.duplicateMetres,
          since: new Date(c.reported_at.getTime() - deps.settings.duplicateDays * 86_400_000),
          excludeId: c.id,
        })
      : [],
  ]);
  const visibleEvents = events.filter((e) => seesEvent(e, access, viewer));
  const shownEventIds = new Set(visibleEvents.filter((e) => e.action !== 'report' || access.reportText).map((e) => e.id));
  const place = places?.get(c.id);
  const lens = textLens(access.personalData, viewer.userId);
  return {
    ...presentCaseSummary(c, now, deps.calendar, lens, place ? { publicPlace: publicPlaceText(place) } : undefined),
    description: access.reportText ? lens(c.description, c.reporter_user_id) : null,
    attributes: staff ? c.attributes : publicAttributes(c),
    form: c.category_form,
    result: lens(c.result),
    isPublic: c.is_public,
    houseId: staff ? c.house_id : null,
    acceptedAt: isoOrNull(c.accepted_at),
    dispatchedAt: isoOrNull(c.dispatched_at),
    signedAt: isoOrNull(c.signed_at),
    handledAt: isoOrNull(c.handled_at),
    verifiedAt: isoOrNull(c.verified_at),
    closedAt: isoOrNull(c.closed_at),
    evaluatedAt: isoOrNull(c.evaluated_at),
    mergedIntoId: c.merged_into_id,
    stepDueAt: staff ? isoOrNull(c.step_due_at) : null,
    warnAt: staff ? isoOrNull(c.warn_at) : null,
    pendingRequest: staff ? c.pending_request : null,
    actions: access.actions,
    relations: [...access.relations],
    events: visibleEvents.map((e) => presentEvent(e, access, viewer, lens)),
    sources: sources
      .filter((s) => access.sources === 'all' || s.reporter_user_id === viewer.userId)
      .map((s) => presentSource(s, access, viewer, lens)),
    // A photo shows with its line; one on no line, to staff and to whoever took it.
    photos: photos
      .filter((p) => (p.event_id === null ? staff || p.uploaded_by === viewer.userId : shownEventIds.has(p.event_id)))
      .map((p) => presentPhoto(p, staff ? 'staff' : 'reporter')),
    supervisions: supervisions.map((s) => presentCaseSupervision(s, lens)),
    suggestion,
    leaderInCharge: leader,
    nearby: presentNearby(viewer, nearby, true),
  };
}

/** The workbench lists: the viewer's region (the deps' ScopedDb), or the unit's cases for a department handler. */
export async function listCases(
  deps: ReadDeps,
  viewer: Viewer,
  q: CaseListQuery,
  options: { located?: boolean } = {},
): Promise<Page<CaseSummary>> {
  const now = deps.clock.now();
  const filter = await workbenchFilter(deps, viewer, { ...q, statuses: q.status, located: options.located }, now);
  if (!filter) return { items: [], total: 0 };
  if (q.queue === 'mine') Object.assign(filter, mineQueue(viewer, filter.statuses));
  const { rows, total } = await deps.cases.list(filter, { offset: offsetOf(q), limit: q.pageSize, sort: q.sort });
  const lens = staffLens(viewer);
  return { items: rows.map((c) => presentCaseSummary(c, now, deps.calendar, lens)), total };
}

/**
 * Opening the workbench: every tab's total under the filters, in one request and one statement
 * (issue 9: nine list requests with a count each took 126–228 ms p95 at 1 000 000 cases).
 */
export async function workbenchTotals(deps: ReadDeps, viewer: Viewer, q: CaseTotalsQuery): Promise<CaseTotals> {
  const filter = await workbenchFilter(deps, viewer, q, deps.clock.now());
  if (!filter) return { totals: Object.fromEntries(QUEUES.map((queue) => [queue, 0])) as CaseTotals['totals'], allEstimated: false };
  const mine = mineQueue(viewer);
  const counted = await deps.cases.totals(filter, mine.gridWorkPath);
  const mineTotal = mine.gridWorkPath !== undefined ? counted.gridDesk : sumOfStatuses(counted.byQueue, mine.statuses ?? []);
  return { totals: { ...counted.byQueue, mine: mineTotal, all: counted.all }, allEstimated: counted.allEstimated };
}

const sumOfStatuses = (byQueue: Record<StatusQueue, number>, statuses: readonly string[]) =>
  STATUS_QUEUES.filter((queue) => QUEUE_STATUSES[queue].every((s) => statuses.includes(s))).reduce((n, queue) => n + byQueue[queue], 0);

/** The filters of the workbench as the repository takes them; null when the viewer has no cases to see. */
async function workbenchFilter(
  deps: ReadDeps,
  viewer: Viewer,
  q: CaseTotalsQuery & { statuses?: string[]; open?: boolean; located?: boolean },
  now: Date,
): Promise<CaseFilter | null> {
  const filter: CaseFilter = {
    statuses: q.statuses,
    source: q.source,
    categoryIds: q.categoryId ? await deps.cases.categoryWithChildren(q.categoryId) : undefined,
    orgUnitId: q.orgUnitId,
    clock: q.clock,
    open: q.open,
    q: q.q || undefined,
    located: q.located,
    now,
  };
  if (!viewer.permissions.has('cases.read')) {
    // A department handler: the unit's cases only, wherever they are in the county.
    if (viewer.orgUnitId === null) return null;
    filter.unitId = viewer.orgUnitId;
  }
  return filter;
}

/** "待我处理": what waits on this viewer's desk, unless the request already names statuses. */
function mineQueue(viewer: Viewer, statuses?: string[]): Pick<CaseFilter, 'statuses' | 'gridWorkPath'> {
  switch (viewer.role) {
    case 'dept_handler':
      // Signing for and handling what was dispatched to the unit.
      return { statuses: statuses ?? ['dispatched', 'in_progress'] };
    case 'grid_worker':
      // Dispatched to my grid, or handled in my grid and waiting for my check.
      return { statuses, gridWorkPath: viewer.regionPath };
    default:
      return { statuses: statuses ?? ['reported', 'accepted', 'registered', 'verified'] };
  }
}

/** A resident's own reports, newest first. */
export async function myCases(deps: ReadDeps, viewer: Viewer, page: { page: number; pageSize: number }): Promise<Page<CaseSummary>> {
  const now = deps.clock.now();
  const { rows, total } = await deps.cases.ofReporter(viewer.userId, { offset: offsetOf(page), limit: page.pageSize });
  // Cases they joined or had merged in are someone else's words: the category and the public place.
  const followed = rows.filter((c) => c.reporter_user_id !== viewer.userId);
  const places = await deps.cases.publicPlaceNames(followed);
  const lens = textLens('masked', viewer.userId);
  return {
    items: rows.map((c) => {
      const place = places.get(c.id);
      return presentCaseSummary(c, now, deps.calendar, lens, place ? { publicPlace: publicPlaceText(place) } : undefined);
    }),
    total,
  };
}

/**
 * Open cases of a category near a point, as "is it this one?" for a reporter. Residents see only
 * public categories' cases, and nothing personal; staff see, besides, what their region holds.
 */
export async function nearbyForReporter(
  deps: ReadDeps,
  viewer: Viewer,
  p: { categoryId: number; lat: number; lon: number },
): Promise<NearbyCase[]> {
  const now = deps.clock.now();
  const found = await deps.cases.nearbyOpen({
    ...p,
    metres: deps.settings.duplicateMetres,
    since: new Date(now.getTime() - deps.settings.duplicateDays * 86_400_000),
  });
  return presentNearby(viewer, found, false);
}

/**
 * The public map of an area (the deps' ScopedDb: the region asked for, or the county): open and
 * recently closed cases of public categories, with their category, status and public place.
 */
export async function publicCaseMap(deps: Pick<ReadDeps, 'cases' | 'clock'>, p: { days: number }): Promise<PublicMapCase[]> {
  const since = new Date(deps.clock.now().getTime() - p.days * 86_400_000);
  const rows = await deps.cases.publicMap({ since });
  const places = await deps.cases.publicPlaceNames(rows);
  return rows.map((r) => presentPublicMapCase(r, places.get(r.id)!));
}

/**
 * A photo is seen with its timeline line: by whoever may see that line (policy.ts), or,
 * before it is attached, by its uploader. The original keeps the phone's EXIF, location
 * included: staff reading the case's region only, and every read is audited.
 */
export async function assertMayViewPhoto(
  deps: Pick<CaseDeps, 'cases' | 'audit'>,
  viewer: Viewer,
  photo: { id: number; case_id: number | null; event_id: number | null; uploaded_by: number | null },
  variant: PhotoVariant,
) {
  if (photo.case_id === null) {
    if (photo.uploaded_by !== viewer.userId) throw notFound('照片');
    return;
  }
  const { c, access } = await readableCase(deps.cases, viewer, await deps.cases.byId(photo.case_id), '照片');
  const line = photo.event_id === null ? undefined : await deps.cases.eventById(photo.event_id);
  const seen = line
    ? seesEvent(line, access, viewer) && (line.action !== 'report' || access.reportText)
    : access.view === 'staff' || photo.uploaded_by === viewer.userId;
  if (!seen) throw notFound('照片');
  if (variant === 'original') {
    if (!access.evidence || !viewer.permissions.has('cases.read') || !isWithin(viewer, c.region_path)) throw notFound('照片');
    await deps.audit(viewer, { action: 'read_case_photo_original', entity: 'case_photo', entityId: photo.id, detail: { caseId: c.id } });
  }
}
