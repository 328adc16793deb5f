import type { CaseAction, CaseStatus } from '../../../common/enums.js';
import type { PendingCaseRequest } from '../../platform/db/schema.js';
import { conflict, forbidden } from '../../platform/errors.js';
import type { CaseRelation } from './policy.js';

/**
 * The case state machine, pure: which action may move a case from which state, and who may
 * take it. Who someone is to a case (its dispatcher, its handling unit or grid, its verifier,
 * its reporter) is worked out by the case policy (policy.ts); this module only judges.
 * A co-reporter ("我也遇到了") takes no step: they follow the case, nothing more.
 */
const HANDLER: readonly CaseRelation[] = ['handling_unit', 'handling_grid'];

interface Rule {
  from: readonly CaseStatus[];
  /** 'same' keeps the status (a request, a note, a 督办). */
  to: CaseStatus | 'same';
  by: readonly CaseRelation[];
}

const OPEN_WORK: CaseStatus[] = ['reported', 'accepted', 'registered', 'dispatched', 'in_progress'];
const ALL_OPEN: CaseStatus[] = [...OPEN_WORK, 'handled', 'verified', 'suspended'];

export const CASE_RULES: Record<CaseAction, Rule> = {
  accept: { from: ['reported'], to: 'accepted', by: ['dispatcher'] },
  reject: { from: ['reported'], to: 'rejected', by: ['dispatcher'] },
  register: { from: ['accepted'], to: 'registered', by: ['dispatcher'] },
  dispatch: { from: ['registered'], to: 'dispatched', by: ['dispatcher'] },
  sign: { from: ['dispatched'], to: 'in_progress', by: HANDLER },
  // 退回: the unit says the case is not theirs; it goes back to the dispatcher's desk.
  return: { from: ['dispatched', 'in_progress'], to: 'registered', by: HANDLER },
  // 转办: a formal transfer, the only way the first unit stops being answerable (首接负责).
  transfer: { from: ['dispatched', 'in_progress'], to: 'dispatched', by: ['dispatcher'] },
  request_extension: { from: ['in_progress'], to: 'same', by: HANDLER },
  request_suspension: { from: ['in_progress'], to: 'same', by: HANDLER },
  // The status an approval leads to depends on the request: see nextStatus().
  approve_request: { from: ['in_progress'], to: 'same', by: ['dispatcher'] },
  refuse_request: { from: ['in_progress'], to: 'same', by: ['dispatcher'] },
  resume: { from: ['suspended'], to: 'in_progress', by: ['dispatcher'] },
  handle: { from: ['in_progress'], to: 'handled', by: HANDLER },
  verify: { from: ['handled'], to: 'verified', by: ['verifier', 'reporter'] },
  verify_fail: { from: ['handled'], to: 'in_progress', by: ['verifier', 'reporter'] },
  close: { from: ['verified'], to: 'closed', by: ['dispatcher'] },
  // 不满意 reopens the case once; see nextStatus().
  evaluate: { from: ['closed'], to: 'evaluated', by: ['reporter'] },
  merge: { from: OPEN_WORK, to: 'merged', by: ['dispatcher'] },
  comment: {
    from: [...ALL_OPEN, 'closed', 'evaluated', 'rejected'],
    to: 'same',
    by: ['dispatcher', ...HANDLER, 'verifier', 'reporter', 'supervisor'],
  },
  supervise: { from: ALL_OPEN, to: 'same', by: ['supervisor'] },
};

/** How many times a reporter's 不满意 sends a case back to work. */
export const MAX_REOPENS = 1;

export interface CaseStateFacts {
  status: CaseStatus;
  pendingRequest: PendingCaseRequest | null;
  reopenCount: number;
}

/** What the action needs besides state and relation; checked by the caller's schema. */
export interface ActionFacts {
  satisfaction?: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
}

/** The actions a viewer with these relations may take on the case now (for the UI's buttons). */
export function allowedActions(state: CaseStateFacts, relations: ReadonlySet<CaseRelation>): CaseAction[] {
  return (Object.keys(CASE_RULES) as CaseAction[]).filter((action) => refusal(state, action, relations) === null);
}

/** Throws the refusal a client should see, or returns the status the case moves to. */
export function planTransition(
  state: CaseStateFacts,
  action: CaseAction,
  relations: ReadonlySet<CaseRelation>,
  facts: ActionFacts = {},
): CaseStatus {
  const why = refusal(state, action, relations);
  if (why === 'role') throw forbidden('您不能对该事件执行此操作');
  if (why) throw conflict('ILLEGAL_TRANSITION', why, { status: state.status, action });
  return nextStatus(state, action, facts);
}

function refusal(state: CaseStateFacts, action: CaseAction, relations: ReadonlySet<CaseRelation>): string | 'role' | null {
  const rule = CASE_RULES[action];
  if (!rule.by.some((r) => relations.has(r))) return 'role';
  if (!rule.from.includes(state.status)) return `事件当前状态不能执行该操作`;
  const pending = state.pendingRequest !== null;
  if ((action === 'request_extension' || action === 'request_suspension') && pending) return '已有待审批的申请，请等待审批结果';
  if ((action === 'approve_request' || action === 'refuse_request') && !pending) return '没有待审批的申请';
  // While a request waits, the unit may still finish the work, but not stack requests.
  return null;
}

function nextStatus(state: CaseStateFacts, action: CaseAction, facts: ActionFacts): CaseStatus {
  const rule = CASE_RULES[action];
  if (action === 'approve_request') return state.pendingRequest?.kind === 'suspension' ? 'suspended' : 'in_progress';
  if (action === 'evaluate' && facts.satisfaction === 'dissatisfied' && state.reopenCount < MAX_REOPENS) return 'dispatched';
  return rule.to === 'same' ? state.status : rule.to;
}

export const isOpenStatus = (status: CaseStatus) => ALL_OPEN.includes(status);
