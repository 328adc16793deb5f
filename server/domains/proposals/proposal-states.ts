import type { ProposalAction, ProposalState } from '../../../common/contracts/proposals.js';
import type { Permission } from '../../platform/auth/permissions.js';

/**
 * A proposal's life as a pure table, as case-states.ts is for cases (STYLE.md): which states an
 * action may start from, and who may take it. The office (proposals.manage) reviews, assigns,
 * grants extensions and records the proposer's feedback form (附件5 comes back to it on paper);
 * a handling unit (proposals.handle) returns a misassigned proposal, sends its opinion as a
 * co-unit, replies as a lead and fills in the quality evaluation (附件6) it sends with its reply.
 *
 *   pending_review ─review→ to_assign ─assign→ handling ─reply (every lead)→ replied ─feedback→ closed
 *          └─review→ not_filed       ↑  return (no lead left) ┘      ↑  不满意: a new round ┘
 */
export const ACTION_FROM: Record<ProposalAction, readonly ProposalState[]> = {
  review: ['pending_review'],
  assign: ['to_assign'],
  return: ['handling'],
  opinion: ['handling'],
  reply: ['handling'],
  extend: ['handling'],
  // 分办: one unit's reply may be judged while another unit still handles its part.
  feedback: ['handling', 'replied'],
  evaluate: ['handling', 'replied', 'closed'],
};

export const ACTION_PERMISSION: Record<ProposalAction, Permission> = {
  review: 'proposals.manage',
  assign: 'proposals.manage',
  extend: 'proposals.manage',
  feedback: 'proposals.manage',
  return: 'proposals.handle',
  opinion: 'proposals.handle',
  reply: 'proposals.handle',
  evaluate: 'proposals.handle',
};

export const STATE_NAMES: Record<ProposalState, string> = {
  pending_review: '待审查',
  not_filed: '不予立案',
  to_assign: '待交办',
  handling: '办理中',
  replied: '已答复',
  closed: '已办结',
};

export interface AssignmentState {
  id: number;
  role: 'lead' | 'co';
  status: 'handling' | 'returned' | 'opinion_sent' | 'replied';
  rehandles: number | null;
  /** The proposer's satisfaction with this assignment's reply, once the form is in. */
  satisfaction: string | null;
}

/** The assignments that stand now: not returned, and not handled again in a later round. */
export function currentAssignments<A extends AssignmentState>(all: A[]): A[] {
  const rehandled = new Set(all.map((a) => a.rehandles).filter((id) => id !== null));
  return all.filter((a) => a.status !== 'returned' && !rehandled.has(a.id));
}

/**
 * The state the proposal's current assignments put it in: back to the office when no lead
 * stands; handling while a lead has not replied; closed once every lead's reply has its form;
 * replied before that. (不满意 never stands: it starts a new round, which is handling.)
 */
export function stateOf(current: AssignmentState[]): ProposalState {
  const leads = current.filter((a) => a.role === 'lead');
  if (leads.length === 0) return 'to_assign';
  if (leads.some((a) => a.status !== 'replied')) return 'handling';
  return leads.every((a) => a.satisfaction !== null) ? 'closed' : 'replied';
}
