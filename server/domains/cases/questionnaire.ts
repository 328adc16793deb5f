import type { Viewer } from '../../platform/auth/viewer.js';
import { conflict, notFound } from '../../platform/errors.js';
import { MAX_REOPENS } from './states.js';
import { clocksAfter } from './clocks.js';
import { reopening } from './steps.js';
import type { CaseDeps } from './context.js';
import { notifyReporters, recordCaseEvent } from './timeline.js';

/**
 * "Was it really fixed?" A reporter answers the questionnaire sent some days after closing. A
 * "no" sends the case back to its unit once, like a 不满意 verdict; after that it is recorded
 * for the unit's statistics and left to supervision.
 */
export async function answerQuestionnaire(deps: CaseDeps, viewer: Viewer, caseId: number, answer: { fixed: boolean; comment?: string }) {
  return deps.transaction(async (tx) => {
    const q = await tx.steps.questionnaireOf(caseId, viewer.userId);
    if (!q || q.sent_at === null) throw notFound('回访');
    if (q.answered_at) throw conflict('ALREADY_ANSWERED', '您已回答过这次回访');
    const now = tx.clock.now();
    await tx.steps.answerQuestionnaire(caseId, viewer.userId, { at: now, fixed: answer.fixed, comment: answer.comment ?? null });
    const c = (await tx.cases.lock(caseId))!;
    const reopen = !answer.fixed && ['closed', 'evaluated'].includes(c.status) && c.reopen_count < MAX_REOPENS;
    const note = `${answer.fixed ? '回访：问题已解决' : '回访：问题没有解决'}${answer.comment ? `。${answer.comment}` : ''}`;
    if (reopen) {
      await tx.steps.updateCase(caseId, {
        status: 'dispatched',
        ...reopening(c, now),
        last_event_at: now,
        ...clocksAfter(tx.calendar, c, c, 'evaluate', now, { reopened: true }),
      });
      await notifyReporters(tx, caseId, viewer.userId, `事件${c.number}因回访未解决重新办理`, answer.comment ?? '', now);
    }
    await recordCaseEvent(
      tx.timeline,
      {
        caseId,
        at: now,
        actor: { userId: viewer.userId, name: viewer.displayName, unit: null },
        action: reopen ? 'reopen' : 'questionnaire',
        fromStatus: c.status,
        toStatus: reopen ? 'dispatched' : c.status,
        note,
        audience: 'public',
        data: { fixed: answer.fixed, questionnaire: true },
      },
      { touchCase: !reopen },
    );
    return { reopened: reopen };
  });
}
