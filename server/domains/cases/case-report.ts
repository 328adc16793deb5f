import { sql, type Kysely } from 'kysely';
import type { CaseFormField, DB } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { CaseSource } from '../../../common/enums.js';
import { invalid, notFound } from '../../platform/errors.js';
import { isWithin } from '../../platform/scope.js';
import { isInsideCounty } from '../../platform/geo/county-boundary.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { clocksAtReport } from './case-clocks.js';
import type { CaseContext } from './case-context.js';
import type { ReportCaseInput } from './cases.schema.js';
import { caseById, nearbyOpenCases } from './cases.repository.js';
import { attachPhotos } from './case-photos.js';

/**
 * A new case from any source. Everything is checked before anything is written; then the case,
 * its first source, its first timeline line and its photos are written in one transaction.
 * A retried report with the same idempotency key returns the case the first try made.
 */
export type Reporter =
  | { kind: 'viewer'; viewer: Viewer }
  | { kind: 'open311'; clientId: number; clientName: string }
  | { kind: 'system'; source: Extract<CaseSource, 'iot' | 'property'>; name: string };

export interface ReportResult { caseId: number; number: string; replayed: boolean; duplicates: { id: number; number: string; metres: number }[] }

export async function reportCase(ctx: CaseContext, reporter: Reporter, input: ReportCaseInput & { reference?: string; mediaUrl?: string }, idempotencyKey?: string): Promise<ReportResult> {
  const key = idempotencyKey ? `${keyOwner(reporter)}:${idempotencyKey}` : null;
  if (key) {
    const earlier = await ctx.db.selectFrom('cases').select(['id', 'number']).where('idempotency_key', '=', key).executeTakeFirst();
    if (earlier) return { caseId: earlier.id, number: earlier.number, replayed: true, duplicates: [] };
  }
  const category = await reportableCategory(ctx.db, input.categoryId);
  const attributes = checkAttributes(category.form, input.attributes);
  if (input.lat !== undefined && !isInsideCounty(input.lon!, input.lat)) {
    throw invalid('OUTSIDE_COUNTY', '所选位置不在平阴县范围内，请重新选点');
  }
  const place = await placeOf(ctx.db, reporter, input);
  const source = sourceOf(reporter, input);
  const now = ctx.clock.now();
  const viewer = reporter.kind === 'viewer' ? reporter.viewer : null;
  const reporterName = input.reporterName ?? (reporter.kind === 'viewer' ? reporter.viewer.displayName : reporter.kind === 'system' ? reporter.name : null);

  try {
    const created = await ctx.db.transaction().execute(async (trx) => {
      const { seq } = await sql<{ seq: string }>`SELECT nextval('case_number_seq') AS seq`.execute(trx).then((r) => r.rows[0]);
      const number = `PY${localDateOf(now).replaceAll('-', '')}${String(seq).padStart(6, '0')}`;
      const row = await trx.insertInto('cases').values({
        number, category_id: category.id, status: 'reported', source,
        title: input.title ?? `${category.name}${input.address ? `：${input.address}` : ''}`.slice(0, 60),
        description: input.description, attributes: JSON.stringify(attributes), is_public: category.is_public,
        urgent: input.urgent, lon: input.lon ?? null, lat: input.lat ?? null, address: input.address ?? place.address,
        house_id: place.houseId, region_id: place.regionId, region_path: place.regionPath,
        reporter_user_id: viewer?.userId ?? null, idempotency_key: key, reported_at: now, last_event_at: now,
        ...clocksAtReport(ctx.calendar, now),
      }).returning(['id', 'number']).executeTakeFirstOrThrow();
      await trx.insertInto('case_sources').values({
        case_id: row.id, source, reference: input.hotlineOrderNo ?? input.reference ?? null,
        reporter_user_id: viewer?.userId ?? null, reporter_name: reporterName ?? null, reporter_phone: input.reporterPhone ?? null,
        anonymous: input.anonymous, description: input.description, reported_at: now,
      }).execute();
      const event = await trx.insertInto('case_events').values({
        case_id: row.id, at: now, actor_user_id: viewer?.userId ?? null,
        actor_name: input.anonymous ? '匿名' : (reporter.kind === 'open311' ? reporter.clientName : reporterName ?? '上报人'),
        actor_unit: null, action: 'report', from_status: null, to_status: 'reported', note: input.description, is_public: true,
        data: JSON.stringify({ source, ...(input.hotlineOrderNo ? { hotlineOrderNo: input.hotlineOrderNo } : {}) }),
      }).returning('id').executeTakeFirstOrThrow();
      if (viewer) await attachPhotos(trx, viewer.userId, input.photoIds, row.id, event.id);
      if (input.mediaUrl) await trx.insertInto('case_photos').values({ case_id: row.id, event_id: event.id, kind: 'link', original_sha: '', display_sha: '', thumb_sha: '', width: 0, height: 0, media_url: input.mediaUrl }).execute();
      return row;
    });
    const duplicates = input.lat === undefined ? [] : (await nearbyOpenCases(ctx.db, {
      categoryId: category.id, lat: input.lat, lon: input.lon!, metres: ctx.settings.duplicateMetres,
      since: new Date(now.getTime() - ctx.settings.duplicateDays * 86_400_000), excludeId: created.id,
    })).map((n) => ({ id: n.row.id, number: n.row.number, metres: n.metres }));
    return { caseId: created.id, number: created.number, replayed: false, duplicates };
  } catch (e) {
    // Two tries of one report raced: the loser answers with the winner's case.
    if (key && isUniqueViolation(e)) {
      const earlier = await ctx.db.selectFrom('cases').select(['id', 'number']).where('idempotency_key', '=', key).executeTakeFirst();
      if (earlier) return { caseId: earlier.id, number: earlier.number, replayed: true, duplicates: [] };
    }
    throw e;
  }
}

const keyOwner = (r: Reporter) => (r.kind === 'viewer' ? `user:${r.viewer.userId}` : r.kind === 'open311' ? `open311:${r.clientId}` : `system:${r.source}`);
const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

function sourceOf(reporter: Reporter, input: ReportCaseInput): CaseSource {
  if (reporter.kind === 'open311') return 'open311';
  if (reporter.kind === 'system') return reporter.source;
  switch (reporter.viewer.role) {
    case 'resident': return 'resident';
    case 'grid_worker': return 'grid_patrol';
    case 'property_staff': return 'property';
    default: return input.hotlineOrderNo ? 'hotline' : 'staff';
  }
}

/** An active category that has no active children: people report concrete problems. */
export async function reportableCategory(db: Kysely<DB>, categoryId: number) {
  const category = await db.selectFrom('case_categories').selectAll().where('id', '=', categoryId).where('active', '=', true).executeTakeFirst();
  if (!category) throw invalid('UNKNOWN_CATEGORY', '事件分类不存在或已停用');
  const child = await db.selectFrom('case_categories').select('id').where('parent_id', '=', categoryId).where('active', '=', true).executeTakeFirst();
  if (child) throw invalid('UNKNOWN_CATEGORY', `请选择“${category.name}”下的具体分类`);
  return category;
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
    case 'date': if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw wrong(); return value;
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

/** "Me too": a resident says a nearby open case is the problem they meant to report. */
export async function joinCase(ctx: CaseContext, viewer: Viewer, caseId: number, note: string | undefined) {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await caseById(trx, caseId);
    if (!c || !c.open || (!c.is_public && !isWithin(viewer, c.region_path))) throw notFound('事件');
    const already = await trx.selectFrom('case_sources').select('id').where('case_id', '=', caseId).where('reporter_user_id', '=', viewer.userId).executeTakeFirst();
    if (already) return { caseId, joined: false };
    const now = ctx.clock.now();
    await trx.insertInto('case_sources').values({
      case_id: caseId, source: viewer.role === 'grid_worker' ? 'grid_patrol' : 'resident', reporter_user_id: viewer.userId,
      reporter_name: viewer.displayName, description: note ?? null, reported_at: now,
    }).execute();
    await trx.insertInto('case_events').values({
      case_id: caseId, at: now, actor_user_id: viewer.userId, actor_name: viewer.displayName, action: 'join',
      from_status: c.status, to_status: c.status, note: note ?? '补充反映同一问题', is_public: false, data: '{}',
    }).execute();
    return { caseId, joined: true };
  });
}

