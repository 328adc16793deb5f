import type { Insertable, Kysely } from 'kysely';
import type { CaseSupervisionTable, DB } from '../../platform/db/schema.js';
import type { CaseChanges } from './steps.js';

/**
 * What a step on a case writes besides its timeline line (actions.ts, questionnaire.ts):
 * the case row, the sources a merge carries over, a 督办单, the 回访 questionnaires. Always on
 * a case the step has locked and the case policy has let the viewer act on.
 */
export function stepsRepository(db: Kysely<DB>) {
  return {
    /** A step's changes (steps.ts); the pending request travels as JSON. */
    async updateCase(id: number, changes: CaseChanges) {
      const { pending_request: request, ...set } = changes;
      await db
        .updateTable('cases')
        .set(request === undefined ? set : { ...set, pending_request: request && JSON.stringify(request) })
        .where('id', '=', id)
        .execute();
    },

    /** Every signal of a merged case becomes a signal of the case it joined, so its reporters hear the outcome. */
    async copySources(fromCaseId: number, toCaseId: number) {
      const sources = await db.selectFrom('case_sources').selectAll().where('case_id', '=', fromCaseId).execute();
      for (const s of sources) {
        await db
          .insertInto('case_sources')
          .values({
            case_id: toCaseId,
            source: s.source,
            reference: s.reference,
            reporter_user_id: s.reporter_user_id,
            reporter_name: s.reporter_name,
            reporter_phone: s.reporter_phone,
            anonymous: s.anonymous,
            description: s.description,
            reported_at: s.reported_at,
            merged_from_id: fromCaseId,
          })
          .execute();
      }
    },

    async insertSupervision(row: Insertable<CaseSupervisionTable>) {
      await db.insertInto('case_supervisions').values(row).execute();
    },

    /** A 回访 for each user, sent at `sendAt`; a case closed again asks again. */
    async scheduleQuestionnaires(caseId: number, userIds: number[], sendAt: Date) {
      if (!userIds.length) return;
      await db
        .insertInto('case_questionnaires')
        .values(userIds.map((user_id) => ({ case_id: caseId, user_id, send_at: sendAt })))
        .onConflict((oc) =>
          oc.columns(['case_id', 'user_id']).doUpdateSet({ send_at: sendAt, sent_at: null, answered_at: null, fixed: null, comment: null }),
        )
        .execute();
    },

    questionnaireOf: (caseId: number, userId: number) =>
      db.selectFrom('case_questionnaires').selectAll().where('case_id', '=', caseId).where('user_id', '=', userId).executeTakeFirst(),

    async answerQuestionnaire(caseId: number, userId: number, answer: { at: Date; fixed: boolean; comment: string | null }) {
      await db
        .updateTable('case_questionnaires')
        .set({ answered_at: answer.at, fixed: answer.fixed, comment: answer.comment })
        .where('case_id', '=', caseId)
        .where('user_id', '=', userId)
        .execute();
    },
  };
}
export type StepsRepository = ReturnType<typeof stepsRepository>;
