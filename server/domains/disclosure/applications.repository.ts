import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
  DB,
  DisclosureApplicationEventTable,
  DisclosureApplicationTable,
  DisclosureConsultationTable,
  DisclosureCorrectionTable,
  DisclosureExtensionTable,
  DisclosureFeeTable,
  DisclosureReplyTable,
} from '../../platform/db/schema.js';
import { containing } from '../../platform/db/text-search.js';

/**
 * Applications for disclosure and everything recorded on them. Not limited by region: the county
 * government office handles every application made to the county government (docs/decisions/046),
 * and the public routes find one only by its tracking code and the contact given with it.
 */
export interface ApplicationFilter {
  state?: string;
  q?: string;
}

export function applicationsRepository(db: Kysely<DB>) {
  const filtered = (f: ApplicationFilter) => {
    let q = db.selectFrom('disclosure_applications');
    if (f.state) q = q.where('state', '=', f.state);
    if (f.q) {
      const pattern = containing(f.q);
      q = q.where((eb) => eb.or([eb('tracking_code', 'like', pattern.toUpperCase()), eb('applicant_name', 'like', pattern)]));
    }
    return q;
  };
  return {
    /** A new application; null when its idempotency key was used already (the caller replays that one). */
    insert: async (values: Insertable<DisclosureApplicationTable>) =>
      (
        await db
          .insertInto('disclosure_applications')
          .values(values)
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning('id')
          .executeTakeFirst()
      )?.id ?? null,

    byIdempotencyKey: (key: string) =>
      db
        .selectFrom('disclosure_applications')
        .select(['id', 'tracking_code', 'idempotency_fingerprint'])
        .where('idempotency_key', '=', key)
        .executeTakeFirst(),

    trackingCodeTaken: async (code: string) =>
      (await db.selectFrom('disclosure_applications').select('id').where('tracking_code', '=', code).executeTakeFirst()) !== undefined,

    byTrackingCode: (code: string) =>
      db.selectFrom('disclosure_applications').selectAll().where('tracking_code', '=', code).executeTakeFirst(),

    byId: (id: number) => db.selectFrom('disclosure_applications').selectAll().where('id', '=', id).executeTakeFirst(),

    /** The row locked for a change: two staff acting at once take turns. */
    lockById: (id: number) => db.selectFrom('disclosure_applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

    list: async (f: ApplicationFilter, page: { offset: number; limit: number }) => {
      const [rows, count] = await Promise.all([
        filtered(f)
          .selectAll()
          // Running clocks first, the nearest deadline on top; then the newest.
          .orderBy((eb) => eb.case().when('due_on', 'is', null).then(1).else(0).end())
          .orderBy('due_on')
          .orderBy('submitted_at', 'desc')
          .offset(page.offset)
          .limit(page.limit)
          .execute(),
        filtered(f)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    update: (id: number, values: Updateable<DisclosureApplicationTable>) =>
      db.updateTable('disclosure_applications').set(values).where('id', '=', id).execute(),

    events: (id: number) =>
      db.selectFrom('disclosure_application_events').selectAll().where('application_id', '=', id).orderBy('at').orderBy('id').execute(),

    addEvent: (values: Insertable<DisclosureApplicationEventTable>) =>
      db.insertInto('disclosure_application_events').values(values).execute(),

    correction: (id: number) => db.selectFrom('disclosure_corrections').selectAll().where('application_id', '=', id).executeTakeFirst(),
    insertCorrection: (values: Insertable<DisclosureCorrectionTable>) => db.insertInto('disclosure_corrections').values(values).execute(),
    correctionReceived: (id: number, receivedOn: string, note: string | null) =>
      db
        .updateTable('disclosure_corrections')
        .set({ received_on: receivedOn, received_note: note })
        .where('application_id', '=', id)
        .execute(),

    consultations: (id: number) =>
      db.selectFrom('disclosure_consultations').selectAll().where('application_id', '=', id).orderBy('started_on').orderBy('id').execute(),
    insertConsultation: (values: Insertable<DisclosureConsultationTable>) =>
      db.insertInto('disclosure_consultations').values(values).execute(),
    endConsultation: (id: number, endedOn: string, outcome: string) =>
      db
        .updateTable('disclosure_consultations')
        .set({ ended_on: endedOn, outcome })
        .where('application_id', '=', id)
        .where('ended_on', 'is', null)
        .execute(),

    extension: (id: number) => db.selectFrom('disclosure_extensions').selectAll().where('application_id', '=', id).executeTakeFirst(),
    insertExtension: (values: Insertable<DisclosureExtensionTable>) => db.insertInto('disclosure_extensions').values(values).execute(),

    reply: (id: number) => db.selectFrom('disclosure_replies').selectAll().where('application_id', '=', id).executeTakeFirst(),
    insertReply: (values: Insertable<DisclosureReplyTable>) => db.insertInto('disclosure_replies').values(values).execute(),

    /** The year's next reply-letter serial, in one atomic statement whatever the number of processes. */
    nextReplySerial: async (year: number) =>
      (
        await db
          .insertInto('disclosure_reply_serials')
          .values({ year, last: 1 })
          .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: eb('disclosure_reply_serials.last', '+', 1) })))
          .returning('last')
          .executeTakeFirstOrThrow()
      ).last,

    fee: (id: number) => db.selectFrom('disclosure_fees').selectAll().where('application_id', '=', id).executeTakeFirst(),
    setFee: (values: Insertable<DisclosureFeeTable>) =>
      db
        .insertInto('disclosure_fees')
        .values(values)
        .onConflict((oc) =>
          oc.column('application_id').doUpdateSet({
            method: values.method,
            quantity: values.quantity,
            prior_pieces: values.prior_pieces,
            amount_yuan: values.amount_yuan,
            explanation: values.explanation,
            noticed_on: values.noticed_on,
          }),
        )
        .execute(),

    /**
     * What 年度报告 表三 counts for a year: every application received by its last day and not
     * concluded before its first, with its applicant's kind and how (and when) it ended.
     */
    forAnnualTable: (firstDay: string, lastDay: string) =>
      db
        .selectFrom('disclosure_applications as a')
        .leftJoin('disclosure_replies as r', 'r.application_id', 'a.id')
        .select([
          'a.id',
          'a.applicant_kind',
          'a.organization_kind',
          'a.received_on',
          'a.state',
          'a.concluded_on',
          'r.reply_type',
          'r.withheld_ground',
        ])
        .where('a.received_on', 'is not', null)
        .where('a.received_on', '<=', lastDay)
        .where((eb) => eb.or([eb('a.concluded_on', 'is', null), eb('a.concluded_on', '>=', firstDay)]))
        .orderBy('a.id')
        .execute(),
  };
}

export type ApplicationsRepository = ReturnType<typeof applicationsRepository>;
export type ApplicationRow = NonNullable<Awaited<ReturnType<ApplicationsRepository['byId']>>>;
export type AnnualRow = Awaited<ReturnType<ApplicationsRepository['forAnnualTable']>>[number];
