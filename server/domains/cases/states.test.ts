import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATUSES, SATISFACTIONS, type CaseStatus } from '../../../common/enums.js';
import { AppError } from '../../platform/errors.js';
import { allowedActions, CASE_RULES, MAX_REOPENS, planTransition, type CaseStateFacts } from './states.js';
import type { CaseRelation } from './policy.js';

const state = (status: CaseStatus, extra: Partial<CaseStateFacts> = {}): CaseStateFacts => ({
  status,
  pendingRequest: null,
  reopenCount: 0,
  ...extra,
});
const as = (...r: CaseRelation[]) => new Set(r);
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('no refusal');
};
const pending = { kind: 'extension' as const, days: 3, reason: '材料待补', byUserId: 1, byName: '承办人', at: '2026-12-01T02:00:00Z' };

describe('the case state machine', () => {
  it('walks the whole loop with the right relation at each step', () => {
    const walk: [string, CaseRelation, CaseStatus][] = [
      ['accept', 'dispatcher', 'accepted'],
      ['register', 'dispatcher', 'registered'],
      ['dispatch', 'dispatcher', 'dispatched'],
      ['sign', 'handling_unit', 'in_progress'],
      ['handle', 'handling_unit', 'handled'],
      ['verify', 'verifier', 'verified'],
      ['close', 'dispatcher', 'closed'],
    ];
    let status: CaseStatus = 'reported';
    for (const [action, by, to] of walk) {
      status = planTransition(state(status), action as never, as(by));
      expect(status).toBe(to);
    }
    expect(planTransition(state('closed'), 'evaluate', as('reporter'), { satisfaction: 'satisfied' })).toBe('evaluated');
  });

  it('refuses a wrong relation with 403 and a wrong state with 409', () => {
    expect(refusal(() => planTransition(state('dispatched'), 'sign', as('dispatcher'))).status).toBe(403);
    const e = refusal(() => planTransition(state('reported'), 'close', as('dispatcher')));
    expect([e.status, e.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    // A reporter may verify a handled case but not dispatch one.
    expect(planTransition(state('handled'), 'verify', as('reporter'))).toBe('verified');
    expect(refusal(() => planTransition(state('registered'), 'dispatch', as('reporter'))).status).toBe(403);
  });

  it('不满意 reopens once, then is recorded', () => {
    expect(planTransition(state('closed'), 'evaluate', as('reporter'), { satisfaction: 'dissatisfied' })).toBe('dispatched');
    expect(planTransition(state('closed', { reopenCount: 1 }), 'evaluate', as('reporter'), { satisfaction: 'dissatisfied' })).toBe(
      'evaluated',
    );
  });

  it('keeps one request pending at a time; approval leads where the request says', () => {
    expect(
      refusal(() => planTransition(state('in_progress', { pendingRequest: pending }), 'request_suspension', as('handling_unit'))).status,
    ).toBe(409);
    expect(refusal(() => planTransition(state('in_progress'), 'approve_request', as('dispatcher'))).status).toBe(409);
    expect(planTransition(state('in_progress', { pendingRequest: pending }), 'approve_request', as('dispatcher'))).toBe('in_progress');
    expect(
      planTransition(state('in_progress', { pendingRequest: { ...pending, kind: 'suspension' } }), 'approve_request', as('dispatcher')),
    ).toBe('suspended');
    expect(planTransition(state('suspended'), 'resume', as('dispatcher'))).toBe('in_progress');
  });

  it('offers no action on a finished case except a note, and none at all to a stranger', () => {
    for (const status of ['rejected', 'evaluated'] as const)
      expect(allowedActions(state(status), as('dispatcher', 'handling_unit', 'reporter'))).toEqual(['comment']);
    expect(allowedActions(state('merged'), as('dispatcher'))).toEqual([]);
    for (const status of CASE_STATUSES) expect(allowedActions(state(status), as())).toEqual([]);
  });

  it('reaches every status and can take every action, walking the rules from a new report', () => {
    // The walk's state: what the rules read (status, a pending request, reopens). Besides the
    // status the table gives, a request sets the pending request and an approval or refusal
    // clears it (actions.ts); a 不满意 that reopens counts a reopen.
    type Walk = CaseStateFacts;
    const everyone = as('dispatcher', 'handling_unit', 'handling_grid', 'verifier', 'reporter', 'supervisor');
    const key = (w: Walk) => `${w.status}|${w.pendingRequest?.kind ?? '-'}|${w.reopenCount}`;
    const seen = new Map<string, Walk>([[key(state('reported')), state('reported')]]);
    const taken = new Set<string>();
    for (const queue = [state('reported')]; queue.length;) {
      const from = queue.shift()!;
      for (const action of allowedActions(from, everyone)) {
        taken.add(action);
        for (const satisfaction of action === 'evaluate' ? SATISFACTIONS : [undefined]) {
          const status = planTransition(from, action, everyone, { satisfaction });
          const pendingRequest =
            action === 'request_extension'
              ? pending
              : action === 'request_suspension'
                ? { ...pending, kind: 'suspension' as const }
                : action === 'approve_request' || action === 'refuse_request'
                  ? null
                  : from.pendingRequest;
          const reopened = action === 'evaluate' && status === 'dispatched';
          const next = { status, pendingRequest, reopenCount: from.reopenCount + (reopened ? 1 : 0) };
          if (!seen.has(key(next))) {
            seen.set(key(next), next);
            queue.push(next);
          }
        }
      }
    }
    expect(new Set([...seen.values()].map((w) => w.status))).toEqual(new Set(CASE_STATUSES));
    expect([...taken].sort()).toEqual([...CASE_ACTIONS].sort());
    // A reopen happens once (MAX_REOPENS), so the walk ends.
    expect(Math.max(...[...seen.values()].map((w) => w.reopenCount))).toBe(MAX_REOPENS);
  });

  it('has a rule for every action and no rule for anything else', () => {
    expect(Object.keys(CASE_RULES).sort()).toEqual([...CASE_ACTIONS].sort());
  });
});
