import type { Kysely, Selectable } from 'kysely';
import type { CaseCategoryTable, CaseFormField, DB } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { CaseSource } from '../../../common/enums.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { isWithin } from '../../platform/scope.js';
import { degreesAround, distanceMetres } from '../../../common/geo.js';
import { isIsoDay } from '../../../common/dates.js';
import { isInsideCounty } from '../../platform/geo/county-boundary.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { clocksAtReport } from './case-clocks.js';
import type { CaseContext } from './case-context.js';
import type { ReportCaseInput } from './cases.schema.js';
import { caseById, caseByIdempotencyKey, followsCase, insertReportedCase, type ReportedCase } from './cases.repository.js';
import { attachPhotos } from './case-photos.js';
import { assertSameRequest, fingerprintOf } from '../../platform/idempotency.js';
import { recordCaseEvent } from './case-timeline.js';

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

export interface ReportResult { caseId: number; number: string; replayed: boolean; duplicates: { id: number; number: string; metres: number }[] }

export async function reportCase(ctx: CaseContext, reporter: Reporter, input: ReportCaseInput & { reference?: string; mediaUrl?: string }, idempotencyKey?: string): Promise<ReportResult> {
  const key = idempotencyKey ? `${keyOwner(reporter)}:${idempotencyKey}` : null;
  // The body as the client sent it, less what the server gives each try (an Open311 token).
  const fingerprint = key ? fingerprintOf({ ...input, reference: undefined }) : null;
  try {
    const category = await reportableCategory(ctx.db, input.categoryId);
    const attributes = checkAttributes(category.form, input.attributes);
    if (input.lat !== undefined && !isInsideCounty(input.lon!, input.lat)) {
      throw invalid('OUTSIDE_COUNTY', '所选位置不在平阴县范围内，请重新选点');
    }
    const place = await placeOf(ctx.db, reporter, input);
    const source = sourceOf(reporter, Boolean(input.hotlineOrderNo));
    const now = ctx.clock.now();
    const viewer = reporter.kind === 'viewer' ? reporter.viewer : null;
    // A 12345 order's reporter is the caller: the clerk who typed it in files it, and must not
    // become its reporter (who may verify, rate and read the caller's number in full).
    const reporterUserId = source === 'hotline' ? null : viewer?.userId ?? null;
    const reporterName = input.reporterName ?? (reporter.kind === 'viewer' ? reporter.viewer.displayName : reporter.kind === 'system' ? reporter.name : null);
    const report: ReportedCase = {
      numberDate: localDateOf(now).replaceAll('-', ''),
      case: {
        category_id: category.id, source, title: input.title ?? `${category.name}${input.address ? `：${input.address}` : ''}`.slice(0, 60),
        description: input.description, attributes, is_public: category.is_public, urgent: input.urgent,
        lon: input.lon ?? null, lat: input.lat ?? null, address: input.address ?? place.address,
        house_id: place.houseId, region_id: place.regionId, region_path: place.regionPath,
        reporter_user_id: reporterUserId, idempotency_key: key, idempotency_fingerprint: fingerprint, reported_at: now, ...clocksAtReport(ctx.calendar, now),
      },
      source: { reference: input.hotlineOrderNo ?? input.reference ?? null, reporter_name: reporterName ?? null, reporter_phone: input.reporterPhone ?? null, anonymous: input.anonymous },
      event: {
        actor_user_id: viewer?.userId ?? null,
        actor_name: input.anonymous ? '匿名' : (reporter.kind === 'open311' ? reporter.clientName : reporterName ?? '上报人'),
        data: { source, ...(input.hotlineOrderNo ? { hotlineOrderNo: input.hotlineOrderNo, enteredBy: viewer?.displayName } : {}) },
      },
      nearby: input.lat === undefined ? undefined : {
        lat: input.lat, lon: input.lon!, ...degreesAround(input.lat, ctx.settings.duplicateMetres),
        since: new Date(now.getTime() - ctx.settings.duplicateDays * 86_400_000),
      },
    };
    // One statement writes the case, its source and its first line, and finds the nearby ones;
    // photos, which can still be refused, make it a transaction.
    const withPhotos = (viewer && input.photoIds.length > 0) || input.mediaUrl;
    const created = !withPhotos ? await insertReportedCase(ctx.db, report) : await ctx.db.transaction().execute(async (trx) => {
      const row = await insertReportedCase(trx, report);
      if (!row) return row;
      if (viewer) await attachPhotos(trx, viewer.userId, input.photoIds, row.id, row.event_id);
      if (input.mediaUrl) await trx.insertInto('case_photos').values({ case_id: row.id, event_id: row.event_id, kind: 'link', original_sha: '', display_sha: '', thumb_sha: '', width: 0, height: 0, media_url: input.mediaUrl }).execute();
      return row;
    });
    if (!created) return await replayOf(ctx.db, key!, fingerprint!);
    const duplicates = created.nearby
      .map(([id, number, lat, lon]) => ({ id: Number(id), number, metres: Math.round(distanceMetres(input.lat!, input.lon!, lat, lon)) }))
      .filter((n) => n.metres <= ctx.settings.duplicateMetres).sort((a, b) => a.metres - b.metres).slice(0, 10);
    return { caseId: created.id, number: created.number, replayed: false, duplicates };
  } catch (e) {
    // A retry of a report that was made answers with that case, even if it would not pass the
    // checks today (a category since withdrawn, a house since left); two racing tries, the same.
    if (key && ((e instanceof AppError && e.code !== 'IDEMPOTENCY_MISMATCH') || isUniqueViolation(e))) {
      const earlier = await caseByIdempotencyKey(ctx.db, key);
      if (earlier) return replayed(earlier, fingerprint!);
    }
    throw e;
  }
}

async function replayOf(db: Kysely<DB>, key: string, fingerprint: string): Promise<ReportResult> {
  const earlier = await caseByIdempotencyKey(db, key);
  if (!earlier) throw new Error(`report with key ${key} conflicted but its case is gone`);
  return replayed(earlier, fingerprint);
}

function replayed(earlier: { id: number; number: string; idempotency_fingerprint: string | null }, fingerprint: string): ReportResult {
  assertSameRequest(earlier.idempotency_fingerprint, fingerprint);
  return { caseId: earlier.id, number: earlier.number, replayed: true, duplicates: [] };
}

const keyOwner = (r: Reporter) => (r.kind === 'viewer' ? `user:${r.viewer.userId}` : r.kind === 'open311' ? `open311:${r.clientId}` : `system:${r.source}`);
const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

function sourceOf(reporter: Reporter, hotline: boolean): CaseSource {
  if (reporter.kind === 'open311') return 'open311';
  if (reporter.kind === 'system') return reporter.source;
  switch (reporter.viewer.role) {
    case 'resident': return 'resident';
    case 'grid_worker': return 'grid_patrol';
    case 'property_staff': return 'property';
    default: return hotline ? 'hotline' : 'staff';
  }
}

/** An active category that has no active children: people report concrete problems. */
export async function reportableCategory(db: Kysely<DB>, categoryId: number) {
  let categories = await activeCategories(db);
  if (!categories.byId.has(categoryId)) categories = await activeCategories(db, true); // made a moment ago?
  const category = categories.byId.get(categoryId);
  if (!category) throw invalid('UNKNOWN_CATEGORY', '事件分类不存在或已停用');
  if (categories.parents.has(categoryId)) throw invalid('UNKNOWN_CATEGORY', `请选择“${category.name}”下的具体分类`);
  return category;
}

/**
 * The active categories, read at most every CATEGORY_CACHE_MS per database handle: every report
 * needs one, and at hundreds of reports a second the two lookups were a fifth of the statements.
 * A category withdrawn or edited takes that long to stop or change taking reports in a process.
 */
export const CATEGORY_CACHE_MS = 10_000;
type CategoryRow = Selectable<CaseCategoryTable>;
const categoryCache = new WeakMap<Kysely<DB>, { at: number; byId: Map<number, CategoryRow>; parents: Set<number> }>();

async function activeCategories(db: Kysely<DB>, fresh = false) {
  const cached = categoryCache.get(db);
  if (cached && !fresh && Date.now() - cached.at < CATEGORY_CACHE_MS) return cached;
  const rows = await db.selectFrom('case_categories').selectAll().where('active', '=', true).execute();
  const entry = { at: Date.now(), byId: new Map(rows.map((r) => [r.id, r])), parents: new Set(rows.flatMap((r) => (r.parent_id === null ? [] : [r.parent_id]))) };
  categoryCache.set(db, entry);
  return entry;
}

/** The category's form fields as sent: required ones present, types and options right, nothing extra. */
export function checkAttributes(form: CaseFormField[], attributes: Record<string, unknown>): Record<string, unknown> {
  const fields = new Map(form.map((f) => [f.key, f]));
  const unknown = Object.keys(attributes).filter((k) => !fields.has(k));
  if (unknown.length) throw invalid('UNKNOWN_FIELD', `该分类没有这些填写项：${unknown.join('、')}`, { fields: unknown });
  const out: Record<string, unknown> = {};
  for (const field of form) {
    const value = attributes[field.key];
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (field.required) throw invalid('FIELD_REQUIRED', `请填写“${field.label}”`, { field: field.key });
      continue;
    }
    out[field.key] = checkedValue(field, value);
  }
  return out;
}

function checkedValue(field: CaseFormField, value: unknown): unknown {
  const wrong = () => invalid('FIELD_INVALID', `“${field.label}”填写不正确`, { field: field.key });
  const options = new Set(field.options?.map((o) => o.value));
  switch (field.type) {
    case 'text': if (typeof value !== 'string' || value.length > 200) throw wrong(); return value.trim();
    case 'number': if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong(); return value;
    case 'boolean': if (typeof value !== 'boolean') throw wrong(); return value;
    case 'date': if (!isIsoDay(value)) throw wrong(); return value;
    case 'select': if (typeof value !== 'string' || !options.has(value)) throw wrong(); return value;
    case 'multiselect':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !options.has(v))) throw wrong();
      return [...new Set(value)];
  }
}

interface Place { regionId: number; regionPath: string; houseId: number | null; address: string | null }

/**
 * Where the case belongs. A house gives its grid; a named region must be a town, community or
 * grid the reporter may report in; else the reporter's own place: a resident's home, a worker's
 * grid, a staff member's region, the county for outside applications.
 */
async function placeOf(db: Kysely<DB>, reporter: Reporter, input: ReportCaseInput): Promise<Place> {
  const viewer = reporter.kind === 'viewer' ? reporter.viewer : null;
  // Staff may only file cases inside their region; residents and applications anywhere in the county.
  const allowed = (path: string) => !viewer || viewer.role === 'resident' || isWithin(viewer, path);
  if (input.houseId !== undefined) {
    const house = await db.selectFrom('houses').select(['id', 'region_path', 'standard_address', 'grid_id', 'community_id']).where('id', '=', input.houseId).executeTakeFirst();
    const own = viewer?.role === 'resident' && house && await livesIn(db, viewer, house.id);
    if (!house || (viewer?.role === 'resident' ? !own : !allowed(house.region_path))) throw notFound('房屋');
    return { regionId: house.grid_id ?? house.community_id, regionPath: house.region_path, houseId: house.id, address: house.standard_address };
  }
  if (input.regionId !== undefined) {
    const region = await db.selectFrom('regions').select(['id', 'path', 'level']).where('id', '=', input.regionId).executeTakeFirst();
    if (!region || region.level === 'county' || !allowed(region.path)) throw notFound('区域');
    return { regionId: region.id, regionPath: region.path, houseId: null, address: null };
  }
  if (viewer?.role === 'resident' && viewer.residentId !== null) {
    const home = await db.selectFrom('residents').innerJoin('houses', 'houses.id', 'residents.house_id')
      .select(['houses.grid_id', 'houses.community_id', 'houses.region_path']).where('residents.id', '=', viewer.residentId).executeTakeFirst();
    if (home) return { regionId: home.grid_id ?? home.community_id, regionPath: home.region_path, houseId: null, address: null };
  }
  if (viewer) return { regionId: viewer.regionId, regionPath: viewer.regionPath, houseId: null, address: null };
  const county = await db.selectFrom('regions').select(['id', 'path']).where('level', '=', 'county').orderBy('id').executeTakeFirstOrThrow();
  return { regionId: county.id, regionPath: county.path, houseId: null, address: null };
}

async function livesIn(db: Kysely<DB>, viewer: Viewer, houseId: number) {
  if (viewer.residentId === null) return false;
  const row = await db.selectFrom('residents').select('house_id').where('id', '=', viewer.residentId).executeTakeFirst();
  return row?.house_id === houseId;
}

/**
 * "Me too": someone says a nearby open case is the problem they meant to report. They become
 * its co-reporter: they follow their own report of it (the public steps, its outcome, the
 * 回访), nothing more — no staff view, no steps (case-policy.ts; issue 7, finding 2).
 */
export async function joinCase(ctx: CaseContext, viewer: Viewer, caseId: number, note: string | undefined) {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await caseById(trx, caseId);
    if (!c || !c.open || (!c.is_public && !isWithin(viewer, c.region_path))) throw notFound('事件');
    if (await followsCase(trx, caseId, viewer.userId)) return { caseId, joined: false };
    const now = ctx.clock.now();
    await trx.insertInto('case_sources').values({
      case_id: caseId, source: sourceOf({ kind: 'viewer', viewer }, false), reporter_user_id: viewer.userId,
      reporter_name: viewer.displayName, description: note ?? null, reported_at: now,
    }).execute();
    // Their own words may say who they are: the people working the case read them, and they do.
    await recordCaseEvent(trx, {
      caseId, at: now, actor: { userId: viewer.userId, name: viewer.displayName, unit: null }, action: 'join',
      fromStatus: c.status, toStatus: c.status, note: note ?? '补充反映同一问题', audience: 'internal',
    }, { touchCase: false });
    return { caseId, joined: true };
  });
}

