import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { under } from '../../platform/scope.js';
import { pageOf } from '../../platform/paging.js';
import { degreesAround, distanceMetres } from '../../platform/geo/county-boundary.js';
import { escapeLike } from '../regions/places.repository.js';

type Db = Kysely<DB>;

/** The rows a list or a page shows: the case with the names of what it points to. */
function withNames(db: Db, base = db.selectFrom('cases')) {
  return base
    .innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
    .innerJoin('regions as region', 'region.id', 'cases.region_id')
    .leftJoin('org_units as unit', 'unit.id', 'cases.handler_unit_id')
    .leftJoin('regions as handler_region', 'handler_region.id', 'cases.handler_region_id')
    .leftJoin('org_units as first_unit', 'first_unit.id', 'cases.first_unit_id')
    .selectAll('cases')
    .select([
      'cat.name as category_name', 'cat.code as category_code', 'cat.case_type', 'cat.form as category_form',
      'cat.sla_amount', 'cat.sla_unit', 'cat.sign_limit_hours',
      'region.name as region_name', 'unit.name as handler_unit_name', 'handler_region.name as handler_region_name',
      'handler_region.path as handler_region_path', 'first_unit.name as first_unit_name',
    ]);
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof caseById>>>;

export function caseById(db: Db, id: number) {
  return withNames(db).where('cases.id', '=', id).executeTakeFirst();
}

/** Locks the case row for the length of the caller's transaction: transitions are serial per case. */
export async function lockCase(db: Db, id: number) {
  await sql`SELECT 1 FROM cases WHERE id = ${id} FOR UPDATE`.execute(db);
  return caseById(db, id);
}

export interface CaseFilter {
  path: string;
  /** Only cases dispatched to (or first received by) this unit: what a department handler sees. */
  unitId?: number;
  handlerRegionPath?: string;
  statuses?: string[];
  source?: string;
  categoryIds?: number[];
  orgUnitId?: number;
  clock?: 'red' | 'yellow';
  open?: boolean;
  q?: string;
  now: Date;
}

function filtered(db: Db, f: CaseFilter) {
  let q = db.selectFrom('cases').where('cases.region_path', 'like', under(f.path));
  if (f.unitId !== undefined) {
    const unitId = f.unitId;
    q = q.where((eb) => eb.or([eb('cases.handler_unit_id', '=', unitId), eb('cases.first_unit_id', '=', unitId)]));
  }
  if (f.handlerRegionPath !== undefined) {
    q = q.where('cases.handler_region_id', 'in', (eb) => eb.selectFrom('regions').select('id').where('path', 'like', under(f.handlerRegionPath!)));
  }
  if (f.statuses?.length) q = q.where('cases.status', 'in', f.statuses);
  if (f.source) q = q.where('cases.source', '=', f.source);
  if (f.categoryIds?.length) q = q.where('cases.category_id', 'in', f.categoryIds);
  if (f.orgUnitId !== undefined) q = q.where('cases.handler_unit_id', '=', f.orgUnitId);
  if (f.open !== undefined || f.clock) q = q.where(sql<boolean>`cases.open = ${f.open ?? true}`);
  if (f.clock === 'red') q = q.where('cases.paused_at', 'is', null).where('cases.next_deadline_at', '<=', f.now);
  if (f.clock === 'yellow') {
    q = q.where('cases.paused_at', 'is', null).where('cases.next_deadline_at', '>', f.now).where('cases.warn_at', '<=', f.now);
  }
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('cases.number', '=', f.q!.toUpperCase()), eb('cases.title', 'like', like)]));
  }
  return q;
}

export async function listCases(db: Db, f: CaseFilter, page: { offset: number; limit: number; sort: 'deadline' | 'newest' }) {
  const base = filtered(db, f);
  let rows = withNames(db, base);
  rows = page.sort === 'deadline'
    ? rows.orderBy(sql`cases.next_deadline_at asc nulls last`).orderBy('cases.id')
    : rows.orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc');
  return pageOf(rows.offset(page.offset).limit(page.limit), base);
}

/** The case's category and its descendants, so a filter on 市容环境 finds 垃圾清运. */
export async function categoryWithChildren(db: Db, id: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    WITH RECURSIVE tree AS (SELECT id FROM case_categories WHERE id = ${id}
      UNION ALL SELECT c.id FROM case_categories c JOIN tree ON c.parent_id = tree.id)
    SELECT id FROM tree`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

export function sourcesOf(db: Db, caseId: number) {
  return db.selectFrom('case_sources').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export function eventsOf(db: Db, caseId: number) {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export function photosOf(db: Db, caseId: number) {
  return db.selectFrom('case_photos').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export function supervisionsOf(db: Db, caseId: number) {
  return db.selectFrom('case_supervisions as s')
    .leftJoin('org_units as u', 'u.id', 's.org_unit_id')
    .leftJoin('regions as r', 'r.id', 's.region_id')
    .leftJoin('leaders as l', 'l.id', 's.leader_id')
    .leftJoin('leaders as b', 'b.id', 's.backup_leader_id')
    .select(['s.id', 's.level', 's.reason', 's.issued_at', 's.issued_by', 's.acknowledged_at', 'u.name as unit_name', 'r.name as region_name', 'l.name as leader_name', 'b.name as backup_name'])
    .where('s.case_id', '=', caseId).orderBy('s.id').execute();
}

export async function reporterIds(db: Db, caseId: number): Promise<number[]> {
  const rows = await db.selectFrom('case_sources').select('reporter_user_id').distinct()
    .where('case_id', '=', caseId).where('reporter_user_id', 'is not', null).execute();
  return rows.map((r) => r.reporter_user_id!);
}

export async function isReporter(db: Db, caseId: number, userId: number) {
  return Boolean(await db.selectFrom('case_sources').select('id').where('case_id', '=', caseId).where('reporter_user_id', '=', userId).executeTakeFirst());
}

/**
 * Open cases of the category within `metres` of a point, reported since `since`: a box on the
 * (category, lat) index, then the true distance. Nearest first.
 */
export async function nearbyOpenCases(db: Db, p: { categoryId: number; lat: number; lon: number; metres: number; since: Date; excludeId?: number }) {
  const { dLat, dLon } = degreesAround(p.lat, p.metres);
  let q = withNames(db)
    .where('cases.category_id', '=', p.categoryId).where(sql<boolean>`cases.open`)
    .where('cases.lat', '>=', p.lat - dLat).where('cases.lat', '<=', p.lat + dLat)
    .where('cases.lon', '>=', p.lon - dLon).where('cases.lon', '<=', p.lon + dLon)
    .where('cases.reported_at', '>=', p.since);
  if (p.excludeId !== undefined) q = q.where('cases.id', '!=', p.excludeId);
  const rows = await q.limit(50).execute();
  return rows.map((row) => ({ row, metres: Math.round(distanceMetres(p.lat, p.lon, row.lat!, row.lon!)) }))
    .filter((n) => n.metres <= p.metres).sort((a, b) => a.metres - b.metres).slice(0, 10);
}

/** The cases a user reported or joined, newest first: a resident's "我的事件". */
export function casesOfReporter(db: Db, userId: number, page: { offset: number; limit: number }) {
  const base = db.selectFrom('cases').where('cases.id', 'in', (eb) => eb.selectFrom('case_sources').select('case_id').where('reporter_user_id', '=', userId));
  return pageOf(withNames(db, base).orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc').offset(page.offset).limit(page.limit), base);
}
