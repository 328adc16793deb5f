import { PROPOSAL_ACTIONS, type ProposalAction, type ProposalState } from '../../../common/contracts/proposals.js';
import { returnDeadline } from '../../../common/proposal-deadlines.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { conflict, forbidden, type AppError } from '../../platform/errors.js';
import { ACTION_FROM, ACTION_PERMISSION, STATE_NAMES, type AssignmentState } from './proposal-states.js';

/**
 * Who reads a proposal and what they may do to it, decided in one place from the proposal's own
 * assignments (STYLE.md: relations come from the record, not from the viewer's region). The
 * service refuses an action with the refusal given here; the admin offers the actions that have
 * none (`actionsFor`), so the two cannot drift.
 */

/** A handling unit reads only what is assigned to it; the office and leaders read everything. */
export const visibleToUnit = (viewer: Viewer): number | null =>
  viewer.permissions.has('proposals.handle') ? (viewer.orgUnitId ?? -1) : null;

export interface CurrentAssignment extends AssignmentState {
  org_unit_id: number;
  assigned_on: string | null;
  reply_id: number | null;
}

/** The viewer's unit's standing assignment, of the given role when one is named. */
export const ownAssignment = <A extends CurrentAssignment>(viewer: Viewer, current: A[], role?: 'lead' | 'co') =>
  current.find((a) => a.org_unit_id === viewer.orgUnitId && (!role || a.role === role));

export interface PolicyContext {
  viewer: Viewer;
  state: ProposalState;
  current: CurrentAssignment[];
  evaluatedUnits: number[];
  today: string;
}

const ACTION_NAMES: Record<ProposalAction, string> = {
  review: '立案审查',
  assign: '交办',
  return: '退回',
  opinion: '提交会办意见',
  reply: '答复',
  extend: '延期',
  feedback: '登记反馈表',
  evaluate: '填写质量评议表',
};

const notYours = (what: string) => conflict('PROPOSAL_NOT_YOURS', what);

/** Why the viewer may not take the action now, or null when they may. */
export function refusalOf(action: ProposalAction, c: PolicyContext): AppError | null {
  if (!c.viewer.permissions.has(ACTION_PERMISSION[action])) return forbidden();
  if (!ACTION_FROM[action].includes(c.state))
    return conflict('PROPOSAL_STATE', `提案当前为「${STATE_NAMES[c.state]}」，不能${ACTION_NAMES[action]}`, { state: c.state, action });
  const own = ownAssignment(c.viewer, c.current);
  switch (action) {
    case 'return': {
      if (own?.status !== 'handling') return notYours('本单位没有办理中的该件提案，无法退回');
      // A re-handling round was the unit's own reply judged unsatisfactory: not a misassignment.
      if (own.rehandles !== null) return conflict('RETURN_NOT_ALLOWED', '重新办理的提案不能退回');
      const window = returnDeadline({ assignedOn: own.assigned_on, rehandling: false, extendedUntil: null, extensionReason: null });
      if (!window || c.today > window.due)
        return conflict('RETURN_WINDOW_PASSED', `交办之日起 10 日内方可退回（截至 ${window?.due ?? '交办日期不详'}）`, {
          deadline: window,
        });
      return null;
    }
    case 'opinion':
      return ownAssignment(c.viewer, c.current, 'co')?.status === 'handling' ? null : notYours('本单位不是该件提案待提交意见的会办单位');
    case 'reply':
      return ownAssignment(c.viewer, c.current, 'lead')?.status === 'handling' ? null : notYours('本单位不是该件提案待答复的主办单位');
    case 'evaluate':
      if (!ownAssignment(c.viewer, c.current, 'lead')) return notYours('只有主办单位填写提案质量评议表');
      return c.evaluatedUnits.includes(c.viewer.orgUnitId ?? -1) ? conflict('EVALUATION_EXISTS', '本单位已填写该件提案的质量评议表') : null;
    case 'extend':
      return c.current.some((a) => a.role === 'lead' && a.status === 'handling' && a.assigned_on !== null)
        ? null
        : conflict('NOTHING_TO_EXTEND', '没有待答复的主办单位可以延期');
    case 'feedback':
      return c.current.some((a) => a.role === 'lead' && a.reply_id !== null && a.satisfaction === null)
        ? null
        : conflict('NO_REPLY_AWAITING_FEEDBACK', '没有等待反馈的答复');
    default:
      return null;
  }
}

/** The actions the viewer may take now: the admin offers these and no others. */
export const actionsFor = (c: PolicyContext): ProposalAction[] => PROPOSAL_ACTIONS.filter((action) => refusalOf(action, c) === null);

/** Throws the refusal, if any. */
export function assertMay(action: ProposalAction, c: PolicyContext) {
  const refusal = refusalOf(action, c);
  if (refusal) throw refusal;
}
