import { describe, expect, it } from 'vitest';
import { availableSteps, stepRefusal, type DossierFacts } from './steps.js';
import { phaseOn, phaseProblem, previousMonth, reportDueOn } from './phases.js';
import { maskPlate } from './abandoned-vehicles.labels.js';

const PHASES = [
  { code: 'survey', name: '全面排查', startsOn: '2023-08-29', endsOn: '2023-09-10' },
  { code: 'self_clear', name: '自行清理', startsOn: '2023-09-11', endsOn: '2023-10-31' },
  { code: 'disposal', name: '分类处置', startsOn: '2023-11-01', endsOn: '2023-12-31' },
];
const fresh: DossierFacts = {
  ownerStatus: 'unchecked',
  ownerDeadline: null,
  publicDeadline: null,
  publicNoticeIssued: false,
  objectionOpen: false,
  disposal: null,
};

describe('campaign phases (平政办字〔2023〕7号 二（二）)', () => {
  it('the phase of a day comes from the dates', () => {
    expect(phaseOn(PHASES, '2023-08-01')).toEqual({ kind: 'before' });
    expect(phaseOn(PHASES, '2023-09-10')).toMatchObject({ code: 'survey' });
    expect(phaseOn(PHASES, '2023-09-11')).toMatchObject({ code: 'self_clear' });
    expect(phaseOn(PHASES, '2023-12-31')).toMatchObject({ code: 'disposal' });
    expect(phaseOn(PHASES, '2024-01-01')).toEqual({ kind: 'after' });
  });

  it('overlapping or reversed phases are refused', () => {
    expect(phaseProblem(PHASES)).toBeNull();
    expect(phaseProblem([PHASES[0], { ...PHASES[1], startsOn: '2023-09-10' }])).toMatch(/结束之后/);
    expect(phaseProblem([{ ...PHASES[0], endsOn: '2023-08-01' }])).toMatch(/晚于/);
  });

  it('the monthly report covers the previous month and is due on the 8th', () => {
    expect(previousMonth('2024-01-05')).toBe('2023-12');
    expect(previousMonth('2023-11-08')).toBe('2023-10');
    expect(reportDueOn('2023-12', 8)).toBe('2024-01-08');
  });
});

describe('the order of the steps', () => {
  it('look up first; a found owner is told before any public notice', () => {
    expect(availableSteps(fresh, '2023-09-05')).toEqual(['lookup', 'objection', 'disposal']);
    expect(stepRefusal('public_notice', fresh, '2023-09-05')?.code).toBe('LOOKUP_FIRST');
    const found = { ...fresh, ownerStatus: 'found' as const };
    expect(stepRefusal('public_notice', found, '2023-09-05')?.code).toBe('NOTIFY_OWNER_FIRST');
    const told = { ...found, ownerDeadline: '2023-09-20' };
    expect(stepRefusal('public_notice', told, '2023-09-20')?.code).toBe('DEADLINE_NOT_PASSED');
    expect(stepRefusal('public_notice', told, '2023-09-21')).toBeNull();
  });

  it('an unknown owner goes straight to the public notice', () => {
    expect(stepRefusal('public_notice', { ...fresh, ownerStatus: 'unknown' }, '2023-09-05')).toBeNull();
    expect(stepRefusal('notify_owner', { ...fresh, ownerStatus: 'unknown' }, '2023-09-05')?.code).toBe('OWNER_UNKNOWN');
  });

  it('an open objection pauses disposal; removal waits for the deadline; one outcome only', () => {
    const noticed = { ...fresh, ownerStatus: 'unknown' as const, publicNoticeIssued: true, publicDeadline: '2023-10-10' };
    expect(stepRefusal('disposal', { ...noticed, objectionOpen: true }, '2023-11-01', 'removed_chengguan')?.code).toBe('OBJECTION_OPEN');
    expect(stepRefusal('disposal', noticed, '2023-10-10', 'civil_law')?.code).toBe('DEADLINE_NOT_PASSED');
    expect(stepRefusal('disposal', noticed, '2023-10-11', 'civil_law')).toBeNull();
    expect(stepRefusal('disposal', fresh, '2023-09-05', 'civil_law')?.code).toBe('NOT_NOTIFIED');
    expect(stepRefusal('disposal', fresh, '2023-09-05', 'self_cleared')).toBeNull();
    expect(stepRefusal('disposal', fresh, '2023-09-05', 'transferred')).toBeNull();
    expect(stepRefusal('objection', { ...noticed, disposal: 'civil_law' }, '2023-11-01')?.code).toBe('ALREADY_DISPOSED');
  });

  it('plates are masked in reports', () => {
    expect(maskPlate('鲁A12345')).toBe('鲁A***45');
    expect(maskPlate(null)).toBe('无牌');
  });
});
