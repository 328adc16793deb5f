import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

type Db = Kysely<DB>;

/**
 * The reads Open311 needs. Only public categories and public cases, and only the columns a
 * public answer may show: no reporter, phone, description, house or staff column is selected,
 * so none can slip into a response later.
 */

/** Leaf categories people can report under, active and public. */
function services(db: Db) {
  return db.selectFrom('case_categories as c').leftJoin('case_categories as parent', 'parent.id', 'c.parent_id')
    .select(['c.id', 'c.code', 'c.name', 'c.form', 'c.keywords', 'c.sla_amount', 'c.sla_unit', 'parent.name as group_name'])
    .where('c.active', '=', true).where('c.is_public', '=', true)
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('case_categories as child').select('child.id').whereRef('child.parent_id', '=', 'c.id').where('child.active', '=', true),
    )));
}
export type ServiceRow = NonNullable<Awaited<ReturnType<typeof publicService>>>;

export function publicServices(db: Db) {
  return services(db).orderBy('parent.sort').orderBy('c.sort').orderBy('c.id').execute();
}

export function publicService(db: Db, code: string) {
  return services(db).where('c.code', '=', code).executeTakeFirst();
}

export interface RequestFilter {
  numbers?: string[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  open?: boolean;
  limit: number;
}

/** Public cases of public categories, newest first. */
export function publicCases(db: Db, f: RequestFilter) {
  let q = db.selectFrom('cases')
    .innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
    .innerJoin('regions as region', 'region.id', 'cases.region_id')
    .leftJoin('org_units as unit', 'unit.id', 'cases.handler_unit_id')
    .leftJoin('regions as handler_region', 'handler_region.id', 'cases.handler_region_id')
    .select([
      'cases.id', 'cases.number', 'cases.status', 'cases.open', 'cases.attributes', 'cases.address', 'cases.house_id',
      'cases.lat', 'cases.lon', 'cases.reported_at', 'cases.last_event_at', 'cases.due_at', 'cases.region_path',
      'cat.code as service_code', 'cat.name as service_name', 'cat.form', 'cat.sla_amount', 'cat.sla_unit',
      'region.code as region_code', 'unit.name as unit_name', 'handler_region.name as handler_region_name',
    ])
    .where('cases.is_public', '=', true).where('cat.is_public', '=', true);
  if (f.numbers) q = q.where('cases.number', 'in', f.numbers);
  if (f.serviceCodes) q = q.where('cat.code', 'in', f.serviceCodes);
  if (f.from) q = q.where('cases.reported_at', '>=', f.from);
  if (f.to) q = q.where('cases.reported_at', '<=', f.to);
  if (f.open !== undefined) q = q.where(sql<boolean>`cases.open = ${f.open}`);
  return q.orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc').limit(f.limit).execute();
}
export type PublicCaseRow = Awaited<ReturnType<typeof publicCases>>[number];

/** Names of regions by id: the pieces of a public place ("网格, 社区, 街道, 县"). */
export async function regionNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('regions').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Timeline steps whose note staff wrote for the reporter to read. A reporter's own words (the
 * report, comments, ratings, a reporter's check) are never a public status note.
 */
export const STATUS_NOTE_ACTIONS = [
  'accept', 'reject', 'register', 'dispatch', 'transfer', 'sign', 'approve_request', 'resume',
  'handle', 'verify', 'verify_fail', 'close', 'merge',
] as const;

/** The latest public staff step of each case. */
export async function latestStatusSteps(db: Db, caseIds: number[]) {
  if (!caseIds.length) return new Map<number, { note: string | null; to_status: string | null }>();
  const rows = await db.selectFrom('case_events as e')
    .distinctOn('e.case_id')
    .select(['e.case_id', 'e.note', 'e.to_status'])
    .where('e.case_id', 'in', caseIds).where('e.audience', '=', 'public').where('e.action', 'in', [...STATUS_NOTE_ACTIONS])
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('case_sources as s').select('s.id').whereRef('s.case_id', '=', 'e.case_id').whereRef('s.reporter_user_id', '=', 'e.actor_user_id'),
    )))
    .orderBy('e.case_id').orderBy('e.id', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.case_id, { note: r.note, to_status: r.to_status }]));
}

/** Each case's first photo on a public step: one of ours before a client's link. */
export async function firstPublicPhotos(db: Db, caseIds: number[]) {
  if (!caseIds.length) return new Map<number, { id: number; media_url: string | null }>();
  const rows = await db.selectFrom('case_photos as p').innerJoin('case_events as e', 'e.id', 'p.event_id')
    .distinctOn('p.case_id')
    .select(['p.case_id', 'p.id', 'p.media_url'])
    .where('p.case_id', 'in', caseIds).where('e.audience', '=', 'public')
    .orderBy('p.case_id').orderBy(sql`p.media_url IS NOT NULL`).orderBy('p.id')
    .execute();
  return new Map(rows.map((r) => [r.case_id!, { id: r.id, media_url: r.media_url }]));
}

/** A photo of ours that the public may see: on a public step of a public case. */
export function publicPhoto(db: Db, photoId: number) {
  return db.selectFrom('case_photos as p')
    .innerJoin('case_events as e', 'e.id', 'p.event_id')
    .innerJoin('cases', 'cases.id', 'p.case_id')
    .innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
    .select('p.id')
    .where('p.id', '=', photoId).where('p.media_url', 'is', null)
    .where('e.audience', '=', 'public').where('cases.is_public', '=', true).where('cat.is_public', '=', true)
    .executeTakeFirst();
}

/** The case an Open311 token was given for (its own case, not a copy made by a merge). */
export function caseOfToken(db: Db, token: string) {
  return db.selectFrom('case_sources as s').innerJoin('cases', 'cases.id', 's.case_id')
    .select(['cases.number', 's.reference'])
    .where('s.source', '=', 'open311').where('s.reference', '=', token).where('s.merged_from_id', 'is', null)
    .orderBy('s.id').executeTakeFirst();
}

export async function tokenOfCase(db: Db, caseId: number) {
  const row = await db.selectFrom('case_sources').select('reference')
    .where('case_id', '=', caseId).where('source', '=', 'open311').where('merged_from_id', 'is', null)
    .orderBy('id').executeTakeFirst();
  return row?.reference ?? null;
}

export function activeClientByKeyHash(db: Db, sha256: string) {
  return db.selectFrom('open311_clients').select(['id', 'name']).where('api_key_sha256', '=', sha256).where('active', '=', true).executeTakeFirst();
}

export function regionByCode(db: Db, code: string) {
  return db.selectFrom('regions').select(['id', 'level']).where('code', '=', code).executeTakeFirst();
}

export async function upsertClient(db: Db, name: string, sha256: string) {
  await db.insertInto('open311_clients').values({ name, api_key_sha256: sha256, active: true })
    .onConflict((oc) => oc.column('name').doUpdateSet({ api_key_sha256: sha256, active: true })).execute();
}

export async function deactivateClient(db: Db, name: string) {
  await db.updateTable('open311_clients').set({ active: false }).where('name', '=', name).execute();
}

export function insertClient(db: Db, name: string, sha256: string) {
  return db.insertInto('open311_clients').values({ name, api_key_sha256: sha256 })
    .onConflict((oc) => oc.column('name').doNothing()).returning(['id', 'name']).executeTakeFirst();
}

// Client applications as an administrator manages them (open311-clients.ts).
const CLIENT_COLUMNS = ['id', 'name', 'active', 'created_at'] as const;

export function allClients(db: Db) {
  return db.selectFrom('open311_clients').select(CLIENT_COLUMNS).orderBy('id').execute();
}

export function clientById(db: Db, id: number) {
  return db.selectFrom('open311_clients').select(CLIENT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Deactivates an active client; undefined when there is none with that id, or it was inactive. */
export function deactivateClientById(db: Db, id: number) {
  return db.updateTable('open311_clients').set({ active: false })
    .where('id', '=', id).where('active', '=', true).returning(CLIENT_COLUMNS).executeTakeFirst();
}
