import { sql, type Kysely, type Updateable } from 'kysely';
import type { AvDossierTable, DB } from '../../platform/db/schema.js';
import { under } from '../../platform/scope.js';
import type { CampaignInput } from './abandoned-vehicles.schema.js';

/** The only place the abandoned-vehicle campaign writes SQL. */
type Db = Kysely<DB>;

// ——— campaigns ———

export interface CampaignWithPhases {
  id: number; code: string; name: string; docNumber: string; issuedOn: string; issuingUnit: string; legalBasis: string;
  reportDay: number; fromCatalogue: boolean; startsOn: string | null; endsOn: string | null;
  phases: { code: string; name: string; startsOn: string; endsOn: string }[];
}

export async function listCampaigns(db: Db): Promise<CampaignWithPhases[]> {
  const rows = await db.selectFrom('av_campaigns').selectAll().orderBy('issued_on').orderBy('id').execute();
  if (!rows.length) return [];
  const phases = await db.selectFrom('av_campaign_phases').selectAll().where('campaign_id', 'in', rows.map((r) => r.id))
    .orderBy('campaign_id').orderBy('sort').orderBy('starts_on').execute();
  return rows.map((r) => {
    const own = phases.filter((p) => p.campaign_id === r.id).map((p) => ({ code: p.code, name: p.name, startsOn: p.starts_on, endsOn: p.ends_on }));
    return {
      id: r.id, code: r.code, name: r.name, docNumber: r.doc_number, issuedOn: r.issued_on, issuingUnit: r.issuing_unit,
      legalBasis: r.legal_basis, reportDay: r.report_day, fromCatalogue: r.from_catalogue,
      startsOn: own[0]?.startsOn ?? null, endsOn: own[own.length - 1]?.endsOn ?? null, phases: own,
    };
  });
}

export async function campaignById(db: Db, id: number) {
  return (await listCampaigns(db)).find((c) => c.id === id);
}

export function campaignByCode(db: Db, code: string) {
  return db.selectFrom('av_campaigns').select(['id']).where('code', '=', code).executeTakeFirst();
}

const campaignColumns = (input: CampaignInput) => ({
  code: input.code, name: input.name, doc_number: input.docNumber, issued_on: input.issuedOn, issuing_unit: input.issuingUnit,
  legal_basis: input.legalBasis, report_day: input.reportDay,
});

async function writePhases(db: Db, campaignId: number, input: CampaignInput) {
  await db.deleteFrom('av_campaign_phases').where('campaign_id', '=', campaignId).execute();
  await db.insertInto('av_campaign_phases').values(input.phases.map((p, i) => ({
    campaign_id: campaignId, code: p.code, name: p.name, starts_on: p.startsOn, ends_on: p.endsOn, sort: i,
  }))).execute();
}

/** One transaction, and safe when several processes seed at once: the loser's insert does nothing. */
export async function insertCampaign(db: Db, input: CampaignInput, fromCatalogue: boolean): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('av_campaigns').values({ ...campaignColumns(input), from_catalogue: fromCatalogue })
      .onConflict((oc) => oc.column('code').doNothing()).returning('id').executeTakeFirst();
    if (row) await writePhases(trx, row.id, input);
    return row?.id ?? null;
  });
}

export async function updateCampaign(db: Db, id: number, input: CampaignInput) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('av_campaigns').set({ ...campaignColumns(input), from_catalogue: false, updated_at: new Date() }).where('id', '=', id).execute();
    await writePhases(trx, id, input);
  });
}

// ——— dossiers ———

export function dossierRow(db: Db, caseId: number) {
  return db.selectFrom('av_dossiers as d')
    .leftJoin('vehicles as v', 'v.id', 'd.vehicle_id')
    .leftJoin('residents as owner', 'owner.id', 'd.owner_id')
    .leftJoin('houses as home', 'home.id', 'owner.house_id')
    .selectAll('d')
    .select([
      'v.plate as vehicle_plate', 'v.brand as vehicle_brand', 'v.vehicle_type', 'owner.name as owner_name',
      'owner.phone as owner_phone', 'owner.id_card as owner_id_card', 'home.standard_address as owner_address',
    ])
    .where('d.case_id', '=', caseId).executeTakeFirst();
}
export type DossierRow = NonNullable<Awaited<ReturnType<typeof dossierRow>>>;

/** The dossier is opened by the first step taken on it. */
export async function ensureDossier(db: Db, caseId: number, campaignId: number | null) {
  await db.insertInto('av_dossiers').values({ case_id: caseId, campaign_id: campaignId })
    .onConflict((oc) => oc.column('case_id').doNothing()).execute();
}

export async function updateDossier(db: Db, caseId: number, set: Updateable<AvDossierTable>, now: Date) {
  await db.updateTable('av_dossiers').set({ ...set, updated_at: now }).where('case_id', '=', caseId).execute();
}

export function objectionsOf(db: Db, caseId: number) {
  return db.selectFrom('av_objections').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}
export type ObjectionRow = Awaited<ReturnType<typeof objectionsOf>>[number];

export async function insertObjection(db: Db, row: { caseId: number; raisedAt: Date; raisedBy: string; content: string; userId: number }) {
  return db.insertInto('av_objections').values({
    case_id: row.caseId, raised_at: row.raisedAt, raised_by: row.raisedBy, content: row.content, recorded_by: row.userId,
  }).returning('id').executeTakeFirstOrThrow();
}

export async function resolveObjection(db: Db, id: number, row: { at: Date; resolution: string; userId: number }) {
  await db.updateTable('av_objections').set({ resolved_at: row.at, resolution: row.resolution, resolved_by: row.userId }).where('id', '=', id).execute();
}

/** 车找人: the registered vehicle with this plate and its owner, county-wide (the registry is the county's). */
export function vehicleByPlate(db: Db, plate: string) {
  return db.selectFrom('vehicles').select(['id', 'plate', 'owner_id', 'brand']).where('plate', '=', plate).executeTakeFirst();
}

// ——— reports ———

export interface Measures { found: number; notified: number; selfCleared: number; disposed: number; pending: number }
export interface MeasureRow extends Measures { key: string; name: string }

/**
 * The report's five figures for abandoned-vehicle cases in a region subtree over [from, to):
 * found (reported in the period), notified (owner or public notice given in it), self-cleared
 * and disposed (outcome recorded in it; disposed counts every outcome but 自行清理), and pending
 * (reported before the end and without an outcome at the end). Rejected and merged cases are
 * not vehicles. Grouped by town (镇街) or by the handling unit.
 */
export async function measuresBy(db: Db, f: { path: string; from: Date; to: Date; by: 'town' | 'unit' }): Promise<MeasureRow[]> {
  const key = f.by === 'town'
    ? sql<string>`coalesce(town.id::text, '-')`
    : sql<string>`coalesce('u' || unit.id::text, CASE WHEN c.handler_region_id IS NOT NULL THEN 'grid' ELSE 'none' END)`;
  const name = f.by === 'town'
    ? sql<string>`coalesce(min(town.name), '县直')`
    : sql<string>`coalesce(min(unit.name), CASE WHEN min(c.handler_region_id) IS NOT NULL THEN '属地社区（网格）' ELSE '未派遣' END)`;
  const rows = await sql<{ key: string; name: string; found: number; notified: number; self_cleared: number; disposed: number; pending: number }>`
    SELECT ${key} AS key, ${name} AS name,
      count(*) FILTER (WHERE c.reported_at >= ${f.from} AND c.reported_at < ${f.to})::int AS found,
      count(*) FILTER (WHERE (d.owner_notice_at >= ${f.from} AND d.owner_notice_at < ${f.to})
                          OR (d.public_notice_at >= ${f.from} AND d.public_notice_at < ${f.to}))::int AS notified,
      count(*) FILTER (WHERE d.disposal = 'self_cleared' AND d.disposal_at >= ${f.from} AND d.disposal_at < ${f.to})::int AS self_cleared,
      count(*) FILTER (WHERE d.disposal <> 'self_cleared' AND d.disposal_at >= ${f.from} AND d.disposal_at < ${f.to})::int AS disposed,
      count(*) FILTER (WHERE d.disposal IS NULL OR d.disposal_at >= ${f.to})::int AS pending
    FROM cases c
    JOIN case_categories cat ON cat.id = c.category_id AND cat.case_type = 'abandoned_vehicle'
    LEFT JOIN av_dossiers d ON d.case_id = c.id
    LEFT JOIN regions town ON town.level = 'town' AND c.region_path LIKE town.path || '%'
    LEFT JOIN org_units unit ON unit.id = c.handler_unit_id
    WHERE c.region_path LIKE ${under(f.path)} AND c.reported_at < ${f.to} AND c.status NOT IN ('rejected', 'merged')
    GROUP BY 1
    ORDER BY 2`.execute(db);
  return rows.rows.map((r) => ({ key: r.key, name: r.name, found: r.found, notified: r.notified, selfCleared: r.self_cleared, disposed: r.disposed, pending: r.pending }));
}

/** The towns a viewer's region covers (or lies in), so a report lists a town with nothing in it too. */
export function townsFor(db: Db, path: string) {
  return db.selectFrom('regions').select(['id', 'name', 'path']).where('level', '=', 'town')
    .where((eb) => eb.or([eb('path', 'like', under(path)), eb(sql.val(path), 'like', sql<string>`path || '%'`)]))
    .orderBy('sort').orderBy('id').execute();
}

/** 典型案例: a few cases whose outcome was recorded in the period, the first ones first. */
export function disposedCases(db: Db, f: { path: string; from: Date; to: Date; limit: number }) {
  return db.selectFrom('av_dossiers as d').innerJoin('cases as c', 'c.id', 'd.case_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['c.id', 'c.number', 'c.address', 'c.attributes', 'r.name as region_name', 'd.disposal', 'd.disposal_at', 'd.disposal_unit', 'd.receiving_unit', 'd.public_notice_at', 'd.owner_notice_at'])
    .where('c.region_path', 'like', under(f.path)).where('d.disposal_at', '>=', f.from).where('d.disposal_at', '<', f.to)
    .orderBy('d.disposal_at').limit(f.limit).execute();
}
