import { describe, expect, it } from 'vitest';
import { matchUnitName } from './unit-names.js';

const units = [
  '县发展和改革委员会',
  '县工业和信息化局',
  '县教育和体育局',
  '县财政局',
  '县行政审批服务局',
  '县商务事业发展中心',
  '县市场监督管理局',
  '县交通运输局',
  '县自然资源局',
  '县公安局',
  '县公路事业发展中心',
  '县人力资源和社会保障局',
  '县人民防空办公室',
].map((name, i): { id: number; name: string; aliases: string[] } => ({ id: i + 1, name, aliases: [] }));
units.push({ id: 99, name: '县城市管理局', aliases: ['综合行政执法局'] });

const match = (printed: string) => matchUnitName(printed, units)?.name ?? null;

describe('a unit name as a document prints it', () => {
  it('finds the unit by its name, an alias, or without the county prefix', () => {
    expect(match('县财政局')).toBe('县财政局');
    expect(match('财政局')).toBe('县财政局');
    expect(match('县综合行政执法局')).toBe('县城市管理局');
    expect(match(' 县 公安局 ')).toBe('县公安局');
  });

  it('reads the short forms of the seed by one rule', () => {
    expect(match('县发改局')).toBe('县发展和改革委员会');
    expect(match('县工信局')).toBe('县工业和信息化局');
    expect(match('县教体局')).toBe('县教育和体育局');
    expect(match('县市场监管局')).toBe('县市场监督管理局');
    expect(match('县商务发展中心')).toBe('县商务事业发展中心');
  });

  it('leaves what no unit fits, or several might, unresolved', () => {
    // 县交通物流公司 is not 县交通运输局: 物流 is not in 交通运输.
    expect(match('县交通物流公司')).toBeNull();
    expect(match('县自来水公司')).toBeNull();
    expect(match('县委组织部')).toBeNull();
    expect(match('人民银行平阴县支行')).toBeNull();
    // 县人局 could be 人力资源和社会保障 or 人民防空: ambiguous, so neither.
    expect(match('县人局')).toBeNull();
    // 县人社局 fits only one.
    expect(match('县人社局')).toBe('县人力资源和社会保障局');
  });
});
