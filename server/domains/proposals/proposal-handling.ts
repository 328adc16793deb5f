import type { AssignBody, EvaluationBody, FeedbackBody, RegisterProposalBody, ReplyBody } from '../../../common/contracts/proposals.js';
import { latestReplyDay, replyDeadline, returnDeadline } from '../../../common/proposal-deadlines.js';
import { badEvaluationScores, evaluationTotal, EVALUATION_CRITERIA } from '../../../common/proposal-forms.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { clockOf } from './proposals.presenter.js';
import { assertMay, ownAssignment } from './proposal-policy.js';
import { currentAssignments, stateOf } from './proposal-states.js';
import { loadProposal, type ProposalsDeps } from './proposals.service.js';

/**
 * The changes of a proposal's handling, each in one transaction: the proposal's row locked, the
 * policy's refusal checked on what is in the database then, the change written, its state
 * recomputed from the assignments and the change written to the audit log.
 */

/** A day the form gives: not in the future, and not before the day it follows. */
function assertDay(deps: ProposalsDeps, day: string, after: string | null, what: string) {
  if (day > deps.today()) throw invalid('DAY_IN_FUTURE', `${what}不能晚于今天`, { day });
  if (after && day < after) throw invalid('DAY_TOO_EARLY', `${what}不能早于 ${after}`, { day, after });
}

/** Loads the proposal under its row lock, inside the transaction. */
async function locked(deps: ProposalsDeps, viewer: Viewer, id: number) {
  if (!(await deps.proposals.lock(id))) throw notFound('提案');
  return loadProposal(deps, viewer, id);
}

/** Recomputes the state from the assignments as they now are. */
async function settle(deps: ProposalsDeps, id: number) {
  const assignments = await deps.proposals.assignmentsOf([id]);
  const state = stateOf(currentAssignments(assignments));
  await deps.proposals.update(id, { state });
  return state;
}

export function registerProposal(deps: ProposalsDeps, viewer: Viewer, body: RegisterProposalBody): Promise<number> {
  return deps.transaction(async (tx) => {
    if (!(await tx.proposals.sessionById(body.sessionId))) throw invalid('SESSION_NOT_FOUND', '所选会议不存在');
    // The session and number name a proposal (migrations/0031): a retried registration finds it taken.
    const taken = await tx.proposals.byNumber(body.sessionId, body.number);
    if (taken) throw conflict('PROPOSAL_NUMBER_TAKEN', `本次会议已有第${body.number}号提案`, { id: taken.id });
    const id = await tx.proposals.insert({
      session_id: body.sessionId,
      kind: body.kind,
      number: body.number,
      title: body.title,
      content: body.content,
      category: body.category,
      state: 'pending_review',
    });
    await tx.proposals.setProposers(id, body.proposers);
    await tx.audit({ action: 'proposal_registered', entity: 'proposal', entityId: id, detail: { number: body.number } });
    return id;
  });
}

/** 立案审查: filed, it waits for assignment; not filed, it ends with its reason. */
export function reviewProposal(
  deps: ProposalsDeps,
  viewer: Viewer,
  id: number,
  body: { decision: 'file' | 'reject'; reason: string | null },
) {
  return deps.transaction(async (tx) => {
    const p = await locked(tx, viewer, id);
    assertMay('review', p.policy);
    const state = body.decision === 'file' ? 'to_assign' : 'not_filed';
    await tx.proposals.update(id, { state, review_reason: body.reason, reviewed_at: tx.now() });
    await tx.audit({ action: 'proposal_reviewed', entity: 'proposal', entityId: id, detail: { state, reason: body.reason } });
  });
}

/** The units a mode takes: 单办 one lead; 分办 two or more leads; 会办 one lead and at least one co-unit. */
function assertMode(body: AssignBody) {
  const leads = body.leadUnitIds.length;
  const cos = body.coUnitIds.length;
  const fits =
    body.mode === 'single' ? leads === 1 && cos === 0 : body.mode === 'split' ? leads >= 2 && cos === 0 : leads === 1 && cos >= 1;
  if (!fits)
    throw invalid('MODE_UNITS', '单办须一个主办单位；分办须两个及以上主办单位；会办须一个主办单位和至少一个会办单位', { mode: body.mode });
  const all = [...body.leadUnitIds, ...body.coUnitIds];
  if (new Set(all).size !== all.length) throw invalid('UNIT_REPEATED', '同一单位不能重复交办');
}

/**
 * 交办. After a return the units still standing keep their part (a co-unit's opinion is not lost
 * because the lead was wrong), and the office names the units that replace the one returned.
 */
export function assignProposal(deps: ProposalsDeps, viewer: Viewer, id: number, body: AssignBody) {
  return deps.transaction(async (tx) => {
    const p = await locked(tx, viewer, id);
    assertMay('assign', p.policy);
    assertMode(body);
    assertDay(tx, body.assignedOn, p.proposal.reviewed_at?.toISOString().slice(0, 10) ?? null, '交办日期');
    const standing = new Set(p.current.map((a) => a.org_unit_id));
    for (const unitId of [...body.leadUnitIds, ...body.coUnitIds]) {
      if (!(await tx.unit(unitId))) throw invalid('UNIT_NOT_FOUND', '所选单位不存在', { unitId });
      if (standing.has(unitId)) throw invalid('UNIT_ALREADY_ASSIGNED', '该单位已在办理此件提案', { unitId });
    }
    const round = Math.max(1, ...p.current.map((a) => a.round));
    const row = (unitId: number, role: 'lead' | 'co') => ({
      proposal_id: id,
      round,
      org_unit_id: unitId,
      role,
      status: 'handling' as const,
      assigned_on: body.assignedOn,
      assigned_by: viewer.userId,
    });
    await tx.proposals.insertAssignments([...body.leadUnitIds.map((u) => row(u, 'lead')), ...body.coUnitIds.map((u) => row(u, 'co'))]);
    await tx.proposals.update(id, { mode: body.mode });
    const state = await settle(tx, id);
    await tx.audit({ action: 'proposal_assigned', entity: 'proposal', entityId: id, detail: { ...body, state } });
  });
}

/** 退回: a misassigned proposal goes back to the office within 10 days of assignment, with the reason. */
export function returnProposal(deps: ProposalsDeps, viewer: Viewer, id: number, body: { reason: string; returnedOn: string }) {
  return deps.transaction(async (tx) => {
    const p = await locked(tx, viewer, id);
    assertMay('return', p.policy);
    const own = ownAssignment(viewer, p.current)!;
    assertDay(tx, body.returnedOn, own.assigned_on, '退回日期');
    const window = returnDeadline(clockOf(own))!;
    if (body.returnedOn > window.due)
      throw conflict('RETURN_WINDOW_PASSED', `交办之日起 10 日内方可退回（截至 ${window.due}）`, { deadline: window });
    await tx.proposals.updateAssignment(own.id, { status: 'returned', returned_on: body.returnedOn, return_reason: body.reason });
    const state = await settle(tx, id);
    await tx.audit({
      action: 'proposal_returned',
      entity: 'proposal',
      entityId: id,
      detail: { unitId: own.org_unit_id, reason: body.reason, state },
    });
  });
}

/** 会办意见: a co-unit's opinion to the lead (due within 1 month; a late one is still taken, and shown late). */
export function sendOpinion(deps: ProposalsDeps, viewer: Viewer, id: number, body: { opinion: string; opinionOn: string }) {
  return deps.transaction(async (tx) => {
    const p = await locked(tx, viewer, id);
    assertMay('opinion', p.policy);
    const own = ownAssignment(viewer, p.current, 'co')!;
    assertDay(tx, body.opinionOn, own.assigned_on, '意见日期');
    await tx.proposals.updateAssignment(own.id, { status: 'opinion_sent', opinion: body.opinion, opinion_on: body.opinionOn });
    await tx.audit({ action: 'proposal_opinion_sent', entity: 'proposal', entityId: id, detail: { unitId: own.org_unit_id } });
  });
}

/** 延期: the office moves a lead's reply deadline past 3 months, to at most 6, for a reason. */
export function extendReply(deps: ProposalsDeps, viewer: Viewer, id: number, body: { unitId: number; until: string; reason: string }) {
  return deps.transaction(async (tx) => {
    const p = await locked(tx, viewer, id);
    assertMay('extend', p.policy);
    const lead = p.current.find((a) => a.org_unit_id === body.unitId && a.role === 'lead' && a.status === 'handling' && a.assigned_on);
    if (!lead) throw invalid('UNIT_NOT_HANDLING', '该单位不是待答复的主办单位', { unitId: body.unitId });
    const due = replyDeadline(clockOf(lead))!;
    const latest = latestReplyDay(lead.assigned_on!);
    if (body.until <= due.due) throw invalid('EXTENSION_TOO_SHORT', `延期后的期限须晚于当前期限 ${due.due}`, { deadline: due });
    if (body.until > latest) throw invalid('EXTENSION_TOO_LONG', `答复期限最长为交办之日起 6 个月（${latest}）`, { latest });
    await tx.proposals.updateAssignment(lead.id, { extended_until: body.until, extension_reason: body.reason });
    await tx.audit({ action: 'proposal_extended', entity: 'proposal', entityId: id, detail: body });
  });
}

/** 答复: the lead's reply as a numbered document (平政办字〔2023〕9号). */
export function replyToProposal(deps: ProposalsDeps, viewer: Viewer, id: number, body: ReplyBody) {
  return deps.transaction(async (tx) => {
    const p = await locked(tx, viewer, id);
    assertMay('reply', p.policy);
    const own = ownAssignment(viewer, p.current, 'lead')!;
    assertDay(tx, body.repliedOn, own.assigned_on, '答复日期');
    await tx.proposals.insertReply({
      assignment_id: own.id,
      replied_on: body.repliedOn,
      document_number: body.documentNumber,
      // Linked to the library when it holds the document (an imported gazette's reply, say).
      document_id: await tx.documentId(body.documentNumber),
      content: body.content,
      contact_name: body.contactName,
      contact_phone: body.contactPhone,
    });
    await tx.proposals.updateAssignment(own.id, { status: 'replied' });
    const state = await settle(tx, id);
    await tx.audit({
      action: 'proposal_replied',
      entity: 'proposal',
      entityId: id,
      detail: { unitId: own.org_unit_id, documentNumber: body.documentNumber, state },
    });
  });
}

/**
 * 附件5 反馈表, as the office receives it for one unit's reply. 不满意 sends the proposal back to
 * that unit for a new round (重新办理), counted from the day the form is recorded.
 */
export function recordFeedback(deps: ProposalsDeps, viewer: Viewer, id: number, body: FeedbackBody) {
  return deps.transaction(async (tx) => {
    const p = await locked(tx, viewer, id);
    assertMay('feedback', p.policy);
    const lead = p.current.find((a) => a.org_unit_id === body.unitId && a.role === 'lead');
    if (!lead?.reply_id || lead.satisfaction !== null)
      throw invalid('NO_REPLY_FROM_UNIT', '该单位没有等待反馈的答复', { unitId: body.unitId });
    if (!p.proposers.includes(body.signer)) throw invalid('SIGNER_NOT_PROPOSER', '签名须为该件提案的提案者', { proposers: p.proposers });
    await tx.proposals.insertFeedback({
      reply_id: lead.reply_id,
      consultation: body.consultation,
      pertinence: body.pertinence,
      satisfaction: body.satisfaction,
      adoption: body.adoption,
      signer: body.signer,
      signer_phone: body.signerPhone,
      recorded_by: viewer.userId,
    });
    if (body.satisfaction === 'unsatisfied')
      await tx.proposals.insertAssignments([
        {
          proposal_id: id,
          round: lead.round + 1,
          org_unit_id: lead.org_unit_id,
          role: 'lead',
          status: 'handling',
          assigned_on: tx.today(),
          assigned_by: viewer.userId,
          rehandles: lead.id,
        },
      ]);
    const state = await settle(tx, id);
    const { signerPhone: _phone, ...detail } = body;
    await tx.audit({ action: 'proposal_feedback_recorded', entity: 'proposal', entityId: id, detail: { ...detail, state } });
  });
}

/** 附件6 质量评议表, filled by a lead unit; a score above its criterion's maximum is refused. */
export function evaluateProposal(deps: ProposalsDeps, viewer: Viewer, id: number, body: EvaluationBody) {
  return deps.transaction(async (tx) => {
    const p = await locked(tx, viewer, id);
    assertMay('evaluate', p.policy);
    const bad = badEvaluationScores(body.scores);
    if (bad.length)
      throw invalid('SCORE_OUT_OF_RANGE', '得分须为 0 至该项分值之间的整数', {
        criteria: EVALUATION_CRITERIA.filter((c) => bad.includes(c.code)).map((c) => ({ code: c.code, max: c.max })),
      });
    const total = evaluationTotal(body.scores);
    await tx.proposals.insertEvaluation({
      proposal_id: id,
      org_unit_id: viewer.orgUnitId!,
      scores: JSON.stringify(body.scores),
      total,
      recommended: body.recommended,
      suggestions: body.suggestions,
      evaluated_by: viewer.userId,
    });
    await tx.audit({ action: 'proposal_evaluated', entity: 'proposal', entityId: id, detail: { total, recommended: body.recommended } });
  });
}

/** A session (会议) the office registers proposals under; one per body, term and session number. */
export function createSession(
  deps: ProposalsDeps,
  body: { body: 'cppcc' | 'npc'; level: string; term: number; sessionNumber: number; opensOn: string | null; closesOn: string | null },
) {
  return deps.transaction(async (tx) => {
    const row = await tx.proposals.insertSession({
      body: body.body,
      level: body.level,
      term: body.term,
      session_number: body.sessionNumber,
      opens_on: body.opensOn,
      closes_on: body.closesOn,
    });
    if (!row) throw conflict('SESSION_EXISTS', '该会议已登记');
    await tx.audit({ action: 'proposal_session_created', entity: 'proposal_session', entityId: row.id, detail: body });
    return row.id;
  });
}
