import { describe, expect, it } from 'vitest';
import { annualTable, AnnualTableMismatch, type AnnualFact } from './annual-table.js';

const fact = (over: Partial<AnnualFact>): AnnualFact => ({
  applicant_kind: 'natural',
  organization_kind: null,
  received_on: '2024-03-01',
  concluded_on: '2024-03-20',
  state: 'replied',
  reply_type: 'disclosed',
  withheld_ground: null,
  ...over,
});

const cells = (table: ReturnType<typeof annualTable>, key: string) => table.rows.find((r) => r.key === key)!.cells;

describe('年度报告 表三', () => {
  const facts = [
    // Carried over from 2023, answered in 2024.
    fact({ received_on: '2023-12-20', concluded_on: '2024-01-10' }),
    // Concluded in 2023: not in 2024's table at all.
    fact({ received_on: '2023-05-01', concluded_on: '2023-05-20' }),
    fact({ reply_type: 'already_public' }),
    fact({ applicant_kind: 'legal', organization_kind: 'business', reply_type: 'partly_disclosed', withheld_ground: 'third_party' }),
    fact({ applicant_kind: 'legal', organization_kind: 'legal_service', reply_type: 'not_disclosed', withheld_ground: 'process_info' }),
    fact({ reply_type: 'not_ours' }),
    fact({ reply_type: 'repeat' }),
    fact({ state: 'withdrawn', reply_type: null }),
    // Still open at the year's end: carried forward.
    fact({ received_on: '2024-12-20', concluded_on: null, state: 'handling', reply_type: null }),
    fact({ received_on: '2024-12-25', concluded_on: '2025-01-05' }),
  ];

  it('counts new, carried over, results by type and carried forward, by applicant', () => {
    const t = annualTable(2024, facts);
    // columns: natural, business, research, public_interest, legal_service, other, total
    expect(cells(t, 'new')).toEqual([6, 1, 0, 0, 1, 0, 8]);
    expect(cells(t, 'carried_in')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(t, 'disclosed')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(cells(t, 'partly')).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(cells(t, 'withheld.process_info')).toEqual([0, 0, 0, 0, 1, 0, 1]);
    expect(cells(t, 'unable.not_held')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(t, 'not_handled.repeat')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(t, 'other.uncorrected')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(t, 'results.total')).toEqual([5, 1, 0, 0, 1, 0, 7]);
    expect(cells(t, 'carried_out')).toEqual([2, 0, 0, 0, 0, 0, 2]);
  });

  it('refuses a table whose results do not add up to the total, and names the row', () => {
    const broken = [...facts, fact({ reply_type: 'not_disclosed', withheld_ground: null })];
    expect(() => annualTable(2024, broken)).toThrow(AnnualTableMismatch);
    expect(() => annualTable(2024, broken)).toThrow(/三（七）总计/);
  });

  it('refuses a row whose columns do not add up to its total (a legal person without its kind)', () => {
    const broken = [...facts, fact({ applicant_kind: 'legal', organization_kind: null })];
    try {
      annualTable(2024, broken);
      expect.unreachable();
    } catch (e) {
      expect((e as AnnualTableMismatch).row).toBe('new');
      expect((e as Error).message).toContain('一、本年新收政府信息公开申请数量');
    }
  });

  it('refuses 一 + 二 ≠ 三（七）+ 四 (an application concluded before it was received)', () => {
    const broken = [...facts, fact({ received_on: '2024-06-01', concluded_on: '2023-06-01' })];
    expect(() => annualTable(2024, broken)).toThrow(/一 \+ 二/);
  });
});
