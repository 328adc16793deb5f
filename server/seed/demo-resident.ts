import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { maskPersonalNumbers } from '../../common/mask.js';
import { newsOf, questionnaireNotice, type StepLine } from '../domains/cases/index.js';
import { caseSeedRepository } from './cases.repository.js';

const DAY = 86_400_000;

/** The lines a reporter writes on their own case: the report, and their verdict (which may reopen it). */
const REPORTERS_OWN = ['report', 'evaluate', 'reopen'] as const;

/**
 * Gives the demo resident (resident.demo) a handful of resident reports in different states, so
 * the H5 "我的事件" and the inbox show something: the case, its first source and the lines they
 * wrote become theirs, with the messages the engine would have sent them after each public step
 * (newsOf, cases/steps.ts: never for a line of their own) and the 回访 scheduled at 结案, delivered
 * once due. Returns how many cases were linked; none when the account does not exist (yet).
 */
export async function linkDemoResident(db: Kysely<DB>, now: Date, questionnaireDays = 3): Promise<number> {
  const repository = caseSeedRepository(db);
  const user = await repository.demoResident();
  if (!user) return 0;
  const home = (user.region_path ?? '').replace(/\d+\/$/, ''); // the community of the home grid
  const linked: { id: number; number: string }[] = [];
  for (const statuses of [
    ['reported', 'accepted', 'registered'],
    ['dispatched', 'in_progress'],
    ['handled', 'verified'],
    ['closed'],
    ['evaluated'],
    ['evaluated'],
  ]) {
    const pick = await repository.residentReportIn(
      statuses,
      linked.map((c) => c.id),
      home,
    );
    if (pick) linked.push(pick);
  }
  if (!linked.length) return 0;
  const caseIds = linked.map((c) => c.id);
  await db.transaction().execute(async (trx) => {
    const tx = caseSeedRepository(trx);
    await tx.makeReporter({ id: user.id, name: user.display_name, phone: user.phone }, caseIds, REPORTERS_OWN);
    const lines = await tx.publicLines(caseIds);
    const own = new Set<string>(REPORTERS_OWN);
    await tx.insertNotifications(
      lines
        .filter((e) => !own.has(e.action))
        .flatMap((e) => {
          const news = newsOf(e.number, {
            action: e.action,
            audience: e.audience as StepLine['audience'],
            note: e.note,
            data: e.data as Record<string, unknown>,
          });
          return news
            ? [
                {
                  user_id: user.id,
                  kind: 'case_update',
                  case_id: e.case_id,
                  title: maskPersonalNumbers(news.title),
                  body: maskPersonalNumbers(news.body),
                  audience: 'public' as const,
                  created_at: e.at,
                  read_at: e.at.getTime() < now.getTime() - 2 * DAY ? e.at : null,
                },
              ]
            : [];
        }),
    );
    // scheduleQuestionnaires at 结案, and the sweep's delivery once due.
    for (const c of await tx.closedOf(caseIds)) {
      const sendAt = new Date(c.closed_at!.getTime() + questionnaireDays * DAY);
      const sent = sendAt <= now;
      await tx.insertQuestionnaire({ case_id: c.id, user_id: user.id, send_at: sendAt, sent_at: sent ? sendAt : null });
      if (sent)
        await tx.insertNotifications([
          {
            user_id: user.id,
            kind: 'questionnaire',
            case_id: c.id,
            audience: 'public',
            created_at: sendAt,
            ...questionnaireNotice(c.number),
          },
        ]);
    }
  });
  return linked.length;
}
