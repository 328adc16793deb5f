import { describe, expect, it } from 'vitest';
import { measuresIn } from './quantities.js';

describe('quantitative targets in a target text', () => {
  it("reads the e-CNY list's full-year target as two numbers, 万 multiplied out", () => {
    expect(measuresIn('全年数币消费笔数突破 2 万笔，数币金额突破1000万元。')).toEqual([
      { label: '全年数币消费笔数突破2万笔', quantity: 20000, unit: '笔' },
      { label: '数币金额突破1000万元', quantity: 10_000_000, unit: '元' },
    ]);
  });

  it('reads percentages and counts, and leaves dates and words without numbers alone', () => {
    expect(measuresIn('消费场景达到 50% 覆盖率。')).toEqual([{ label: '消费场景达到50%覆盖率', quantity: 50, unit: '%' }]);
    expect(measuresIn('拓展数字人民币乘公交范围,覆盖2条公交线路。')).toEqual([{ label: '覆盖2条公交线路', quantity: 2, unit: '条' }]);
    expect(measuresIn('2023年12月底前完成')).toEqual([]);
    expect(measuresIn('实现明星社区数字人民币全消费生态建设。')).toEqual([]);
  });
});
