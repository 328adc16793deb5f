import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

type Db = Kysely<DB>;

/**
 * The public read model of casework: what other applications may read of the county's cases
 * through Open311 (server/domains/open311, which reads no case table itself). Only public
 * categories and public cases, and only the columns a public answer may show: no reporter, phone,
 * description, house or staff column is selected, so none can slip into a response later. Not
 * limited by region: it is the county's public record.
 */

/** Leaf categories people can report under, active and public. */
function services(db: Db) {
  return db
    .selectFrom('case_categories as c')
    .leftJoin('case_categories as parent', 'parent.id', 'c.parent_id')
    .select(['c.id', 'c.code', 'c.name', 'c.form', 'c.keywords', 'c.sla_amount', 'c.sla_unit', 'parent.name as group_name'])
    .where('c.active', '=', true)
    .where('c.is_public', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('case_categories as child')
            .select('child.id')
            .whereRef('child.parent_id', '=', 'c.id')
            .where('child.active', '=', true),
        ),
      ),
    );
}

export interface PublicCaseFilter {
  numbers?: string[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  open?: boolean;
  limit: number;
}

/**
 * Timeline steps whose note staff wrote for the reporter to read. A reporter's own words (the
 * report, comments, ratings, a reporter's check) are never a public status note.
 */
export const STATUS_NOTE_ACTIONS = [
  'accept',
  'reject',
  'register',
  'dispatch',
  'transfer',
  'sign',
  'approve_request',
  'resume',
  'handle',
  'verify',
  'verify_fail',
  'close',
  'merge',
] as const;

export function publicCasesRepository(db: Db) {
  return {
    publicServices: () => services(db).orderBy('parent.sort').orderBy('c.sort').orderBy('c.id').execute(),

    publicService: (code: string) => services(db).where('c.code', '=', code).executeTakeFirst(),

    /** Public cases of public categories, newest first. */
    publicCases(f: PublicCaseFilter) {
      // prettier-ignore
      let q = db
        .selectFrom('cases')
        .innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
        .innerJoin('regions as region', 'region.id', 'cases.region_id')
        .leftJoin('org_units as unit', 'unit.id', 'cases.handler_unit_id')
        .leftJoin('regions as handler_region', 'handler_region.id', 'cases.handler_region_id')
        .select([
          'cases.id', 'cases.number', 'cases.status', 'cases.open', 'cases.attributes', 'cases.address', 'cases.house_id', 'cases.lat',
          'cases.lon', 'cases.reported_at', 'cases.last_event_at', 'cases.due_at', 'cases.region_path', 'cat.code as service_code',
          'cat.name as service_name', 'cat.form', 'cat.sla_amount', 'cat.sla_unit', 'region.code as region_code', 'unit.name as unit_name',
          'handler_region.name as handler_region_name',
        ])
        .where('cases.is_public', '=', true)
        .where('cat.is_public', '=', true);
      if (f.numbers) q = q.where('cases.number', 'in', f.numbers);
      if (f.serviceCodes) q = q.where('cat.code', 'in', f.serviceCodes);
      if (f.from) q = q.where('cases.reported_at', '>=', f.from);
      if (f.to) q = q.where('cases.reported_at', '<=', f.to);
      if (f.open !== undefined) q = q.where(sql<boolean>`cases.open = ${f.open}`);
      return q.orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc').limit(f.limit).execute();
    },

    /** Names of regions by id: the pieces of a public place ("网格, 社区, 街道, 县"). */
    async regionNames(ids: number[]): Promise<Map<number, string>> {
      if (!ids.length) return new Map();
      const rows = await db.selectFrom('regions').select(['id', 'name']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    /** A region by its code (统计用区划代码 or the county's local code). */
    regionByCode: (code: string) => db.selectFrom('regions').select(['id', 'level']).where('code', '=', code).executeTakeFirst(),

    /** The latest public staff step of each case. */
    async latestStatusSteps(caseIds: number[]) {
      if (!caseIds.length) return new Map<number, { note: string | null; to_status: string | null }>();
      const rows = await db
        .selectFrom('case_events as e')
        .distinctOn('e.case_id')
        .select(['e.case_id', 'e.note', 'e.to_status'])
        .where('e.case_id', 'in', caseIds)
        .where('e.audience', '=', 'public')
        .where('e.action', 'in', [...STATUS_NOTE_ACTIONS])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('case_sources as s')
                .select('s.id')
                .whereRef('s.case_id', '=', 'e.case_id')
                .whereRef('s.reporter_user_id', '=', 'e.actor_user_id'),
            ),
          ),
        )
        .orderBy('e.case_id')
        .orderBy('e.id', 'desc')
        .execute();
      return new Map(rows.map((r) => [r.case_id, { note: r.note, to_status: r.to_status }]));
    },

    /** Each case's first photo on a public step: one of ours before a client's link. */
    async firstPublicPhotos(caseIds: number[]) {
      if (!caseIds.length) return new Map<number, { id: number; media_url: string | null }>();
      const rows = await db
        .selectFrom('case_photos as p')
        .innerJoin('case_events as e', 'e.id', 'p.event_id')
        .distinctOn('p.case_id')
        .select(['p.case_id', 'p.id', 'p.media_url'])
        .where('p.case_id', 'in', caseIds)
        .where('e.audience', '=', 'public')
        .orderBy('p.case_id')
        .orderBy(sql`p.media_url IS NOT NULL`)
        .orderBy('p.id')
        .execute();
      return new Map(rows.map((r) => [r.case_id!, { id: r.id, media_url: r.media_url }]));
    },

    /** A photo of ours that the public may see: on a public step of a public case. */
    publicPhoto: (photoId: number) =>
      db
        .selectFrom('case_photos as p')
        .innerJoin('case_events as e', 'e.id', 'p.event_id')
        .innerJoin('cases', 'cases.id', 'p.case_id')
        .innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
        .select('p.id')
        .where('p.id', '=', photoId)
        .where('p.media_url', 'is', null)
        .where('e.audience', '=', 'public')
        .where('cases.is_public', '=', true)
        .where('cat.is_public', '=', true)
        .executeTakeFirst(),

    /** The case an Open311 token was given for (its own case, not a copy made by a merge). */
    caseOfToken: (token: string) =>
      db
        .selectFrom('case_sources as s')
        .innerJoin('cases', 'cases.id', 's.case_id')
        .select(['cases.number', 's.reference'])
        .where('s.source', '=', 'open311')
        .where('s.reference', '=', token)
        .where('s.merged_from_id', 'is', null)
        .orderBy('s.id')
        .executeTakeFirst(),

    /** The token a case was filed under by Open311, for a retried POST. */
    async tokenOfCase(caseId: number) {
      const row = await db
        .selectFrom('case_sources')
        .select('reference')
        .where('case_id', '=', caseId)
        .where('source', '=', 'open311')
        .where('merged_from_id', 'is', null)
        .orderBy('id')
        .executeTakeFirst();
      return row?.reference ?? null;
    },
  };
}
export type PublicCasesRepository = ReturnType<typeof publicCasesRepository>;
export type PublicServiceRow = NonNullable<Awaited<ReturnType<PublicCasesRepository['publicService']>>>;
export type PublicCaseRow = Awaited<ReturnType<PublicCasesRepository['publicCases']>>[number];
