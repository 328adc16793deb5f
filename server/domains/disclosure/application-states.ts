import { APPLICATION_STATES, type ApplicationAction, type ApplicationState } from '../../../common/contracts/disclosure.js';

/**
 * The course of an application (政府信息公开条例 第二十九—三十六条) as a table: which action
 * may be taken in which state, and the state it leads to ('same': it records without moving).
 *
 *   submitted ─register─▶ reviewing ─accept─▶ handling ⇄ consulting
 *                          │    ▲                 │
 *          request_correction   └──(reply from review: already public, not ours, repeat)
 *                          ▼                      ▼
 *               awaiting_correction ─receive─▶ handling ─reply─▶ replied ─archive─▶ archived
 *                          └─close_uncorrected─▶ withdrawn ─archive─▶ archived
 */
const TRANSITIONS: Record<ApplicationAction, { from: readonly ApplicationState[]; to: ApplicationState | 'same' }> = {
  // 第三十一条: an online application is received on the day the office confirms it.
  register: { from: ['submitted'], to: 'reviewing' },
  accept: { from: ['reviewing'], to: 'handling' },
  // 第三十条: one notice, while the application is reviewed.
  request_correction: { from: ['reviewing'], to: 'awaiting_correction' },
  receive_correction: { from: ['awaiting_correction'], to: 'handling' },
  // 第三十条: 逾期不补正的，视为放弃申请.
  close_uncorrected: { from: ['awaiting_correction'], to: 'withdrawn' },
  start_consultation: { from: ['handling'], to: 'consulting' },
  end_consultation: { from: ['consulting'], to: 'handling' },
  extend: { from: ['handling', 'consulting'], to: 'same' },
  set_fee: { from: ['handling'], to: 'same' },
  // Some answers need no handling: information already public, held by another agency, a repeat.
  reply: { from: ['reviewing', 'handling'], to: 'replied' },
  archive: { from: ['replied', 'withdrawn'], to: 'archived' },
  note: { from: APPLICATION_STATES.filter((s) => s !== 'archived'), to: 'same' },
};

/** The state an action leads to, or null when the action is not open in `state`. */
export function stateAfter(state: ApplicationState, action: ApplicationAction): ApplicationState | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(state)) return null;
  return t.to === 'same' ? state : t.to;
}

export const actionsIn = (state: ApplicationState): ApplicationAction[] =>
  (Object.keys(TRANSITIONS) as ApplicationAction[]).filter((a) => TRANSITIONS[a].from.includes(state));

/** Whether the reply clock runs in a state (it stands while the applicant corrects or a party is consulted). */
export const clockRuns = (state: ApplicationState) => state === 'reviewing' || state === 'handling';

export const STATE_ZH: Record<ApplicationState, string> = {
  submitted: '已提交',
  reviewing: '审核中',
  awaiting_correction: '待补正',
  handling: '办理中',
  consulting: '征求意见中',
  replied: '已答复',
  archived: '已归档',
  withdrawn: '视为放弃',
};

export const ACTION_ZH: Record<ApplicationAction | 'submit', string> = {
  submit: '提交申请',
  register: '登记（确认收到申请）',
  accept: '审核通过，转入办理',
  request_correction: '告知补正',
  receive_correction: '收到补正',
  close_uncorrected: '逾期未补正，视为放弃申请',
  start_consultation: '征求意见',
  end_consultation: '征求意见结束',
  extend: '延长答复期限',
  set_fee: '核定信息处理费',
  reply: '作出答复',
  archive: '归档',
  note: '内部备注',
};
