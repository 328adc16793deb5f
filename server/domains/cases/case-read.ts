import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import { isWithin, scopePath } from '../../platform/scope.js';
import { writeAudit } from '../../platform/audit.js';
import type { PhotoVariant } from './case-photos.js';
import { offsetOf } from '../../platform/paging.js';
import { factsOf, readableCase } from './case-access.js';
import { caseAccess } from './case-policy.js';
import { leaderInCharge, routeCase } from './case-routing.js';
import type { CaseContext } from './case-context.js';
import * as repo from './cases.repository.js';
import {
  presentCaseSummary, presentEvent, presentPhoto, presentSource, publicAttributes, publicPlaceText, seesEvent, staffLens, textLens,
} from './cases.presenter.js';
import type { CaseListQuery } from './cases.schema.js';

/** The case page: the case as the policy lets this viewer see it, and what they may do next. */
export async function caseDetail(ctx: CaseContext, viewer: Viewer, id: number) {
  const { c, access } = await readableCase(ctx.db, viewer, await repo.caseById(ctx.db, id));
  const staff = access.view === 'staff';
  const now = ctx.clock.now();
  const [events, sources, photos, supervisions, places] = await Promise.all([
    repo.eventsOf(ctx.db, id), repo.sourcesOf(ctx.db, id), repo.photosOf(ctx.db, id),
    staff ? repo.supervisionsOf(ctx.db, id) : Promise.resolve([]),
    access.reportText ? null : repo.publicPlaceNames(ctx.db, [c]),
  ]);
  const dispatcher = access.relations.has('dispatcher');
  const needsRoute = dispatcher && ['reported', 'accepted', 'registered'].includes(c.status);
  const [suggestion, leader, nearby] = await Promise.all([
    needsRoute ? routeCase(ctx.db, { categoryId: c.category_id, regionId: c.region_id, regionPath: c.region_path, attributes: c.attributes }) : null,
    staff && c.handler_unit_id ? leaderInCharge(ctx.db, c.handler_unit_id) : null,
    dispatcher && c.open && c.lat !== null ? repo.nearbyOpenCases(ctx.db, {
      categoryId: c.category_id, lat: c.lat, lon: c.lon!, metres: ctx.settings.duplicateMetres,
      since: new Date(c.reported_at.getTime() - ctx.settings.duplicateDays * 86_400_000), excludeId: c.id,
    }) : [],
  ]);
  const visibleEvents = events.filter((e) => seesEvent(e, access, viewer));
  const shownEventIds = new Set(visibleEvents.filter((e) => e.action !== 'report' || access.reportText).map((e) => e.id));
  const place = places?.get(c.id);
  const lens = textLens(access.personalData, viewer.userId);
  return {
    ...presentCaseSummary(c, now, ctx.calendar, lens, place ? { publicPlace: publicPlaceText(place) } : undefined),
    description: access.reportText ? lens(c.description, c.reporter_user_id) : null, attributes: staff ? c.attributes : publicAttributes(c), form: c.category_form,
    result: lens(c.result), isPublic: c.is_public, houseId: staff ? c.house_id : null,
    acceptedAt: c.accepted_at, dispatchedAt: c.dispatched_at, signedAt: c.signed_at, handledAt: c.handled_at,
    verifiedAt: c.verified_at, closedAt: c.closed_at, evaluatedAt: c.evaluated_at, mergedIntoId: c.merged_into_id,
    stepDueAt: staff ? c.step_due_at : null, warnAt: staff ? c.warn_at : null,
    pendingRequest: staff ? c.pending_request : null,
    actions: access.actions,
    relations: [...access.relations],
    events: visibleEvents.map((e) => presentEvent(e, access, viewer, lens)),
    sources: sources.filter((s) => access.sources === 'all' || s.reporter_user_id === viewer.userId).map((s) => presentSource(s, access, viewer, lens)),
    // A photo shows with its line; one on no line, to staff and to whoever took it.
    photos: photos.filter((p) => (p.event_id === null ? staff || p.uploaded_by === viewer.userId : shownEventIds.has(p.event_id))).map((p) => presentPhoto(p, staff ? 'staff' : 'reporter')),
    supervisions: supervisions.map((s) => ({
      id: s.id, level: s.level, reason: lens(s.reason), issuedAt: s.issued_at, bySystem: s.issued_by === null,
      unit: s.unit_name ?? s.region_name, leader: s.leader_name, backupLeader: s.backup_name, acknowledgedAt: s.acknowledged_at,
    })),
    suggestion: suggestion ? { target: suggestion.target, reason: suggestion.reason } : null,
    leaderInCharge: leader,
    nearby: presentNearby(viewer, nearby, true),
  };
}

/** The workbench lists: scoped to the region, or to the unit for a department handler. */
export async function listCases(ctx: CaseContext, viewer: Viewer, q: CaseListQuery, options: { located?: boolean } = {}) {
  const now = ctx.clock.now();
  const filter: repo.CaseFilter = {
    path: await scopePath(ctx.db, viewer, q.regionId), statuses: q.status, source: q.source,
    categoryIds: q.categoryId ? await repo.categoryWithChildren(ctx.db, q.categoryId) : undefined,
    orgUnitId: q.orgUnitId, clock: q.clock, open: q.open, q: q.q || undefined, located: options.located, now,
  };
  if (!viewer.permissions.has('cases.read')) {
    // A department handler: the unit's cases only, wherever they are in the county.
    if (viewer.orgUnitId === null) return { items: [], total: 0 };
    filter.unitId = viewer.orgUnitId;
  }
  if (q.queue === 'mine') mineQueue(viewer, filter);
  const { rows, total } = await repo.listCases(ctx.db, filter, { offset: offsetOf(q), limit: q.pageSize, sort: q.sort });
  const lens = staffLens(viewer);
  return { items: rows.map((c) => presentCaseSummary(c, now, ctx.calendar, lens)), total };
}

/** "待我处理": what waits on this viewer's desk. */
function mineQueue(viewer: Viewer, filter: repo.CaseFilter) {
  switch (viewer.role) {
    case 'dept_handler':
      // Signing for and handling what was dispatched to the unit.
      filter.statuses ??= ['dispatched', 'in_progress'];
      return;
    case 'grid_worker':
      // Dispatched to my grid, or handled in my grid and waiting for my check.
      filter.gridWorkPath = viewer.regionPath;
      return;
    default:
      filter.statuses ??= ['reported', 'accepted', 'registered', 'verified'];
  }
}

/** A resident's own reports, newest first. */
export async function myCases(ctx: CaseContext, viewer: Viewer, page: { page: number; pageSize: number }) {
  const now = ctx.clock.now();
  const { rows, total } = await repo.casesOfReporter(ctx.db, viewer.userId, { offset: offsetOf(page), limit: page.pageSize });
  // Cases they joined or had merged in are someone else's words: the category and the public place.
  const followed = rows.filter((c) => c.reporter_user_id !== viewer.userId);
  const places = await repo.publicPlaceNames(ctx.db, followed);
  const lens = textLens('masked', viewer.userId);
  return {
    items: rows.map((c) => {
      const place = places.get(c.id);
      return { ...presentCaseSummary(c, now, ctx.calendar, lens, place ? { publicPlace: publicPlaceText(place) } : undefined), handler: c.handler_unit_name ?? c.handler_region_name };
    }),
    total,
  };
}

/**
 * Open cases of a category near a point, as "is it this one?" for a reporter. Residents see only
 * public categories' cases, and nothing personal; staff see, besides, what their region holds.
 * A title may carry a typed address (a room number): only a viewer with the staff view of that
 * case reads it, everyone else the category (issue 7, finding 12).
 */
export async function nearbyForReporter(ctx: CaseContext, viewer: Viewer, p: { categoryId: number; lat: number; lon: number }) {
  const now = ctx.clock.now();
  const found = await repo.nearbyOpenCases(ctx.db, { ...p, metres: ctx.settings.duplicateMetres, since: new Date(now.getTime() - ctx.settings.duplicateDays * 86_400_000) });
  return presentNearby(viewer, found, false);
}

function presentNearby(viewer: Viewer, found: Awaited<ReturnType<typeof repo.nearbyOpenCases>>, staffViewOnly: boolean) {
  return found.flatMap((n) => {
    const access = caseAccess(viewer, factsOf(n.row, viewer, false));
    const staffView = access.view === 'staff';
    if (!staffView && (staffViewOnly || !n.row.is_public)) return [];
    return [{
      id: n.row.id, number: n.row.number, title: staffView ? textLens(access.personalData, viewer.userId)(n.row.title, n.row.reporter_user_id) : n.row.category_name, status: n.row.status, metres: n.metres,
      reportedAt: n.row.reported_at, categoryName: n.row.category_name,
    }];
  });
}

/**
 * The public map of an area: open and recently closed cases of public categories, with their
 * category, status, public place and public fields. No reporter, no typed address, no
 * description (issue 7, finding 3).
 */
export async function publicCaseMap(ctx: CaseContext, p: { regionId?: number; days: number }) {
  const since = new Date(ctx.clock.now().getTime() - p.days * 86_400_000);
  const path = p.regionId === undefined ? undefined : (await repo.regionPathOf(ctx.db, p.regionId)) ?? null;
  if (path === null) throw notFound('区域');
  const rows = await repo.publicMapCases(ctx.db, { since, path });
  const places = await repo.publicPlaceNames(ctx.db, rows);
  return rows.map((r) => ({
    id: r.id, number: r.number, status: r.status, lon: r.lon, lat: r.lat, reportedAt: r.reported_at, categoryName: r.category_name,
    place: publicPlaceText(places.get(r.id)!),
  }));
}

/**
 * A photo is seen with its timeline line: by whoever may see that line (case-policy.ts), or,
 * before it is attached, by its uploader. The original keeps the phone's EXIF, location
 * included: staff reading the case's region only, and every read is audited.
 */
export async function assertMayViewPhoto(ctx: CaseContext, viewer: Viewer, photo: { id: number; case_id: number | null; event_id: number | null; uploaded_by: number | null }, variant: PhotoVariant) {
  if (photo.case_id === null) {
    if (photo.uploaded_by !== viewer.userId) throw notFound('照片');
    return;
  }
  const { c, access } = await readableCase(ctx.db, viewer, await repo.caseById(ctx.db, photo.case_id), '照片');
  const line = photo.event_id === null ? undefined : await repo.eventById(ctx.db, photo.event_id);
  const seen = line ? seesEvent(line, access, viewer) && (line.action !== 'report' || access.reportText) : access.view === 'staff' || photo.uploaded_by === viewer.userId;
  if (!seen) throw notFound('照片');
  if (variant === 'original') {
    if (!access.evidence || !viewer.permissions.has('cases.read') || !isWithin(viewer, c.region_path)) throw notFound('照片');
    await writeAudit(ctx.db, viewer, { action: 'read_case_photo_original', entity: 'case_photo', entityId: photo.id, detail: { caseId: c.id } });
  }
}
