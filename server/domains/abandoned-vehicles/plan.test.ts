import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGazette } from '../gazette/index.js';
import { readCampaignPlan } from './plan.js';

const gazette = readFileSync(new URL('../../../data/seed/pingyin-2023-gazette.txt', import.meta.url), 'utf8');
const PLAN = '平政办字〔2023〕7号';
/** The plan as the gazette prints it, or with one passage rewritten (the passage must be there). */
const read = (from?: string, to?: string) => {
  if (from !== undefined) expect(gazette).toContain(from);
  const text = from === undefined ? gazette : gazette.replace(from, to!);
  return readCampaignPlan(readGazette(text).documents.find((d) => d.number.text === PLAN)!);
};
const real = read();

describe('平政办字〔2023〕7号 三、责任分工: the coordination mechanism', () => {
  it('reads every sentence', () => {
    expect(real.unparsed).toEqual([]);
    expect(real.plan.sourceDoc).toBe(PLAN);
  });

  it('is led by 县发展和改革局, with its convener, office and remit in the plan’s words', () => {
    const c = real.plan.coordination;
    expect(c).toMatchObject({ name: '平阴县废弃汽车治理工作协调机制', lead: '县发展和改革局' });
    expect(c.convener).toMatch(/^县发展和改革局主要负责同志为召集人/);
    expect(c.office).toMatch(/^协调机制办公室设在县发展和改革局/);
    expect(c.remit).toMatch(/^主要负责组织全县废弃汽车治理工作/);
  });

  it('lists the lead and the thirteen member units in order, each with the duties 三（二） gives it', () => {
    const members = real.plan.coordination.members;
    expect(members.map((m) => m.unit)).toEqual([
      '县发展和改革局',
      '县委宣传部',
      '县工业和信息化局',
      '县公安局',
      '县司法局',
      '县财政局',
      '县自然资源局',
      '市生态环境局平阴分局',
      '县住房保障服务中心',
      '县城管局',
      '县交通运输局',
      '县商务事业发展中心',
      '县市场监管局',
      '平阴县人民法院',
    ]);
    // 1. 县发展改革局负责…: the item writes the lead without 和; three duties split at the semicolons.
    expect(members[0].duties).toHaveLength(3);
    expect(members[0].duties[0]).toMatch(/^组织制定平阴县废弃汽车治理工作方案/);
    // The page break inside 5. 县委宣传部负责做好废弃汽车治理 / 活动的宣传工作 is undone.
    expect(members[1].duties).toEqual(['做好废弃汽车治理活动的宣传工作']);
    // 县住房保障服务中心: estates' public areas through the 物业, explicitly not planned spaces and garages.
    expect(members.find((m) => m.unit === '县住房保障服务中心')!.duties[0]).toContain('不含规划车位、车库');
    expect(members.find((m) => m.unit === '县公安局')!.duties).toHaveLength(5);
    for (const m of members) expect(m.duties.length).toBeGreaterThan(0);
  });

  it('reports a duty of a unit that is not a member, and a founding sentence it cannot read', () => {
    const stranger = read('14. 平阴县人民法院负责', '14. 县检察院负责');
    expect(stranger.unparsed).toEqual(['县检察院：不在协调机制成员单位之列']);
    const reworded = read('县发展和改革局牵头', '由县发展和改革局负责牵头');
    expect(reworded.unparsed[0]).toMatch(/^建立平阴县废弃汽车治理工作协调机制/);
  });
});

describe('平政办字〔2023〕7号 四（四）做好信息报送: what the reports carry', () => {
  it('reads the monthly report: who, by when, to whom and the seven things it carries', () => {
    expect(real.plan.reporting).toEqual({
      monthlyDueDay: 8,
      monthlyFrom: '各镇(街道)、县直有关部门',
      monthlyTo: '县废弃汽车专项治理工作协调机制办公室',
      monthlyContents: ['印发政策文件', '建立协调机制', '法律法规修订', '开展活动', '取得的工作成效', '典型案例', '经验做法'],
      yearEndDue: '2023年年底',
      yearEndContent: '专项执法整治行动完成情况',
      yearEndTo: '县废弃汽车治理工作协调机制办公室',
    });
  });

  it('follows a reworded list and another due day', () => {
    const other = read('每月8日前', '每月10日前');
    expect(other.plan.reporting.monthlyDueDay).toBe(10);
    const list = read('开展活动以及取得的工作成效、典型案例和经验做法', '开展活动、取得的工作成效和典型案例');
    expect(list.plan.reporting.monthlyContents).toEqual([
      '印发政策文件',
      '建立协调机制',
      '法律法规修订',
      '开展活动',
      '取得的工作成效',
      '典型案例',
    ]);
  });

  it('reports a year-end sentence it cannot read rather than leave the summary out', () => {
    const vague = read('2023年年底将专项执法整治行动完成情况报送至', '年底前适时报送完成情况至');
    expect(vague.unparsed).toHaveLength(1);
    expect(vague.unparsed[0]).toContain('年底');
  });
});
