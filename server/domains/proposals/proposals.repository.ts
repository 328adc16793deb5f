import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
  DB,
  ProposalAssignmentTable,
  ProposalEvaluationTable,
  ProposalFeedbackTable,
  ProposalReplyTable,
  ProposalSessionTable,
  ProposalTable,
} from '../../platform/db/schema.js';
import { containing } from '../../platform/db/text-search.js';
import { pageOf } from '../../platform/paging.js';

export interface ProposalFilter {
  number?: string;
  sessionId?: number;
  state?: ProposalTable['state'];
  unitId?: number;
  q?: string;
  /**
   * A handling unit reads only the proposals assigned to it (in any round, returned or not);
   * null for the office and leaders, who read them all (proposal-policy.ts decides which).
   */
  visibleToUnit: number | null;
}

/**
 * Proposals, their sessions, proposers, assignments, replies and forms. Not limited by region:
 * a proposal belongs to the county, and who reads it is decided by its assignments (a handling
 * unit reads only its own), which every read here takes as `visibleToUnit`.
 */
export function proposalsRepository(db: Kysely<DB>) {
  // A unit that returned a proposal still reads it (its return and reason are its record), with no action left.
  const assignedTo = (unitId: number) =>
    db.selectFrom('proposal_assignments as mine').select('mine.proposal_id').where('mine.org_unit_id', '=', unitId);

  const filtered = (f: ProposalFilter) => {
    let q = db.selectFrom('proposals').innerJoin('proposal_sessions as s', 's.id', 'proposals.session_id');
    if (f.visibleToUnit !== null) q = q.where('proposals.id', 'in', assignedTo(f.visibleToUnit));
    if (f.number) q = q.where('proposals.number', '=', f.number);
    if (f.sessionId) q = q.where('proposals.session_id', '=', f.sessionId);
    if (f.state) q = q.where('proposals.state', '=', f.state);
    if (f.unitId) q = q.where('proposals.id', 'in', assignedTo(f.unitId));
    if (f.q) {
      const like = containing(f.q);
      q = q.where((eb) =>
        eb.or([
          eb('proposals.title', 'like', like),
          eb('proposals.id', 'in', eb.selectFrom('proposal_proposers').select('proposal_id').where('name', 'like', like)),
        ]),
      );
    }
    return q;
  };
  // prettier-ignore
  const withSession = (f: ProposalFilter) =>
    filtered(f).select([
      'proposals.id', 'proposals.session_id', 'proposals.kind', 'proposals.number', 'proposals.title', 'proposals.content',
      'proposals.category', 'proposals.state', 'proposals.review_reason', 'proposals.reviewed_at', 'proposals.mode',
      's.level', 's.body', 's.term', 's.session_number',
    ]);

  return {
    // Sessions ---------------------------------------------------------------------------
    sessions: () =>
      db
        .selectFrom('proposal_sessions')
        .select((eb) => [
          'proposal_sessions.id',
          'proposal_sessions.body',
          'proposal_sessions.level',
          'proposal_sessions.term',
          'proposal_sessions.session_number',
          'proposal_sessions.opens_on',
          'proposal_sessions.closes_on',
          eb
            .selectFrom('proposals')
            .select(eb.fn.countAll<string>().as('n'))
            .whereRef('proposals.session_id', '=', 'proposal_sessions.id')
            .as('proposals'),
        ])
        .orderBy('proposal_sessions.opens_on', (o) => o.desc().nullsLast())
        .orderBy('proposal_sessions.id', 'desc')
        .execute(),

    sessionById: (id: number) => db.selectFrom('proposal_sessions').selectAll().where('id', '=', id).executeTakeFirst(),

    /** A session by what names it; the id of the new one or of the one already there. */
    upsertSession: async (values: Insertable<ProposalSessionTable>) =>
      db
        .insertInto('proposal_sessions')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['level', 'body', 'term', 'session_number']).doUpdateSet((eb) => ({ term: eb.ref('excluded.term') })),
        )
        .returning('id')
        .executeTakeFirstOrThrow(),

    insertSession: async (values: Insertable<ProposalSessionTable>) =>
      db
        .insertInto('proposal_sessions')
        .values(values)
        .onConflict((oc) => oc.columns(['level', 'body', 'term', 'session_number']).doNothing())
        .returning('id')
        .executeTakeFirst(),

    // Proposals --------------------------------------------------------------------------
    list: (f: ProposalFilter, page: { offset: number; limit: number }) =>
      pageOf(
        withSession(f).orderBy('proposals.session_id', 'desc').orderBy('proposals.number').offset(page.offset).limit(page.limit),
        filtered(f),
      ),

    byId: (id: number, visibleToUnit: number | null) => withSession({ visibleToUnit }).where('proposals.id', '=', id).executeTakeFirst(),

    /** The proposal a session numbers so, whoever may see it (a number is unique in its session). */
    byNumber: (sessionId: number, number: string) =>
      db
        .selectFrom('proposals')
        .select(['id', 'state'])
        .where('session_id', '=', sessionId)
        .where('number', '=', number)
        .executeTakeFirst(),

    /** Locks the proposal's row for a change of state, so two changes at once do not both pass its check. */
    lock: (id: number) => db.selectFrom('proposals').select(['id', 'state', 'mode']).where('id', '=', id).forUpdate().executeTakeFirst(),

    insert: async (values: Insertable<ProposalTable>) =>
      (await db.insertInto('proposals').values(values).returning('id').executeTakeFirstOrThrow()).id,

    update: (id: number, values: Updateable<ProposalTable>) => db.updateTable('proposals').set(values).where('id', '=', id).execute(),

    proposersOf: (ids: number[]) =>
      db
        .selectFrom('proposal_proposers')
        .select(['proposal_id', 'name'])
        .where('proposal_id', 'in', ids.length ? ids : [-1])
        .orderBy('proposal_id')
        .orderBy('seq')
        .execute(),

    /** The proposers, in the order given, in place of any before. */
    setProposers: async (proposalId: number, names: string[]) => {
      await db.deleteFrom('proposal_proposers').where('proposal_id', '=', proposalId).execute();
      await db
        .insertInto('proposal_proposers')
        .values(names.map((name, i) => ({ proposal_id: proposalId, seq: i + 1, name })))
        .execute();
    },

    // Assignments, replies, feedback -----------------------------------------------------
    /** Every assignment of the proposals, oldest first, with its unit, reply and feedback form. */
    // prettier-ignore
    assignmentsOf: (ids: number[]) =>
      db
        .selectFrom('proposal_assignments as a')
        .innerJoin('org_units as u', 'u.id', 'a.org_unit_id')
        .leftJoin('proposal_replies as r', 'r.assignment_id', 'a.id')
        .leftJoin('proposal_feedback as f', 'f.reply_id', 'r.id')
        .select([
          'a.id', 'a.proposal_id', 'a.round', 'a.org_unit_id', 'a.role', 'a.status', 'a.assigned_on', 'a.returned_on',
          'a.return_reason', 'a.opinion', 'a.opinion_on', 'a.extended_until', 'a.extension_reason', 'a.rehandles', 'u.name as unit_name',
          'r.id as reply_id', 'r.replied_on', 'r.document_number', 'r.document_id', 'r.content as reply_content', 'r.contact_name',
          'r.contact_phone', 'f.consultation', 'f.pertinence', 'f.satisfaction', 'f.adoption', 'f.signer', 'f.signer_phone',
          'f.recorded_at',
        ])
        .where('a.proposal_id', 'in', ids.length ? ids : [-1])
        .orderBy('a.proposal_id')
        .orderBy('a.id')
        .execute(),

    insertAssignments: (rows: Insertable<ProposalAssignmentTable>[]) =>
      db.insertInto('proposal_assignments').values(rows).returning('id').execute(),

    updateAssignment: (id: number, values: Updateable<ProposalAssignmentTable>) =>
      db.updateTable('proposal_assignments').set(values).where('id', '=', id).execute(),

    insertReply: async (values: Insertable<ProposalReplyTable>) =>
      (await db.insertInto('proposal_replies').values(values).returning('id').executeTakeFirstOrThrow()).id,

    updateReply: (id: number, values: Updateable<ProposalReplyTable>) =>
      db.updateTable('proposal_replies').set(values).where('id', '=', id).execute(),

    insertFeedback: async (values: Insertable<ProposalFeedbackTable>) =>
      (await db.insertInto('proposal_feedback').values(values).returning('id').executeTakeFirstOrThrow()).id,

    // Evaluations ------------------------------------------------------------------------
    evaluationsOf: (proposalId: number) =>
      db
        .selectFrom('proposal_evaluations as e')
        .innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
        .select(['e.org_unit_id', 'u.name as unit_name', 'e.scores', 'e.total', 'e.recommended', 'e.suggestions', 'e.evaluated_at'])
        .where('e.proposal_id', '=', proposalId)
        .orderBy('e.id')
        .execute(),

    insertEvaluation: async (values: Insertable<ProposalEvaluationTable>) =>
      (await db.insertInto('proposal_evaluations').values(values).returning('id').executeTakeFirstOrThrow()).id,

    // Statistics -------------------------------------------------------------------------
    /** The proposals a statistic counts, with their session and category. */
    statisticsProposals: (f: { sessionId?: number; visibleToUnit: number | null }) =>
      withSession({ sessionId: f.sessionId, visibleToUnit: f.visibleToUnit }).orderBy('proposals.id').execute(),
  };
}

export type ProposalsRepository = ReturnType<typeof proposalsRepository>;
export type ProposalRow = NonNullable<Awaited<ReturnType<ProposalsRepository['byId']>>>;
export type AssignmentRow = Awaited<ReturnType<ProposalsRepository['assignmentsOf']>>[number];
export type SessionRow = Awaited<ReturnType<ProposalsRepository['sessions']>>[number];
export type EvaluationRow = Awaited<ReturnType<ProposalsRepository['evaluationsOf']>>[number];
