import type { CaseFormField } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { CaseSource } from '../../../common/enums.js';
import type { ReportCaseInput, ReportResult } from '../../../common/contracts/cases.js';
import { checkAttributes, CaseFormError } from '../../../common/case-form.js';
import { AppError, invalid, isUniqueViolation, notFound } from '../../platform/errors.js';
import { isWithin } from '../../platform/scope.js';
import { degreesAround, distanceMetres } from '../../../common/geo.js';
import { isInsideCounty } from '../../platform/geo/county-boundary.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { assertSameRequest, fingerprintOf } from '../../platform/idempotency.js';
import { clocksAtReport } from './clocks.js';
import type { CaseDeps } from './context.js';
import type { ReportedCase, ReportRepository } from './report.repository.js';
import type { CatalogueRepository } from './catalogue.repository.js';
import { checkTypeForm } from './type-registry.js';
import { attachPhotos } from './photos.js';
import { recordCaseEvent } from './timeline.js';
import { caseReportedEvent } from './live-events.js';
import { statementNotice } from '../../platform/events/publish.js';
import { actOnCase } from './actions.js';

/**
 * A new case from any source. Everything is checked before anything is written; then the case,
 * its first source and its first timeline line are written by one statement, in one transaction
 * with its photos when there are any. A retried report with the same idempotency key returns the
 * case the first try made.
 */
export type Reporter =
  | { kind: 'viewer'; viewer: Viewer }
  | { kind: 'open311'; clientId: number; clientName: string }
  | { kind: 'system'; source: Extract<CaseSource, 'iot' | 'property'>; name: string };

export type ReportDeps = Pick<
  CaseDeps,
  'report' | 'catalogue' | 'photos' | 'caseTypes' | 'clock' | 'calendar' | 'settings' | 'transaction' | 'placeInWords'
>;

export async function reportCase(
  deps: ReportDeps,
  reporter: Reporter,
  input: ReportCaseInput & { reference?: string; mediaUrl?: string },
  idempotencyKey?: string,
): Promise<ReportResult> {
  const key = idempotencyKey ? `${keyOwner(reporter)}:${idempotencyKey}` : null;
  // The body as the client sent it, less what the server gives each try (an Open311 token).
  const fingerprint = key ? fingerprintOf({ ...input, reference: undefined }) : null;
  try {
    const category = await reportableCategory(deps.catalogue, input.categoryId);
    const attributes = checkTypeForm(deps.caseTypes, category.case_type, formValues(category.form, input.attributes));
    if (input.lat !== undefined && !isInsideCounty(input.lon!, input.lat)) {
      throw invalid('OUTSIDE_COUNTY', '所选位置不在平阴县范围内，请重新选点');
    }
    const place = await placeOf(deps.report, reporter, input);
    // A house's case is where the house is (its standard address); a point is put in words.
    const locationText = place.houseId === null && input.lat !== undefined ? deps.placeInWords({ lon: input.lon!, lat: input.lat }) : null;
    const source = sourceOf(reporter, Boolean(input.hotlineOrderNo));
    const now = deps.clock.now();
    const viewer = reporter.kind === 'viewer' ? reporter.viewer : null;
    // A 12345 order's reporter is the caller: the clerk who typed it in files it, and must not
    // become its reporter (who may verify, rate and read the caller's number in full).
    const reporterUserId = source === 'hotline' ? null : (viewer?.userId ?? null);
    const reporterName =
      input.reporterName ?? (reporter.kind === 'viewer' ? reporter.viewer.displayName : reporter.kind === 'system' ? reporter.name : null);
    const report: ReportedCase = {
      numberDate: localDateOf(now).replaceAll('-', ''),
      case: {
        category_id: category.id,
        source,
        title: input.title ?? `${category.name}${input.address ? `：${input.address}` : ''}`.slice(0, 60),
        description: input.description,
        attributes,
        is_public: category.is_public,
        urgent: input.urgent,
        // A village house stands at its own point (docs/decisions/049): its case is on the map there unless another is given.
        lon: input.lon ?? place.point?.lon ?? null,
        lat: input.lat ?? place.point?.lat ?? null,
        address: input.address ?? place.address,
        location_text: locationText,
        house_id: place.houseId,
        region_id: place.regionId,
        region_path: place.regionPath,
        reporter_user_id: reporterUserId,
        idempotency_key: key,
        idempotency_fingerprint: fingerprint,
        reported_at: now,
        ...clocksAtReport(deps.calendar, now, category.sla_unit),
      },
      source: {
        reference: input.hotlineOrderNo ?? input.reference ?? null,
        reporter_name: reporterName ?? null,
        reporter_phone: input.reporterPhone ?? null,
        anonymous: input.anonymous,
      },
      event: {
        actor_user_id: viewer?.userId ?? null,
        actor_name: input.anonymous ? '匿名' : reporter.kind === 'open311' ? reporter.clientName : (reporterName ?? '上报人'),
        data: { source, ...(input.hotlineOrderNo ? { hotlineOrderNo: input.hotlineOrderNo, enteredBy: viewer?.displayName } : {}) },
      },
      nearby:
        input.lat === undefined
          ? undefined
          : {
              lat: input.lat,
              lon: input.lon!,
              ...degreesAround(input.lat, deps.settings.duplicateMetres),
              since: new Date(now.getTime() - deps.settings.duplicateDays * 86_400_000),
            },
      announcement: statementNotice(caseReportedEvent(place.regionPath)),
    };
    // One statement writes the case, its source and its first line, and finds the nearby ones;
    // photos, which can still be refused, make it a transaction.
    const withPhotos = (viewer && input.photoIds.length > 0) || input.mediaUrl;
    const created = !withPhotos
      ? await deps.report.insertReported(report)
      : await deps.transaction(async (tx) => {
          const row = await tx.report.insertReported(report);
          if (!row) return row;
          if (viewer) await attachPhotos(tx.photos, viewer.userId, input.photoIds, row.id, row.event_id);
          if (input.mediaUrl) await tx.report.insertLinkedPhoto({ caseId: row.id, eventId: row.event_id, mediaUrl: input.mediaUrl });
          return row;
        });
    if (!created) return await replayOf(deps.report, key!, fingerprint!);
    const duplicates = created.nearby
      .map(([id, number, lat, lon]) => ({ id: Number(id), number, metres: Math.round(distanceMetres(input.lat!, input.lon!, lat, lon)) }))
      .filter((n) => n.metres <= deps.settings.duplicateMetres)
      .sort((a, b) => a.metres - b.metres)
      .slice(0, 10);
    return { caseId: created.id, number: created.number, replayed: false, duplicates };
  } catch (e) {
    // A retry of a report that was made answers with that case, even if it would not pass the
    // checks today (a category since withdrawn, a house since left); two racing tries, the same.
    if (key && ((e instanceof AppError && e.code !== 'IDEMPOTENCY_MISMATCH') || isUniqueViolation(e))) {
      const earlier = await deps.report.byIdempotencyKey(key);
      if (earlier) return replayed(earlier, fingerprint!);
    }
    throw e;
  }
}

/**
 * A report through the API. A 12345 order the desk enters may be accepted and registered with
 * it (受理并立案, issue 9), in one transaction: refused anywhere, nothing of it is written. A
 * replayed order is answered as it was, and is not stepped again.
 */
export async function reportCaseFromDesk(deps: CaseDeps, viewer: Viewer, input: ReportCaseInput & { register: boolean }, key?: string) {
  const reporter: Reporter = { kind: 'viewer', viewer };
  if (!input.register) return reportCase(deps, reporter, input, key);
  if (!input.hotlineOrderNo) throw invalid('REGISTER_HOTLINE_ONLY', '只有录入的 12345 热线工单可以在录入时受理并立案');
  return deps.transaction(async (tx) => {
    const result = await reportCase(tx, reporter, input, key);
    if (!result.replayed)
      for (const action of ['accept', 'register'] as const)
        await actOnCase(tx, viewer, result.caseId, { action, note: '热线工单录入时受理并立案' });
    return result;
  });
}

/** The category form's values (common/case-form.ts, which the H5 client runs too), refused as the API refuses. */
function formValues(form: CaseFormField[], attributes: Record<string, unknown>) {
  try {
    return checkAttributes(form, attributes);
  } catch (e) {
    if (e instanceof CaseFormError) throw invalid(e.code, e.message, e.details);
    throw e;
  }
}

async function replayOf(report: ReportRepository, key: string, fingerprint: string): Promise<ReportResult> {
  const earlier = await report.byIdempotencyKey(key);
  if (!earlier) throw new Error(`report with key ${key} conflicted but its case is gone`);
  return replayed(earlier, fingerprint);
}

function replayed(earlier: { id: number; number: string; idempotency_fingerprint: string | null }, fingerprint: string): ReportResult {
  assertSameRequest(earlier.idempotency_fingerprint, fingerprint);
  return { caseId: earlier.id, number: earlier.number, replayed: true, duplicates: [] };
}

const keyOwner = (r: Reporter) =>
  r.kind === 'viewer' ? `user:${r.viewer.userId}` : r.kind === 'open311' ? `open311:${r.clientId}` : `system:${r.source}`;

export function sourceOf(reporter: Reporter, hotline: boolean): CaseSource {
  if (reporter.kind === 'open311') return 'open311';
  if (reporter.kind === 'system') return reporter.source;
  switch (reporter.viewer.role) {
    case 'resident':
      return 'resident';
    case 'grid_worker':
      return 'grid_patrol';
    case 'property_staff':
      return 'property';
    default:
      return hotline ? 'hotline' : 'staff';
  }
}

/** An active category that has no active children: people report concrete problems. */
export async function reportableCategory(catalogue: CatalogueRepository, categoryId: number) {
  let categories = await catalogue.activeCategories();
  if (!categories.byId.has(categoryId)) categories = await catalogue.activeCategories({ fresh: true }); // made a moment ago?
  const category = categories.byId.get(categoryId);
  if (!category) throw invalid('UNKNOWN_CATEGORY', '事件分类不存在或已停用');
  if (categories.parents.has(categoryId)) throw invalid('UNKNOWN_CATEGORY', `请选择“${category.name}”下的具体分类`);
  return category;
}

interface Place {
  regionId: number;
  regionPath: string;
  houseId: number | null;
  address: string | null;
  /** A village house's own point; an estate's house has none (its building's is not the house's). */
  point?: { lon: number; lat: number };
}

/**
 * Where the case belongs. A house gives its grid; a named region must be a town, community or
 * grid the reporter may report in; else the reporter's own place: a resident's home, a worker's
 * grid, a staff member's region, the county for outside applications.
 */
async function placeOf(report: ReportRepository, reporter: Reporter, input: ReportCaseInput): Promise<Place> {
  const viewer = reporter.kind === 'viewer' ? reporter.viewer : null;
  // Staff may only file cases inside their region; residents and applications anywhere in the county.
  const allowed = (path: string) => !viewer || viewer.role === 'resident' || isWithin(viewer, path);
  if (input.houseId !== undefined) {
    const house = await report.houseById(input.houseId);
    const own = viewer?.role === 'resident' && house && (await livesIn(report, viewer, house.id));
    if (!house || (viewer?.role === 'resident' ? !own : !allowed(house.region_path))) throw notFound('房屋');
    return {
      regionId: house.grid_id ?? house.community_id,
      regionPath: house.region_path,
      houseId: house.id,
      address: house.standard_address,
      ...(house.lon !== null && house.lat !== null && { point: { lon: house.lon, lat: house.lat } }),
    };
  }
  if (input.regionId !== undefined) {
    const region = await report.regionById(input.regionId);
    if (!region || region.level === 'county' || !allowed(region.path)) throw notFound('区域');
    return { regionId: region.id, regionPath: region.path, houseId: null, address: null };
  }
  if (viewer?.role === 'resident' && viewer.residentId !== null) {
    const home = await report.homeOf(viewer.residentId);
    if (home) return { regionId: home.grid_id ?? home.community_id, regionPath: home.region_path, houseId: null, address: null };
  }
  if (viewer) return { regionId: viewer.regionId, regionPath: viewer.regionPath, houseId: null, address: null };
  const county = await report.county();
  return { regionId: county.id, regionPath: county.path, houseId: null, address: null };
}

async function livesIn(report: ReportRepository, viewer: Viewer, houseId: number) {
  if (viewer.residentId === null) return false;
  return (await report.homeOf(viewer.residentId))?.house_id === houseId;
}

/**
 * "Me too": someone says a nearby open case is the problem they meant to report. They become
 * its co-reporter: they follow their own report of it (the public steps, its outcome, the
 * 回访), nothing more — no staff view, no steps (policy.ts; issue 7, finding 2).
 */
export async function joinCase(deps: Pick<CaseDeps, 'clock' | 'transaction'>, viewer: Viewer, caseId: number, note: string | undefined) {
  return deps.transaction(async (tx) => {
    const c = await tx.cases.byId(caseId);
    if (!c || !c.open || (!c.is_public && !isWithin(viewer, c.region_path))) throw notFound('事件');
    if (await tx.cases.follows(caseId, viewer.userId)) return { caseId, joined: false };
    const now = deps.clock.now();
    await tx.report.insertSource({
      caseId,
      source: sourceOf({ kind: 'viewer', viewer }, false),
      userId: viewer.userId,
      name: viewer.displayName,
      description: note ?? null,
      at: now,
    });
    // Their own words may say who they are: the people working the case read them, and they do.
    await recordCaseEvent(
      tx.timeline,
      {
        caseId,
        at: now,
        actor: { userId: viewer.userId, name: viewer.displayName, unit: null },
        action: 'join',
        fromStatus: c.status,
        toStatus: c.status,
        note: note ?? '补充反映同一问题',
        audience: 'internal',
      },
      { touchCase: false },
    );
    return { caseId, joined: true };
  });
}
