import {
  MIN_COMMENT_DAYS,
  type CreateDecisionInput,
  type DecisionActionInput,
  type DecisionDetail,
  type DecisionItem,
  type DecisionState,
  type PublicDecision,
} from '../../../common/contracts/disclosure.js';
import { maskName } from '../../../common/mask.js';
import type { AuditEntry } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { rateLimited, type RateCount } from '../../platform/rate-limit.js';
import type { CommentRow, DecisionRow, DecisionsRepository } from './decisions.repository.js';

/**
 * 重大决策预公开 (重大行政决策程序暂行条例 2019, 第十四—十六条): a decision of the year's catalogue
 * is planned, its draft put out for comment (30 days at least, unless the reason for less is
 * published with it), comments taken from signed-in people and moderated, the period closed, each
 * published comment answered (采纳 / 部分采纳 / 未采纳, with a reason when not wholly adopted), and
 * the decision published with its adoption report. A step out of order is refused.
 */
export interface DecisionDeps {
  decisions: DecisionsRepository;
  today: string;
  /** The library's id of a document by its number; `published`: only while the public column shows it. */
  documentId(number: string, options?: { published?: boolean }): Promise<number | null>;
  /** Counts one comment of the viewer's against their hourly allowance. */
  countComment(): Promise<RateCount>;
  audit(entry: AuditEntry): Promise<unknown>;
  transaction<T>(work: (deps: DecisionDeps) => Promise<T>): Promise<T>;
}

const STEPS: Record<DecisionActionInput['action'], readonly DecisionState[]> = {
  open_consultation: ['planned'],
  close_consultation: ['consulting'],
  moderate: ['consulting', 'closed'],
  mark_adoption: ['closed'],
  decide: ['closed'],
};
const STATE_ZH: Record<DecisionState, string> = { planned: '计划', consulting: '征求意见中', closed: '征求意见已结束', decided: '已决策' };
const STEP_ZH: Record<DecisionActionInput['action'], string> = {
  open_consultation: '公开征求意见',
  close_consultation: '结束征求意见',
  moderate: '审核意见',
  mark_adoption: '标注采纳情况',
  decide: '公布决策结果',
};
const ADOPTION_ZH = { adopted: '采纳', partly: '部分采纳', not_adopted: '未采纳' } as const;

const item = (d: DecisionRow): DecisionItem => ({
  id: d.id,
  year: d.year,
  seq: d.seq,
  title: d.title,
  organ: d.organ,
  state: d.state as DecisionState,
  commentOpensOn: d.comment_opens_on,
  commentClosesOn: d.comment_closes_on,
  decidedOn: d.decided_on,
});

const takesComments = (d: DecisionRow, today: string) =>
  d.state === 'consulting' && d.comment_opens_on !== null && d.comment_opens_on <= today && today <= d.comment_closes_on!;

/** Up to 10 comments an hour from one account: more is a flood for the moderators, not a consultation. */
export const COMMENT_LIMIT = { windowMs: 60 * 60_000, limit: 10 } as const;

async function presentDecision(
  deps: Pick<DecisionDeps, 'today' | 'documentId'>,
  d: DecisionRow,
  comments: CommentRow[],
  readers: 'public' | 'office',
): Promise<PublicDecision> {
  const number = d.document_number;
  const document = number ? { number, id: await deps.documentId(number, { published: readers === 'public' }) } : null;
  return {
    ...item(d),
    draft: d.draft,
    explanation: d.explanation,
    background: d.background,
    shortPeriodReason: d.short_period_reason,
    open: takesComments(d, deps.today),
    result: d.result,
    adoptionReport: d.adoption_report,
    document,
    comments: comments.map((c) => ({
      id: c.id,
      author: c.author,
      content: c.content,
      submittedAt: c.submitted_at.toISOString(),
      adoption: c.adoption as PublicDecision['comments'][number]['adoption'],
      adoptionReason: c.adoption_reason,
    })),
  };
}

export async function decisionCatalogue(deps: Pick<DecisionDeps, 'decisions'>, year?: number) {
  return { items: (await deps.decisions.catalogue(year)).map(item) };
}

/** The public page of a decision: only once its draft is out, and only the comments published. */
export async function publicDecisionOf(deps: DecisionDeps, id: number): Promise<PublicDecision> {
  const d = await deps.decisions.byId(id);
  if (!d || d.state === 'planned') throw notFound('决策事项');
  const comments = (await deps.decisions.comments(id)).filter((c) => c.moderation === 'approved');
  return presentDecision(deps, d, comments, 'public');
}

export async function decisionDetail(deps: DecisionDeps, id: number): Promise<DecisionDetail> {
  const d = await deps.decisions.byId(id);
  if (!d) throw notFound('决策事项');
  const comments = await deps.decisions.comments(id);
  const shown = await presentDecision(deps, d, comments, 'office');
  return {
    ...shown,
    comments: shown.comments.map((c, i) => ({
      ...c,
      moderation: comments[i].moderation as DecisionDetail['comments'][number]['moderation'],
      moderationNote: comments[i].moderation_note,
    })),
    actions: (Object.keys(STEPS) as DecisionActionInput['action'][]).filter((a) => STEPS[a].includes(d.state as DecisionState)),
  };
}

export async function createDecision(deps: DecisionDeps, input: CreateDecisionInput): Promise<number> {
  return deps.transaction(async (tx) => {
    const seq = await tx.decisions.nextSeq(input.year);
    const id = await tx.decisions.insert({ ...input, seq, state: 'planned' });
    await tx.audit({
      action: 'decision_create',
      entity: 'disclosure_decision',
      entityId: id,
      detail: { year: input.year, seq, title: input.title },
    });
    return id;
  });
}

/**
 * A comment from a signed-in person (the account is the verification), waiting for moderation.
 * One account's flood is held back twice: an hourly allowance, and the same words twice on one
 * decision refused.
 */
export async function commentOnDecision(deps: DecisionDeps, viewer: Viewer, id: number, content: string) {
  const d = await deps.decisions.byId(id);
  if (!d || d.state === 'planned') throw notFound('决策事项');
  if (!takesComments(d, deps.today)) throw conflict('COMMENTS_CLOSED', '该决策事项不在征求意见期内，不能提交意见');
  const tries = await deps.countComment();
  if (tries.exceeded) throw rateLimited(tries, `每个账号每小时最多提交 ${COMMENT_LIMIT.limit} 条意见，请稍后再试`);
  return deps.transaction(async (tx) => {
    if (await tx.decisions.commentBy(id, viewer.userId!, content))
      throw conflict('DUPLICATE_COMMENT', '您已对该事项提交过相同的意见，无需重复提交');
    const commentId = await tx.decisions.addComment({
      decision_id: id,
      user_id: viewer.userId,
      author: maskName(viewer.displayName || viewer.username),
      content,
    });
    await tx.audit({ action: 'decision_comment', entity: 'disclosure_decision', entityId: id, detail: { commentId } });
    return { id: commentId, moderation: 'pending' as const };
  });
}

export async function actOnDecision(deps: DecisionDeps, id: number, input: DecisionActionInput): Promise<DecisionDetail> {
  await deps.transaction(async (tx) => {
    const d = await tx.decisions.lockById(id);
    if (!d) throw notFound('决策事项');
    const state = d.state as DecisionState;
    if (!STEPS[input.action].includes(state))
      throw conflict('WRONG_STATE', `决策事项当前为“${STATE_ZH[state]}”，不能“${STEP_ZH[input.action]}”`, { state, action: input.action });
    await step(tx, d, input);
    await tx.audit({ action: `decision_${input.action}`, entity: 'disclosure_decision', entityId: id, detail: { ...input } });
  });
  return decisionDetail(deps, id);
}

async function commentOf(tx: DecisionDeps, decisionId: number, commentId: number) {
  const c = await tx.decisions.comment(decisionId, commentId);
  if (!c) throw notFound('意见');
  return c;
}

async function step(tx: DecisionDeps, d: DecisionRow, input: DecisionActionInput) {
  switch (input.action) {
    case 'open_consultation': {
      if (input.opensOn < tx.today) throw invalid('OPENS_IN_PAST', '征求意见的开始日期不能早于今天', { field: 'opensOn' });
      if (input.closesOn < input.opensOn) throw invalid('CLOSES_BEFORE_OPENS', '截止日期不能早于开始日期', { field: 'closesOn' });
      const days = (Date.parse(input.closesOn) - Date.parse(input.opensOn)) / 86_400_000 + 1;
      if (days < MIN_COMMENT_DAYS && !input.shortPeriodReason)
        throw invalid(
          'PERIOD_TOO_SHORT',
          `征求意见期限一般不少于 ${MIN_COMMENT_DAYS} 日（本次 ${days} 日）；缩短的，请写明理由并随草案公开`,
          {
            field: 'shortPeriodReason',
            days,
          },
        );
      await tx.decisions.update(d.id, {
        state: 'consulting',
        comment_opens_on: input.opensOn,
        comment_closes_on: input.closesOn,
        short_period_reason: days < MIN_COMMENT_DAYS ? input.shortPeriodReason! : null,
      });
      return;
    }
    case 'close_consultation':
      if (tx.today <= d.comment_closes_on!)
        throw conflict('PERIOD_RUNNING', `征求意见期至 ${d.comment_closes_on} 止，期满后方可结束`, { closesOn: d.comment_closes_on });
      await tx.decisions.update(d.id, { state: 'closed' });
      return;
    case 'moderate': {
      const c = await commentOf(tx, d.id, input.commentId);
      if (c.moderation !== 'pending') throw conflict('ALREADY_MODERATED', '该意见已审核');
      if (input.verdict === 'rejected' && !input.note) throw invalid('NOTE_REQUIRED', '不予公开的意见请写明原因', { field: 'note' });
      await tx.decisions.updateComment(c.id, { moderation: input.verdict, moderation_note: input.note ?? null });
      return;
    }
    case 'mark_adoption': {
      const c = await commentOf(tx, d.id, input.commentId);
      if (c.moderation !== 'approved') throw conflict('NOT_PUBLISHED', '只能对已公开的意见标注采纳情况');
      if (input.adoption !== 'adopted' && !input.reason)
        throw invalid('REASON_REQUIRED', '部分采纳或未采纳的，请写明理由', { field: 'reason' });
      await tx.decisions.updateComment(c.id, { adoption: input.adoption, adoption_reason: input.reason ?? null });
      return;
    }
    case 'decide': {
      const comments = await tx.decisions.comments(d.id);
      if (comments.some((c) => c.moderation === 'pending')) throw conflict('COMMENTS_PENDING', '尚有未审核的意见，请先审核');
      const published = comments.filter((c) => c.moderation === 'approved');
      const unmarked = published.filter((c) => c.adoption === null);
      if (unmarked.length)
        throw conflict('ADOPTION_MISSING', `尚有 ${unmarked.length} 条公开意见未标注采纳情况`, { commentIds: unmarked.map((c) => c.id) });
      const documentNumber = input.documentNumber ?? null;
      if (documentNumber && (await tx.documentId(documentNumber)) === null)
        throw invalid('DOCUMENT_NOT_IN_LIBRARY', `文件库中没有文号为“${documentNumber}”的文件，请先录入或导入决策文件`, {
          field: 'documentNumber',
        });
      await tx.decisions.update(d.id, {
        state: 'decided',
        result: input.result,
        document_number: documentNumber,
        adoption_report: adoptionReport(comments.length, published),
        decided_on: tx.today,
      });
      return;
    }
  }
}

/** 公众意见采纳情况: the counts, then each published comment with its answer. */
export function adoptionReport(
  received: number,
  published: Pick<CommentRow, 'author' | 'content' | 'adoption' | 'adoption_reason'>[],
): string {
  const count = (a: keyof typeof ADOPTION_ZH) => published.filter((c) => c.adoption === a).length;
  const head = `征求意见期间共收到公众意见 ${received} 条，经审核公开 ${published.length} 条；其中采纳 ${count('adopted')} 条，部分采纳 ${count('partly')} 条，未采纳 ${count('not_adopted')} 条。`;
  const lines = published.map((c, i) => {
    const answer = ADOPTION_ZH[c.adoption as keyof typeof ADOPTION_ZH];
    return `${i + 1}．${c.author}：${c.content}——${answer}${c.adoption_reason ? `（${c.adoption_reason}）` : ''}。`;
  });
  return [head, ...lines].join('\n');
}
