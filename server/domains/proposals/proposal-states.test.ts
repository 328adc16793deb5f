import { describe, expect, it } from 'vitest';
import { currentAssignments, stateOf, type AssignmentState } from './proposal-states.js';

const a = (id: number, role: 'lead' | 'co', status: AssignmentState['status'], extra: Partial<AssignmentState> = {}): AssignmentState => ({
  id,
  role,
  status,
  rehandles: null,
  satisfaction: null,
  ...extra,
});

describe("a proposal's state follows its assignments", () => {
  it('goes back to the office when no lead stands, a co-unit left over or not', () => {
    expect(stateOf(currentAssignments([a(1, 'lead', 'returned'), a(2, 'co', 'opinion_sent')]))).toBe('to_assign');
  });
  it('is handled while any lead of a 分办 has not replied, replied once all have, closed once every reply has its form', () => {
    expect(stateOf([a(1, 'lead', 'replied'), a(2, 'lead', 'handling')])).toBe('handling');
    expect(stateOf([a(1, 'lead', 'replied', { satisfaction: 'satisfied' }), a(2, 'lead', 'replied')])).toBe('replied');
    expect(
      stateOf([a(1, 'lead', 'replied', { satisfaction: 'satisfied' }), a(2, 'lead', 'replied', { satisfaction: 'basically_satisfied' })]),
    ).toBe('closed');
  });
  it('is handled again when 不满意 opened a new round: the judged reply no longer stands', () => {
    const all = [a(1, 'lead', 'replied', { satisfaction: 'unsatisfied' }), a(2, 'lead', 'handling', { rehandles: 1 })];
    expect(currentAssignments(all).map((x) => x.id)).toEqual([2]);
    expect(stateOf(currentAssignments(all))).toBe('handling');
  });
});
