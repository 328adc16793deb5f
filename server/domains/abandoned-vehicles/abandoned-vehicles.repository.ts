import { sql, type Kysely, type Updateable } from 'kysely';
import type { AvDossierTable, DB } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { under } from '../../platform/scope.js';
import type { CampaignInput, CampaignPlan, TownProgress } from '../../../common/contracts/abandoned-vehicles.js';
import { casesOfType } from '../cases/index.js';

/**
 * The only place the abandoned-vehicle campaign writes SQL: its own tables (campaigns, dossiers,
 * objections). Its cases are the case engine's: the reports read them through the engine's read
 * model of a case type's cases (casesOfType), never from the case tables.
 */
export const CASE_TYPE = 'abandoned_vehicle';

// ——— campaigns ———

export interface CampaignWithPhases {
  id: number;
  code: string;
  name: string;
  docNumber: string;
  issuedOn: string;
  issuingUnit: string;
  legalBasis: string;
  reportDay: number;
  plan: CampaignPlan | null;
  fromCatalogue: boolean;
  startsOn: string | null;
  endsOn: string | null;
  phases: { code: string; name: string; startsOn: string; endsOn: string }[];
}

const campaignColumns = (input: CampaignInput) => ({
  code: input.code,
  name: input.name,
  doc_number: input.docNumber,
  issued_on: input.issuedOn,
  issuing_unit: input.issuingUnit,
  legal_basis: input.legalBasis,
  report_day: input.reportDay,
});

export function campaignsRepository(db: Kysely<DB>) {
  async function list(): Promise<CampaignWithPhases[]> {
    const rows = await db.selectFrom('av_campaigns').selectAll().orderBy('issued_on').orderBy('id').execute();
    if (!rows.length) return [];
    const phases = await db
      .selectFrom('av_campaign_phases')
      .selectAll()
      .where(
        'campaign_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('campaign_id')
      .orderBy('sort')
      .orderBy('starts_on')
      .execute();
    return rows.map((r) => {
      const own = phases
        .filter((p) => p.campaign_id === r.id)
        .map((p) => ({ code: p.code, name: p.name, startsOn: p.starts_on, endsOn: p.ends_on }));
      return {
        id: r.id,
        code: r.code,
        name: r.name,
        docNumber: r.doc_number,
        issuedOn: r.issued_on,
        issuingUnit: r.issuing_unit,
        legalBasis: r.legal_basis,
        reportDay: r.report_day,
        plan: r.plan,
        fromCatalogue: r.from_catalogue,
        startsOn: own[0]?.startsOn ?? null,
        endsOn: own[own.length - 1]?.endsOn ?? null,
        phases: own,
      };
    });
  }

  async function writePhases(trx: Kysely<DB>, campaignId: number, input: CampaignInput) {
    await trx.deleteFrom('av_campaign_phases').where('campaign_id', '=', campaignId).execute();
    await trx
      .insertInto('av_campaign_phases')
      .values(
        input.phases.map((p, i) => ({
          campaign_id: campaignId,
          code: p.code,
          name: p.name,
          starts_on: p.startsOn,
          ends_on: p.endsOn,
          sort: i,
        })),
      )
      .execute();
  }

  return {
    list,
    byId: async (id: number) => (await list()).find((c) => c.id === id),
    byCode: (code: string) => db.selectFrom('av_campaigns').select(['id']).where('code', '=', code).executeTakeFirst(),

    /** One transaction, and safe when several processes seed at once: the loser's insert does nothing. */
    insert: (input: CampaignInput, fromCatalogue: boolean): Promise<number | null> =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('av_campaigns')
          .values({ ...campaignColumns(input), from_catalogue: fromCatalogue })
          .onConflict((oc) => oc.column('code').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (row) await writePhases(trx, row.id, input);
        return row?.id ?? null;
      }),

    /** The plan as the importer read it from the gazette (plan.ts); the API never edits it. */
    setPlan: async (id: number, plan: CampaignPlan) => {
      await db
        .updateTable('av_campaigns')
        .set({ plan: JSON.stringify(plan) })
        .where('id', '=', id)
        .execute();
    },

    update: (id: number, input: CampaignInput) =>
      db.transaction().execute(async (trx) => {
        await trx
          .updateTable('av_campaigns')
          .set({ ...campaignColumns(input), from_catalogue: false, updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        await writePhases(trx, id, input);
      }),
  };
}
export type CampaignsRepository = ReturnType<typeof campaignsRepository>;

// ——— dossiers ———

export function dossiersRepository(db: Kysely<DB>) {
  return {
    /** The dossier with the registered vehicle and its owner (by id: the owner is never copied in). */
    // prettier-ignore
    byCase: (caseId: number) =>
      db
        .selectFrom('av_dossiers as d')
        .leftJoin('vehicles as v', 'v.id', 'd.vehicle_id')
        .leftJoin('residents as owner', 'owner.id', 'd.owner_id')
        .leftJoin('houses as home', 'home.id', 'owner.house_id')
        .selectAll('d')
        .select([
          'v.plate as vehicle_plate', 'v.brand as vehicle_brand', 'v.vehicle_type', 'owner.name as owner_name',
          'owner.phone as owner_phone', 'owner.id_card as owner_id_card', 'home.standard_address as owner_address',
        ])
        .where('d.case_id', '=', caseId)
        .executeTakeFirst(),

    /** The dossier is opened by the first step taken on it. */
    async ensure(caseId: number, campaignId: number | null) {
      await db
        .insertInto('av_dossiers')
        .values({ case_id: caseId, campaign_id: campaignId })
        .onConflict((oc) => oc.column('case_id').doNothing())
        .execute();
    },

    async update(caseId: number, set: Updateable<AvDossierTable>, now: Date) {
      await db
        .updateTable('av_dossiers')
        .set({ ...set, updated_at: now })
        .where('case_id', '=', caseId)
        .execute();
    },

    objectionsOf: (caseId: number) => db.selectFrom('av_objections').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),

    async insertObjection(row: { caseId: number; raisedAt: Date; raisedBy: string; content: string; userId: number }) {
      return (
        await db
          .insertInto('av_objections')
          .values({
            case_id: row.caseId,
            raised_at: row.raisedAt,
            raised_by: row.raisedBy,
            content: row.content,
            recorded_by: row.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    },

    async resolveObjection(id: number, row: { at: Date; resolution: string; userId: number }) {
      await db
        .updateTable('av_objections')
        .set({ resolved_at: row.at, resolution: row.resolution, resolved_by: row.userId })
        .where('id', '=', id)
        .execute();
    },

    /** 车找人: the registered vehicle with this plate and its owner, county-wide (the registry is the county's). */
    vehicleByPlate: (plate: string) =>
      db.selectFrom('vehicles').select(['id', 'plate', 'owner_id', 'brand']).where('plate', '=', plate).executeTakeFirst(),
  };
}
export type DossiersRepository = ReturnType<typeof dossiersRepository>;
export type DossierRow = NonNullable<Awaited<ReturnType<DossiersRepository['byCase']>>>;
export type ObjectionRow = Awaited<ReturnType<DossiersRepository['objectionsOf']>>[number];

// ——— reports, over the viewer's scope ———

/** The figures of one town or unit. */
export type MeasureRow = TownProgress;

export function avReportsRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  return {
    /**
     * The report's five figures for the scope's abandoned-vehicle cases over [from, to): found
     * (reported in the period), notified (owner or public notice given in it), self-cleared and
     * disposed (outcome recorded in it; disposed counts every outcome but 自行清理), and pending
     * (reported before the end and without an outcome at the end). Rejected and merged cases are
     * not vehicles. Grouped by town (镇街) or by the handling unit.
     */
    async measuresBy(f: { from: Date; to: Date; by: 'town' | 'unit' }): Promise<MeasureRow[]> {
      const key =
        f.by === 'town'
          ? sql<string>`coalesce(c.town_id::text, '-')`
          : sql<string>`coalesce('u' || c.handler_unit_id::text, CASE WHEN c.handler_region_id IS NOT NULL THEN 'grid' ELSE 'none' END)`;
      const name =
        f.by === 'town'
          ? sql<string>`coalesce(min(c.town_name), '县直')`
          : sql<string>`coalesce(min(c.handler_unit_name), CASE WHEN min(c.handler_region_id) IS NOT NULL THEN '属地社区（网格）' ELSE '未派遣' END)`;
      const vehicles = casesOfType(scoped, CASE_TYPE, { reportedBefore: f.to, countable: true });
      const rows = await sql<{
        key: string;
        name: string;
        found: number;
        notified: number;
        self_cleared: number;
        disposed: number;
        pending: number;
      }>`
        SELECT ${key} AS key, ${name} AS name,
          count(*) FILTER (WHERE c.reported_at >= ${f.from} AND c.reported_at < ${f.to})::int AS found,
          count(*) FILTER (WHERE (d.owner_notice_at >= ${f.from} AND d.owner_notice_at < ${f.to})
                              OR (d.public_notice_at >= ${f.from} AND d.public_notice_at < ${f.to}))::int AS notified,
          count(*) FILTER (WHERE d.disposal = 'self_cleared' AND d.disposal_at >= ${f.from} AND d.disposal_at < ${f.to})::int AS self_cleared,
          count(*) FILTER (WHERE d.disposal <> 'self_cleared' AND d.disposal_at >= ${f.from} AND d.disposal_at < ${f.to})::int AS disposed,
          count(*) FILTER (WHERE d.disposal IS NULL OR d.disposal_at >= ${f.to})::int AS pending
        FROM ${vehicles} AS c
        LEFT JOIN av_dossiers d ON d.case_id = c.id
        GROUP BY 1
        ORDER BY 2`.execute(db);
      return rows.rows.map((r) => ({
        key: r.key,
        name: r.name,
        found: r.found,
        notified: r.notified,
        selfCleared: r.self_cleared,
        disposed: r.disposed,
        pending: r.pending,
      }));
    },

    /** The towns the scope covers (or lies in), so a report lists a town with nothing in it too. */
    towns: () =>
      db
        .selectFrom('regions')
        .select(['id', 'name', 'path'])
        .where('level', '=', 'town')
        .where((eb) =>
          eb.or([eb('path', 'like', under(scoped.scope.path)), eb(sql.val(scoped.scope.path), 'like', sql<string>`path || '%'`)]),
        )
        .orderBy('sort')
        .orderBy('id')
        .execute(),

    /** 典型案例: a few of the scope's cases whose outcome was recorded in the period, the first ones first. */
    // prettier-ignore
    disposedCases: (f: { from: Date; to: Date; limit: number }) =>
      db
        .selectFrom(casesOfType(scoped, CASE_TYPE).as('c'))
        .innerJoin('av_dossiers as d', 'd.case_id', 'c.id')
        .select([
          'c.id', 'c.number', 'c.address', 'c.attributes', 'c.region_name', 'd.disposal', 'd.disposal_at', 'd.disposal_unit',
          'd.receiving_unit', 'd.public_notice_at', 'd.owner_notice_at',
        ])
        .where('d.disposal_at', '>=', f.from)
        .where('d.disposal_at', '<', f.to)
        .orderBy('d.disposal_at')
        .limit(f.limit)
        .execute(),
  };
}
export type AvReportsRepository = ReturnType<typeof avReportsRepository>;
