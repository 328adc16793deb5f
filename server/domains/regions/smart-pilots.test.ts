import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGazette } from '../gazette/index.js';
import { readRegionFile } from './regions.seed.js';
import { readSmartPilots } from './smart-pilots.js';

const GAZETTE = new URL('../../../data/seed/pingyin-2023-gazette.txt', import.meta.url);
const REGION_FILE = new URL('../../../data/regions/pingyin-370124.json', import.meta.url).pathname;
const gazette = readFileSync(GAZETTE, 'utf8');
const REPLY = '平政办字〔2023〕9号';
const COMMUNITIES = [
  '锦源社区',
  '锦东社区',
  '文昌社区',
  '翠屏社区',
  '锦绣社区',
  '龙山社区',
  '锦川社区',
  '玫瑰苑社区',
  '玫瑰湖社区',
  '滨湖社区',
  '新安里社区',
];
/** The reply as printed, or with one passage rewritten (which must be there). */
const read = (from?: string, to?: string) => {
  if (from !== undefined) expect(gazette).toContain(from);
  const text = from === undefined ? gazette : gazette.replaceAll(from, to!);
  return readSmartPilots(
    readGazette(text).documents.find((d) => d.number.text === REPLY)!,
    COMMUNITIES,
  );
};
const real = read();
const of = (name: string) => real.pilots.get(name);

describe('平政办字〔2023〕9号: the smart-community pilots, read exactly', () => {
  it('reads every sentence about a tier', () => {
    expect(real.unparsed).toEqual([]);
  });

  it('has the nine 2022 pilots at 基础型, reached (2022年底9个社区通过基础型验收)', () => {
    for (const name of COMMUNITIES.filter((c) => c !== '锦川社区' && c !== '新安里社区')) {
      expect(of(name), name).toMatchObject({ pilotYear: 2022, tier: '基础型', source: REPLY });
    }
  });

  it('has 锦川社区 as a 2023 pilot being built into 标杆型, not a reached 基础型', () => {
    expect(of('锦川社区')).toMatchObject({ pilotYear: 2023, tier: null, targetTier: '标杆型' });
  });

  it('has 新安里社区 still to complete 基础型 (协助新安里社区完成基础型社区指标建设)', () => {
    expect(of('新安里社区')).toMatchObject({ pilotYear: 2023, tier: null, targetTier: '基础型', note: null });
  });

  it('records which community 争创成长型 as unknown, with the sentence quoted, instead of guessing', () => {
    expect(of('锦源社区')).toMatchObject({ tier: '基础型', targetTier: null });
    expect(of('锦源社区')!.note).toBe('“重点打造锦川社区、锦源社区，争取完成1个成长型智慧社区建设”：未写明哪个社区争创成长型');
    expect(of('锦川社区')!.note).toContain('争取完成1个成长型');
  });
});

describe('reworded', () => {
  it('reads a target that names as many places as communities', () => {
    const both = read('争取完成1个成长型智慧社区建设', '争取完成2个成长型智慧社区建设');
    expect(both.pilots.get('锦源社区')).toMatchObject({ targetTier: '成长型', note: null });
    // 锦川社区 keeps the 标杆型 the reply gives it by name.
    expect(both.pilots.get('锦川社区')!.targetTier).toBe('标杆型');
  });

  it('counts in Chinese numerals and follows another year', () => {
    const other = read('2022年遴选9个社区', '2021年遴选九个社区').pilots.get('锦东社区');
    expect(other).toMatchObject({ pilotYear: 2021, tier: '基础型' });
  });

  it('reports a count that does not match the communities listed, and a tier sentence it cannot read', () => {
    expect(read('2022年底9个社区通过基础型验收', '2022年底8个社区通过基础型验收').unparsed[0]).toContain('通过验收的社区数与遴选数不符');
    const vague = read('协助新安里社区完成基础型社区指标建设', '新安里社区基础型建设视情推进');
    expect(vague.unparsed).toEqual(['新安里社区基础型建设视情推进']);
    expect(vague.pilots.get('新安里社区')!.targetTier).toBeNull();
  });
});

describe('readRegionFile', () => {
  it('gives each community the pilot facts the gazette states, and none to the others', () => {
    const communities = readRegionFile(REGION_FILE).towns.flatMap((t) => t.communities);
    expect(communities.find((c) => c.name === '新安里社区')!.smart).toMatchObject({ tier: null, targetTier: '基础型' });
    expect(
      communities
        .filter((c) => c.smart !== null)
        .map((c) => c.name)
        .sort(),
    ).toEqual([...COMMUNITIES].sort());
  });
});
