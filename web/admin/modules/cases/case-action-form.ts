import type { CaseAction } from '@common/enums';

/**
 * What each step asks for, as the action contract has it (common/contracts/cases.ts actionBody):
 * the dialog shows these fields and nothing else, and requires what the server requires (a
 * reason to refuse, return, send back or ask for time; a result to report a case handled).
 */
export interface ActionNeeds {
  /** A free note: optional for most steps, required for 备注 and 督办. */
  note?: 'optional' | 'required';
  /** A reason: required, optional, or required only when overriding the suggestion (dispatch). */
  reason?: 'required' | 'optional' | 'override';
  target?: 'dispatch' | 'transfer';
  days?: true;
  result?: true;
  photos?: true;
  satisfaction?: true;
  mergeTarget?: true;
  internal?: true;
}

export const ACTION_NEEDS: Record<CaseAction, ActionNeeds> = {
  accept: { note: 'optional' },
  reject: { reason: 'required' },
  register: { note: 'optional' },
  dispatch: { target: 'dispatch', reason: 'override' },
  sign: { note: 'optional' },
  return: { reason: 'required' },
  transfer: { target: 'transfer', reason: 'required' },
  request_extension: { days: true, reason: 'required' },
  request_suspension: { reason: 'required' },
  approve_request: { note: 'optional' },
  refuse_request: { reason: 'required' },
  resume: { note: 'optional' },
  handle: { result: true, photos: true },
  verify: { note: 'optional', photos: true },
  verify_fail: { reason: 'required', photos: true },
  close: { note: 'optional' },
  evaluate: { satisfaction: true },
  merge: { mergeTarget: true, reason: 'optional' },
  comment: { note: 'required', internal: true },
  supervise: { note: 'required' },
};

/** Steps forward in the loop (primary buttons), steps that send a case back (red), the rest. */
const FORWARD: CaseAction[] = [
  'accept',
  'register',
  'dispatch',
  'sign',
  'handle',
  'verify',
  'close',
  'evaluate',
  'approve_request',
  'resume',
];
const BACKWARD: CaseAction[] = ['reject', 'return', 'verify_fail', 'refuse_request'];

export function actionTone(action: CaseAction): 'primary' | 'danger' | 'default' {
  if (FORWARD.includes(action)) return 'primary';
  if (BACKWARD.includes(action)) return 'danger';
  return 'default';
}

/** Buttons in the order of the loop, whatever order the server lists them in. */
export function orderActions(actions: CaseAction[]): CaseAction[] {
  const rank = (a: CaseAction) => (FORWARD.includes(a) ? 0 : BACKWARD.includes(a) ? 1 : 2);
  return [...actions].sort((a, b) => rank(a) - rank(b));
}
