import { describe, expect, it } from 'vitest';
import { addDays, addMonths, latestReplyDay, opinionDeadline, replyDeadline, returnDeadline } from './proposal-deadlines.js';
import { badEvaluationScores, EVALUATION_CRITERIA, EVALUATION_TOTAL, evaluationTotal } from './proposal-forms.js';

const clock = (assignedOn: string | null, extra: Partial<Parameters<typeof replyDeadline>[0]> = {}) => ({
  assignedOn,
  rehandling: false,
  extendedUntil: null,
  extensionReason: null,
  ...extra,
});

describe('the clocks of proposal handling', () => {
  it('adds months to the same day, or the last day of a shorter month', () => {
    expect(addMonths('2023-03-15', 3)).toBe('2023-06-15');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2022-11-30', 3)).toBe('2023-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addDays('2023-12-25', 10)).toBe('2024-01-04');
  });

  it('gives each deadline with what it was counted from', () => {
    expect(returnDeadline(clock('2023-03-15'))).toMatchObject({
      kind: 'return',
      from: '2023-03-15',
      amount: 10,
      unit: 'days',
      due: '2023-03-25',
    });
    expect(opinionDeadline(clock('2023-03-15'))).toMatchObject({ kind: 'opinion', amount: 1, unit: 'months', due: '2023-04-15' });
    expect(replyDeadline(clock('2023-03-15'))).toMatchObject({ kind: 'reply', amount: 3, due: '2023-06-15', extensionReason: null });
    expect(replyDeadline(clock('2023-07-01', { rehandling: true }))).toMatchObject({ kind: 'rehandling', amount: 1, due: '2023-08-01' });
    expect(replyDeadline(clock('2023-03-15', { extendedUntil: '2023-08-01', extensionReason: '需实地调研' }))).toMatchObject({
      due: '2023-08-01',
      extensionReason: '需实地调研',
    });
    expect(latestReplyDay('2023-03-15')).toBe('2023-09-15');
  });

  it('has no deadline when the day of assignment is unknown (a reply read from a gazette)', () => {
    expect(replyDeadline(clock(null))).toBeNull();
    expect(returnDeadline(clock(null))).toBeNull();
  });
});

describe('附件6 质量评议表', () => {
  it('has the four criteria of 20 / 30 / 30 / 20 points, 100 in all', () => {
    expect(EVALUATION_CRITERIA.map((c) => c.max)).toEqual([20, 30, 30, 20]);
    expect(EVALUATION_TOTAL).toBe(100);
  });
  it('refuses a score above its criterion, below zero or not whole, and totals the four', () => {
    expect(badEvaluationScores({ topic: 20, facts: 30, feasibility: 30, format: 20 })).toEqual([]);
    expect(badEvaluationScores({ topic: 21, facts: 30, feasibility: -1, format: 19.5 })).toEqual(['topic', 'feasibility', 'format']);
    expect(badEvaluationScores({ topic: 10 })).toEqual(['facts', 'feasibility', 'format']);
    expect(evaluationTotal({ topic: 18, facts: 25, feasibility: 27, format: 20 })).toBe(90);
  });
});
