import { describe, expect, it } from 'vitest';
import { looksLikeDeadline, readDeadline } from './deadlines.js';

describe('完成时限', () => {
  it.each([
    ['2023年12月底前', '2023-12-31'],
    ['2023年6月底前', '2023-06-30'],
    ['2023年2月底前', '2023-02-28'],
    ['2024年2月底前', '2024-02-29'],
    ['2023年9月10日前完成', '2023-09-10'],
    ['2023 年 8 月 20 日前', '2023-08-20'],
    ['2023年年底以前', '2023-12-31'],
    ['2023年年底前', '2023-12-31'],
    ['长期坚持', 'ongoing'],
    ['2023年9月11日至10月31日', '2023-10-31'],
    ['2023年1月-2023年6月', '2023-06-30'],
    ['2024年1月-2025年6月', '2025-06-30'],
    ['上半年', '2023-06-30'],
    ['三季度', '2023-09-30'],
    ['第四季度', '2023-12-31'],
    ['全年', '2023-12-31'],
    ['11月中旬', '2023-11-20'],
    ['12月底前', '2023-12-31'],
  ])('%s → %s', (text, day) => {
    expect(readDeadline(text, 2023)).toBe(day);
  });

  it('does not guess what it cannot read', () => {
    for (const text of ['尽快', '按上级要求', '2023年13月底前', '2023年2月30日前', '']) expect(readDeadline(text, 2023)).toBeNull();
  });

  it('needs a year from the text or the document', () => {
    expect(readDeadline('12月底前', null)).toBeNull();
    expect(readDeadline('2022年12月底前', null)).toBe('2022-12-31');
  });

  it('tells a deadline cell from a requirement or a unit list', () => {
    expect(looksLikeDeadline('2023年12月底前')).toBe(true);
    expect(looksLikeDeadline('县政府办公室')).toBe(false);
    expect(looksLikeDeadline('2023年年底前，优化企业用户空间，完善“一企一档”功能。')).toBe(false);
  });
});
