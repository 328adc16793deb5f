import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, DisclosureDecisionCommentTable, DisclosureDecisionTable } from '../../platform/db/schema.js';

/**
 * 重大决策预公开: the county government's catalogue of major decisions and the public's comments
 * on them. Not limited by region: the catalogue is the county government's, read by everyone.
 */
export function decisionsRepository(db: Kysely<DB>) {
  return {
    /** The year's catalogue in its order; without a year, every year's, newest first. */
    catalogue: (year?: number) => {
      let q = db.selectFrom('disclosure_decisions').selectAll();
      if (year !== undefined) q = q.where('year', '=', year);
      return q.orderBy('year', 'desc').orderBy('seq').execute();
    },

    byId: (id: number) => db.selectFrom('disclosure_decisions').selectAll().where('id', '=', id).executeTakeFirst(),

    /** The row locked for a change: two staff acting at once take turns. */
    lockById: (id: number) => db.selectFrom('disclosure_decisions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

    /** The next number in a year's catalogue; the (year, seq) key refuses a duplicate if two race. */
    nextSeq: async (year: number) =>
      Number(
        (
          await db
            .selectFrom('disclosure_decisions')
            .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('last'))
            .where('year', '=', year)
            .executeTakeFirstOrThrow()
        ).last,
      ) + 1,

    insert: async (values: Insertable<DisclosureDecisionTable>) =>
      (await db.insertInto('disclosure_decisions').values(values).returning('id').executeTakeFirstOrThrow()).id,

    update: (id: number, values: Updateable<DisclosureDecisionTable>) =>
      db.updateTable('disclosure_decisions').set(values).where('id', '=', id).execute(),

    comments: (decisionId: number) =>
      db
        .selectFrom('disclosure_decision_comments')
        .selectAll()
        .where('decision_id', '=', decisionId)
        .orderBy('submitted_at')
        .orderBy('id')
        .execute(),

    comment: (decisionId: number, commentId: number) =>
      db
        .selectFrom('disclosure_decision_comments')
        .selectAll()
        .where('decision_id', '=', decisionId)
        .where('id', '=', commentId)
        .executeTakeFirst(),

    /** The account's comment of these very words on the decision, if it made one. */
    commentBy: (decisionId: number, userId: number, content: string) =>
      db
        .selectFrom('disclosure_decision_comments')
        .select('id')
        .where('decision_id', '=', decisionId)
        .where('user_id', '=', userId)
        .where('content', '=', content)
        .executeTakeFirst(),

    addComment: async (values: Insertable<DisclosureDecisionCommentTable>) =>
      (await db.insertInto('disclosure_decision_comments').values(values).returning('id').executeTakeFirstOrThrow()).id,

    updateComment: (commentId: number, values: Updateable<DisclosureDecisionCommentTable>) =>
      db.updateTable('disclosure_decision_comments').set(values).where('id', '=', commentId).execute(),
  };
}

export type DecisionsRepository = ReturnType<typeof decisionsRepository>;
export type DecisionRow = NonNullable<Awaited<ReturnType<DecisionsRepository['byId']>>>;
export type CommentRow = Awaited<ReturnType<DecisionsRepository['comments']>>[number];
