import { sql } from 'kysely';
import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import { isWithin, scopePath } from '../../platform/scope.js';
import { offsetOf } from '../../platform/paging.js';
import type { CaseStatus } from '../../../common/enums.js';
import { allowedActions } from './case-states.js';
import { assertVisible, relationsTo } from './case-access.js';
import { leaderInCharge, routeCase } from './case-routing.js';
import type { CaseContext } from './case-context.js';
import * as repo from './cases.repository.js';
import { presentCaseSummary, presentEvent, presentPhoto, presentSource, publicAttributes } from './cases.presenter.js';
import type { CaseListQuery } from './cases.schema.js';

/** The case page: the case, what the viewer may do next, its timeline, sources, photos and clocks. */
export async function caseDetail(ctx: CaseContext, viewer: Viewer, id: number) {
  const c = await repo.caseById(ctx.db, id);
  if (!c) throw notFound('事件');
  const relations = await relationsTo(ctx.db, viewer, c);
  assertVisible(viewer, c, relations);
  const staff = viewer.role !== 'resident';
  const audience = staff ? 'staff' : 'reporter';
  const now = ctx.clock.now();
  const [events, sources, photos, supervisions] = await Promise.all([
    repo.eventsOf(ctx.db, id), repo.sourcesOf(ctx.db, id), repo.photosOf(ctx.db, id),
    staff ? repo.supervisionsOf(ctx.db, id) : Promise.resolve([]),
  ]);
  const dispatcher = relations.has('dispatcher');
  const needsRoute = dispatcher && ['reported', 'accepted', 'registered'].includes(c.status);
  const [suggestion, leader, nearby] = await Promise.all([
    needsRoute ? routeCase(ctx.db, { categoryId: c.category_id, regionId: c.region_id, regionPath: c.region_path, attributes: c.attributes }) : null,
    staff && c.handler_unit_id ? leaderInCharge(ctx.db, c.handler_unit_id) : null,
    dispatcher && c.open && c.lat !== null ? repo.nearbyOpenCases(ctx.db, {
      categoryId: c.category_id, lat: c.lat, lon: c.lon!, metres: ctx.settings.duplicateMetres,
      since: new Date(c.reported_at.getTime() - ctx.settings.duplicateDays * 86_400_000), excludeId: c.id,
    }) : [],
  ]);
  const visibleEvents = staff ? events : events.filter((e) => e.is_public);
  return {
    ...presentCaseSummary(c, now, ctx.calendar),
    description: c.description, attributes: staff ? c.attributes : publicAttributes(c), form: c.category_form,
    result: c.result, isPublic: c.is_public, houseId: staff ? c.house_id : null,
    acceptedAt: c.accepted_at, dispatchedAt: c.dispatched_at, signedAt: c.signed_at, handledAt: c.handled_at,
    verifiedAt: c.verified_at, closedAt: c.closed_at, evaluatedAt: c.evaluated_at, mergedIntoId: c.merged_into_id,
    stepDueAt: staff ? c.step_due_at : null, warnAt: staff ? c.warn_at : null,
    pendingRequest: staff ? c.pending_request : null,
    actions: allowedActions({ status: c.status as CaseStatus, pendingRequest: c.pending_request, reopenCount: c.reopen_count }, relations),
    relations: [...relations],
    events: visibleEvents.map((e) => presentEvent(e, audience, viewer)),
    sources: sources.filter((s) => staff || s.reporter_user_id === viewer.userId).map((s) => presentSource(s, viewer)),
    photos: photos.filter((p) => staff || p.event_id === null || visibleEvents.some((e) => e.id === p.event_id)).map((p) => presentPhoto(p, audience)),
    supervisions: supervisions.map((s) => ({
      id: s.id, level: s.level, reason: s.reason, issuedAt: s.issued_at, bySystem: s.issued_by === null,
      unit: s.unit_name ?? s.region_name, leader: s.leader_name, backupLeader: s.backup_name, acknowledgedAt: s.acknowledged_at,
    })),
    suggestion: suggestion ? { target: suggestion.target, reason: suggestion.reason } : null,
    leaderInCharge: leader,
    nearby: nearby.map((n) => ({ id: n.row.id, number: n.row.number, title: n.row.title, status: n.row.status, metres: n.metres, reportedAt: n.row.reported_at })),
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
  return { items: rows.map((c) => presentCaseSummary(c, now, ctx.calendar)), total };
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
  return { items: rows.map((c) => ({ ...presentCaseSummary(c, now, ctx.calendar), handler: c.handler_unit_name ?? c.handler_region_name })), total };
}

/**
 * Open cases of a category near a point, as "is it this one?" for a reporter. Residents see only
 * public categories' cases, and nothing personal; staff see what their region holds.
 */
export async function nearbyForReporter(ctx: CaseContext, viewer: Viewer, p: { categoryId: number; lat: number; lon: number }) {
  const now = ctx.clock.now();
  const found = await repo.nearbyOpenCases(ctx.db, { ...p, metres: ctx.settings.duplicateMetres, since: new Date(now.getTime() - ctx.settings.duplicateDays * 86_400_000) });
  const staff = viewer.role !== 'resident';
  return found
    .filter((n) => n.row.is_public || (staff && isWithin(viewer, n.row.region_path)))
    .map((n) => ({
      // A title may carry a typed address (a room number): residents get the category instead.
      id: n.row.id, number: n.row.number, title: staff ? n.row.title : n.row.category_name, status: n.row.status, metres: n.metres,
      reportedAt: n.row.reported_at, categoryName: n.row.category_name,
    }));
}

/**
 * The public map of an area: open and recently closed cases of public categories, with their
 * category, status, place and public fields. No reporter, no house address, no description.
 */
export async function publicCaseMap(ctx: CaseContext, p: { regionId?: number; days: number }) {
  const since = new Date(ctx.clock.now().getTime() - p.days * 86_400_000);
  let q = ctx.db.selectFrom('cases').innerJoin('case_categories as cat', 'cat.id', 'cases.category_id').innerJoin('regions', 'regions.id', 'cases.region_id')
    .select(['cases.id', 'cases.number', 'cases.status', 'cases.lon', 'cases.lat', 'cases.reported_at', 'cases.house_id', 'cases.address', 'cat.name as category_name', 'regions.name as region_name'])
    .where('cases.is_public', '=', true).where('cases.lat', 'is not', null).where('cases.status', '!=', 'merged').where('cases.status', '!=', 'rejected')
    .where((eb) => eb.or([eb(sql<boolean>`cases.open`, '=', true), eb('cases.closed_at', '>=', since)]));
  if (p.regionId) {
    const region = await ctx.db.selectFrom('regions').select('path').where('id', '=', p.regionId).executeTakeFirst();
    if (!region) throw notFound('区域');
    q = q.where('cases.region_path', 'like', `${region.path}%`);
  }
  const rows = await q.orderBy('cases.reported_at', 'desc').limit(2000).execute();
  return rows.map((r) => ({
    id: r.id, number: r.number, status: r.status, lon: r.lon, lat: r.lat, reportedAt: r.reported_at, categoryName: r.category_name,
    // A house address names a home: the public sees the community instead.
    place: r.house_id ? r.region_name : r.address ?? r.region_name,
  }));
}
