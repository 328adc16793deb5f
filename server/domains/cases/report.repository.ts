import { sql, type Kysely, type Selectable } from 'kysely';
import type { CaseTable, DB } from '../../platform/db/schema.js';
import { prepared } from '../../platform/db/prepared-statements.js';
import { broadcastExpression } from '../../platform/db/broadcast.js';

/**
 * What reporting a case writes and looks up (report.ts): the case, its first source and its
 * first line in one statement (docs/BENCHMARKS.md measures it), a retried report's case, and the
 * places a report may name. Nothing here is limited by region: who may report where is the
 * service's check (placeOf).
 */
export interface ReportedCase {
  /** 'YYYYMMDD' of the report in Asia/Shanghai: the date part of the case number. */
  numberDate: string;
  /** The columns a report fills in, typed as the table reads them back. */
  case: Pick<
    Selectable<CaseTable>,
    | 'category_id'
    | 'source'
    | 'title'
    | 'description'
    | 'attributes'
    | 'is_public'
    | 'urgent'
    | 'lon'
    | 'lat'
    | 'address'
    | 'location_text'
    | 'house_id'
    | 'region_id'
    | 'region_path'
    | 'reporter_user_id'
    | 'idempotency_key'
    | 'idempotency_fingerprint'
    | 'reported_at'
    | 'due_at'
    | 'warn_at'
    | 'step'
    | 'step_due_at'
    | 'next_deadline_at'
  >;
  source: { reference: string | null; reporter_name: string | null; reporter_phone: string | null; anonymous: boolean };
  /** actor_user_id: who filed it, which for a 12345 order is the clerk, not the caller. */
  event: { actor_user_id: number | null; actor_name: string; data: Record<string, unknown> };
  /** Open cases of the category in this box, reported since: the duplicate candidates. */
  nearby?: { lat: number; lon: number; dLat: number; dLon: number; since: Date };
  /** The case.reported event (live-events.ts, platform/events statementNotice): the statement puts the new case's id in it. */
  announcement: { channel: string; payload: string };
}

/**
 * A new case, its first source and its first timeline line in one statement: the number from
 * case_number_seq (PY + date + at least six digits), and the open cases nearby as they were just
 * before (the statement's snapshot does not see its own insert). A case with the same
 * idempotency key already there is left alone and null is returned; the caller answers with it.
 * The live event is raised by the same statement (a NOTIFY, sent when it commits), so a report
 * stays one round trip; a retried report returns no row and raises none.
 * Prepared: planning this statement cost PostgreSQL about as much as running it.
 */
async function insertReportedCase(db: Kysely<DB>, r: ReportedCase) {
  const c = r.case;
  const ts = (d: Date | null) => sql`${d}::timestamptz`;
  const nearby = r.nearby
    ? sql`(SELECT coalesce(json_agg(json_build_array(n.id, n.number, n.lat, n.lon)), '[]'::json) FROM (
        SELECT id, number, lat, lon FROM cases WHERE category_id = ${c.category_id}::bigint AND open
          AND lat >= ${r.nearby.lat - r.nearby.dLat}::float8 AND lat <= ${r.nearby.lat + r.nearby.dLat}::float8
          AND lon >= ${r.nearby.lon - r.nearby.dLon}::float8 AND lon <= ${r.nearby.lon + r.nearby.dLon}::float8
          AND reported_at >= ${r.nearby.since}::timestamptz LIMIT 50) AS n)`
    : sql`'[]'::json`;
  const { rows } = await sql<{
    id: number;
    number: string;
    event_id: number;
    nearby: [number, string, number, number][];
  }>`${prepared('report_case')}
    WITH seq AS (SELECT nextval('case_number_seq')::text AS n),
    ins AS (
      INSERT INTO cases (number, category_id, status, source, title, description, attributes, is_public, urgent, lon, lat, address,
        location_text, house_id, region_id, region_path, reporter_user_id, idempotency_key, idempotency_fingerprint, reported_at, last_event_at,
        due_at, warn_at, step, step_due_at, next_deadline_at)
      SELECT 'PY' || ${r.numberDate}::text || lpad(seq.n, greatest(6, length(seq.n)), '0'), ${c.category_id}::bigint, 'reported',
        ${c.source}::text, ${c.title}::text, ${c.description}::text, ${JSON.stringify(c.attributes)}::jsonb, ${c.is_public}::boolean,
        ${c.urgent}::boolean, ${c.lon}::float8, ${c.lat}::float8, ${c.address}::text, ${c.location_text}::text, ${c.house_id}::bigint, ${c.region_id}::bigint,
        ${c.region_path}::text, ${c.reporter_user_id}::bigint, ${c.idempotency_key}::text, ${c.idempotency_fingerprint}::text, ${ts(c.reported_at)}, ${ts(c.reported_at)},
        ${ts(c.due_at)}, ${ts(c.warn_at)}, ${c.step}::text, ${ts(c.step_due_at)}, ${ts(c.next_deadline_at)}
      FROM seq
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id, number
    ),
    src AS (
      INSERT INTO case_sources (case_id, source, reference, reporter_user_id, reporter_name, reporter_phone, anonymous, description, reported_at)
      SELECT ins.id, ${c.source}::text, ${r.source.reference}::text, ${c.reporter_user_id}::bigint, ${r.source.reporter_name}::text,
        ${r.source.reporter_phone}::text, ${r.source.anonymous}::boolean, ${c.description}::text, ${ts(c.reported_at)} FROM ins
    ),
    ev AS (
      INSERT INTO case_events (case_id, at, actor_user_id, actor_name, actor_unit, action, from_status, to_status, note, audience, data)
      SELECT ins.id, ${ts(c.reported_at)}, ${r.event.actor_user_id}::bigint, ${r.event.actor_name}::text, NULL, 'report', NULL, 'reported',
        ${c.description}::text, 'public', ${JSON.stringify(r.event.data)}::jsonb FROM ins
      RETURNING id
    )
    SELECT ins.id, ins.number, ev.id AS event_id, ${nearby} AS nearby,
      ${broadcastExpression(r.announcement.channel, r.announcement.payload, { 'data.caseId': sql`ins.id` })} AS announced
    FROM ins, ev`.execute(db);
  return rows[0] ?? null;
}

export function reportRepository(db: Kysely<DB>) {
  return {
    insertReported: (r: ReportedCase) => insertReportedCase(db, r),

    byIdempotencyKey: (key: string) =>
      db.selectFrom('cases').select(['id', 'number', 'idempotency_fingerprint']).where('idempotency_key', '=', key).executeTakeFirst(),

    /** A client application's photo link (Open311 media_url) on the report's first line. */
    async insertLinkedPhoto(p: { caseId: number; eventId: number; mediaUrl: string }) {
      await db
        .insertInto('case_photos')
        .values({
          case_id: p.caseId,
          event_id: p.eventId,
          kind: 'link',
          original_sha: '',
          display_sha: '',
          thumb_sha: '',
          width: 0,
          height: 0,
          media_url: p.mediaUrl,
        })
        .execute();
    },

    houseById: (id: number) =>
      db
        .selectFrom('houses')
        .select(['id', 'region_path', 'standard_address', 'grid_id', 'community_id', 'lon', 'lat'])
        .where('id', '=', id)
        .executeTakeFirst(),

    regionById: (id: number) => db.selectFrom('regions').select(['id', 'path', 'level']).where('id', '=', id).executeTakeFirst(),

    /** A resident's home: the house they are registered at. */
    homeOf: (residentId: number) =>
      db
        .selectFrom('residents')
        .innerJoin('houses', 'houses.id', 'residents.house_id')
        .select(['houses.id as house_id', 'houses.grid_id', 'houses.community_id', 'houses.region_path'])
        .where('residents.id', '=', residentId)
        .executeTakeFirst(),

    /** The county itself: where an outside application's report without a place belongs. */
    county: () => db.selectFrom('regions').select(['id', 'path']).where('level', '=', 'county').orderBy('id').executeTakeFirstOrThrow(),

    /** "Me too": the joiner's own source of the case. */
    async insertSource(s: { caseId: number; source: string; userId: number; name: string; description: string | null; at: Date }) {
      await db
        .insertInto('case_sources')
        .values({
          case_id: s.caseId,
          source: s.source,
          reporter_user_id: s.userId,
          reporter_name: s.name,
          description: s.description,
          reported_at: s.at,
        })
        .execute();
    },
  };
}
export type ReportRepository = ReturnType<typeof reportRepository>;
