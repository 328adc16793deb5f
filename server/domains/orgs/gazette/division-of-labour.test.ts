import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyUnit, parseDivisionOfLabour, parseUnitList, type DivisionOfLabour } from './division-of-labour.js';
import type { GazetteDocument } from '../../../../common/contracts/gazette.js';
import { readGazette } from '../../gazette/index.js';

const gazette = readFileSync(new URL('../../../../data/seed/pingyin-2023-gazette.txt', import.meta.url), 'utf8');
const { documents } = readGazette(gazette);
const documentNumbered = (number: string) => documents.find((d) => d.number.text === number)!;
const office = parseDivisionOfLabour(documentNumbered('平政办发〔2023〕4号'));
const government = parseDivisionOfLabour(documentNumbered('平政办发〔2023〕6号'));

const leader = (notice: DivisionOfLabour, name: string) => notice.leaders.find((l) => l.name === name)!;
const unit = (notice: DivisionOfLabour, name: string) => notice.units.find((u) => u.name === name);
const unitsOf = (notice: DivisionOfLabour, name: string, duty: string) =>
  leader(notice, name)
    .duties.filter((d) => d.duty === duty && d.unitName)
    .map((d) => d.unitName);
const areasOf = (notice: DivisionOfLabour, name: string, duty: string) =>
  leader(notice, name)
    .duties.filter((d) => d.duty === duty && d.workArea)
    .map((d) => d.workArea);
// The notice's text as one string, so any name the parser gives can be looked up in it.
const flat = (doc: GazetteDocument) => doc.text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

describe('平政办发〔2023〕6号: 县政府领导成员分工', () => {
  it('lists the leaders in the order the notice introduces them', () => {
    expect(government.body).toBe('县政府');
    expect(government.sourceDoc).toBe('平政办发〔2023〕6号');
    expect(government.leaders.map((l) => [l.rank, l.name])).toEqual(
      ['潘建军', '李培振', '张伟', '许芳', '丁芳', '陈剑', '赵鹏', '王力', '丁新普', '赵传资'].map((n, i) => [i + 1, n]),
    );
  });

  it('reads every sentence', () => {
    expect(government.unparsed).toEqual([]);
    expect(government.leaders.reduce((sum, l) => sum + l.duties.length, 0)).toBe(153);
  });

  it('reads 主持 of the whole government and of a unit', () => {
    expect(leader(government, '潘建军').duties[0]).toEqual({ duty: 'preside', unitName: '县政府' });
    expect(unitsOf(government, '陈剑', 'preside')).toEqual(['县公安局']);
    expect(unitsOf(government, '赵传资', 'preside')).toEqual(['县政府办公室']);
  });

  it('splits 负责 …等方面工作 into work areas, keeping 和 inside a name', () => {
    expect(areasOf(government, '潘建军', 'responsible')).toEqual(['财政', '审计']);
    expect(areasOf(government, '张伟', 'responsible')).toEqual([
      '住房和城乡建设',
      '城市管理',
      '自然资源和规划',
      '交通运输',
      '生态环境',
      '城市更新',
      '环卫绿化',
    ]);
    expect(areasOf(government, '许芳', 'responsible')).toEqual(['人力资源和社会保障']);
  });

  it('joins the line broken inside 县自然资源局（林 / 业局) and keeps bracketed names as aliases', () => {
    expect(unitsOf(government, '张伟', 'in_charge')).toEqual(expect.arrayContaining(['县城市管理局', '县自然资源局']));
    expect(unit(government, '县城市管理局')?.aliases).toEqual(['综合行政执法局']);
    expect(unit(government, '县自然资源局')?.aliases).toEqual(['林业局']);
    expect(unitsOf(government, '张伟', 'in_charge')).toContain('县交通运输局');
  });

  it('closes the bracket 6号 leaves open after 县发展和改革委员会', () => {
    // 县发展和改革委员会（新旧…办公室、地方金融监督管理局、国防动员办公室（人民防空办公室）、县民政局
    expect(unitsOf(government, '李培振', 'in_charge').slice(0, 3)).toEqual(['县政府办公室', '县发展和改革委员会', '县民政局']);
    expect(unit(government, '县发展和改革委员会')?.aliases).toEqual([
      '新旧动能转换综合试验区建设办公室',
      '地方金融监督管理局',
      '国防动员办公室',
      '人民防空办公室',
    ]);
    // 许芳's sentence writes the same unit with balanced half-width brackets: one unit, one name.
    expect(unitsOf(government, '许芳', 'assist')).toEqual(['县发展和改革委员会', '县民政局', '县金融事业发展中心']);
    expect(government.units.filter((u) => u.name.includes('发展和改革'))).toHaveLength(1);
  });

  it('reads 联系 as liaison', () => {
    expect(unitsOf(government, '李培振', 'liaison')).toContain('县消防大队');
    expect(unitsOf(government, '李培振', 'liaison')).toHaveLength(11);
    expect(unitsOf(government, '张伟', 'liaison')).toEqual(['县燃气公司', '县供热公司']);
  });

  it('reads 协助 with the leader assisted, for work areas and for units', () => {
    expect(leader(government, '许芳').duties).toContainEqual({ duty: 'assist', workArea: '发展改革', assistsLeader: '李培振' });
    expect(leader(government, '李培振').duties).toContainEqual({ duty: 'assist', unitName: '县财政局', assistsLeader: '潘建军' });
    const wangLi = leader(government, '王力').duties;
    expect(wangLi.every((d) => d.duty === 'assist')).toBe(true);
    expect([...new Set(wangLi.map((d) => d.assistsLeader))]).toEqual(['李培振', '丁新普']);
    expect(wangLi.at(-1)).toEqual({ duty: 'assist', workArea: '科技', assistsLeader: '丁新普' });
  });

  it('reads the three AB角 pairs', () => {
    expect(government.abPairs).toEqual([
      ['李培振', '张伟'],
      ['丁芳', '丁新普'],
      ['陈剑', '赵鹏'],
    ]);
  });

  it('names each unit once, every name and alias taken from the text', () => {
    expect(government.units).toHaveLength(90);
    expect(new Set(government.units.map((u) => u.name)).size).toBe(90);
    const text = flat(documentNumbered('平政办发〔2023〕6号'));
    for (const u of government.units) {
      // 分管人力资源和社会保障局 is the one bureau printed without its 县; the printed form stays an alias.
      expect(text.includes(u.name) || u.aliases.includes(u.name.slice(1))).toBe(true);
      for (const alias of u.aliases) expect(text).toContain(alias);
    }
    expect(unit(government, '县人力资源和社会保障局')?.aliases).toEqual(['人力资源和社会保障局']);
  });

  it('gives each unit a kind', () => {
    const kinds = Object.fromEntries(government.units.map((u) => [u.name, u.kind]));
    expect(kinds).toMatchObject({
      县政府: 'government_office',
      县政府办公室: 'government_office',
      县财政局: 'department',
      县发展和改革委员会: 'department',
      县机关事务服务中心: 'institution',
      县档案馆: 'institution',
      山东鸿城产业投资发展集团有限公司: 'enterprise',
      县燃气公司: 'enterprise',
      县人武部: 'external',
      县法院: 'external',
      济南市税务局平阴分局: 'external',
      中国人民银行平阴支行: 'external',
      团县委: 'mass_organisation',
      县妇联: 'mass_organisation',
      县工商联: 'mass_organisation',
    });
  });
});

describe('平政办发〔2023〕4号: 县政府办公室班子成员分工', () => {
  it('lists the office leaders and reads every sentence', () => {
    expect(office.body).toBe('县政府办公室');
    expect(office.leaders.map((l) => l.name)).toEqual(['赵传资', '任德洋', '董坡', '万广辉', '丁韬']);
    expect(office.unparsed).toEqual([]);
    expect(office.abPairs).toEqual([]);
    expect(office.leaders.reduce((sum, l) => sum + l.duties.length, 0)).toBe(46);
  });

  it('reads 丁韬 分管 督查室 and 热线办 as sections of the office', () => {
    expect(unitsOf(office, '丁韬', 'in_charge')).toEqual(['政工科', '督查室', '热线办', '大数据科', '政务公开科']);
    expect(unit(office, '督查室')).toEqual({ name: '督查室', aliases: [], kind: 'internal_section', parent: '县政府办公室' });
    expect(unit(office, '政工科')?.aliases).toEqual(['外事科']);
  });

  it('gives the office the same aliases as 6号 does', () => {
    // 4号: 县政府办公室（县政府研究室、大数据局）; 6号: 县政府办公室（研究室、大数据局）
    expect(unit(office, '县政府办公室')?.aliases).toEqual(['研究室', '大数据局']);
    expect(unit(government, '县政府办公室')?.aliases).toEqual(['研究室', '大数据局']);
  });

  it('splits the closing 和 of a closed list but not names joined by 和', () => {
    expect(areasOf(office, '任德洋', 'responsible').slice(-3)).toEqual(['群众团体', '老干部', '包村']);
    expect(unitsOf(office, '任德洋', 'preside')).toEqual(['县机关事务服务中心']);
    expect(unit(office, '县机关事务服务中心')?.kind).toBe('institution');
    expect(office.units).toHaveLength(16);
  });
});

describe('parseUnitList', () => {
  it('treats full- and half-width brackets alike, nested and unclosed', () => {
    expect(parseUnitList('县甲局(乙局（丙办）)、县丁局（戊局、县己中心')).toEqual([
      { name: '县甲局', aliases: ['乙局', '丙办'] },
      { name: '县丁局', aliases: ['戊局'] },
      { name: '县己中心', aliases: [] },
    ]);
  });

  it('drops a stray closing bracket', () => {
    expect(parseUnitList('县甲局）、县乙局')).toEqual([
      { name: '县甲局', aliases: [] },
      { name: '县乙局', aliases: [] },
    ]);
  });
});

describe('classifyUnit', () => {
  it("places names by their ending, the office notice's own sections first", () => {
    expect(classifyUnit('综合科', '县政府办公室')).toEqual({ kind: 'internal_section', parent: '县政府办公室' });
    expect(classifyUnit('综合科', '县政府').kind).toBe('external');
    expect(classifyUnit('玫城街道', '县政府').kind).toBe('township');
    expect(classifyUnit('县供销社', '县政府').kind).toBe('institution');
  });
});

describe('parseDivisionOfLabour on other documents', () => {
  it('refuses a document that is not a 分工 notice', () => {
    expect(() => parseDivisionOfLabour(documentNumbered('平政字〔2023〕22号'))).toThrow(
      expect.objectContaining({ code: 'GAZETTE_NOT_DIVISION_OF_LABOUR' }),
    );
  });
});

describe('AB角 written another way', () => {
  // Reworded copies of 6号's closing sentence: the real text, edited, so the parser is never tuned to one file.
  const AB = '李培振同志和张伟同志、丁芳同志和丁新普同志、陈剑同志和赵鹏同志互为 AB 角。';
  const reworded = (sentence: string) => {
    expect(gazette).toContain(AB);
    return parseDivisionOfLabour(
      readGazette(gazette.replace(AB, sentence)).documents.find((d) => d.number.text === '平政办发〔2023〕6号')!,
    );
  };

  it('reads pairs joined by 与 and pairs split over two clauses', () => {
    const notice = reworded('李培振同志与张伟同志互为AB角，丁芳同志和丁新普同志、陈剑同志和赵鹏同志互为AB角。');
    expect(notice.unparsed).toEqual([]);
    expect(notice.abPairs).toEqual(government.abPairs);
  });

  it('reports a pair it cannot read instead of dropping it', () => {
    const notice = reworded('李培振同志和张伟同志、丁芳同志和丁新普同志、陈剑同志、赵鹏同志互为AB角。');
    expect(notice.abPairs).toEqual([
      ['李培振', '张伟'],
      ['丁芳', '丁新普'],
    ]);
    expect(notice.unparsed).toEqual(['AB角：陈剑同志', 'AB角：赵鹏同志']);
  });

  it('reports a clause about AB角 that is not a list of pairs', () => {
    const notice = reworded('李培振同志和张伟同志互为AB角，陈剑同志缺岗时由赵鹏同志履行AB角职责。');
    expect(notice.unparsed).toEqual(['陈剑同志缺岗时由赵鹏同志履行AB角职责']);
    const noPairs = reworded('AB角由县政府另行明确。');
    expect(noPairs.abPairs).toEqual([]);
    expect(noPairs.unparsed).toEqual(['AB角由县政府另行明确']);
  });
});
