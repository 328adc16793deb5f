import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATUSES, type CaseStatus } from '../../../common/enums.js';
import { AppError } from '../../platform/errors.js';
import { allowedActions, CASE_RULES, planTransition, type CaseStateFacts } from './case-states.js';
import type { CaseRelation } from './case-policy.js';

const state = (status: CaseStatus, extra: Partial<CaseStateFacts> = {}): CaseStateFacts => ({ status, pendingRequest: null, reopenCount: 0, ...extra });
const as = (...r: CaseRelation[]) => new Set(r);
const refusal = (f: () => unknown) => { try { f(); } catch (e) { return e as AppError; } throw new Error('no refusal'); };
const pending = { kind: 'extension' as const, days: 3, reason: '材料待补', byUserId: 1, byName: '承办人', at: '2026-12-01T02:00:00Z' };

describe('the case state machine', () => {
  it('walks the whole loop with the right relation at each step', () => {
    const walk: [string, CaseRelation, CaseStatus][] = [
      ['accept', 'dispatcher', 'accepted'], ['register', 'dispatcher', 'registered'], ['dispatch', 'dispatcher', 'dispatched'],
      ['sign', 'handling_unit', 'in_progress'], ['handle', 'handling_unit', 'handled'], ['verify', 'verifier', 'verified'],
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
    expect(planTransition(state('closed', { reopenCount: 1 }), 'evaluate', as('reporter'), { satisfaction: 'dissatisfied' })).toBe('evaluated');
  });

  it('keeps one request pending at a time; approval leads where the request says', () => {
    expect(refusal(() => planTransition(state('in_progress', { pendingRequest: pending }), 'request_suspension', as('handling_unit'))).status).toBe(409);
    expect(refusal(() => planTransition(state('in_progress'), 'approve_request', as('dispatcher'))).status).toBe(409);
    expect(planTransition(state('in_progress', { pendingRequest: pending }), 'approve_request', as('dispatcher'))).toBe('in_progress');
    expect(planTransition(state('in_progress', { pendingRequest: { ...pending, kind: 'suspension' } }), 'approve_request', as('dispatcher'))).toBe('suspended');
    expect(planTransition(state('suspended'), 'resume', as('dispatcher'))).toBe('in_progress');
  });

  it('offers no action on a finished case except a note, and none at all to a stranger', () => {
    for (const status of ['rejected', 'evaluated'] as const) expect(allowedActions(state(status), as('dispatcher', 'handling_unit', 'reporter'))).toEqual(['comment']);
    expect(allowedActions(state('merged'), as('dispatcher'))).toEqual([]);
    for (const status of CASE_STATUSES) expect(allowedActions(state(status), as())).toEqual([]);
  });

  it('has a rule for every action, each reachable from some state', () => {
    for (const action of CASE_ACTIONS) expect(CASE_RULES[action].from.length, action).toBeGreaterThan(0);
  });
});
