import { invalid } from '../../../platform/errors.js';
import type { GazetteDocument } from '../../../../common/contracts/gazette.js';
import type { DutyKind, OrgUnitKind } from '../../../../common/enums.js';

/**
 * Reads a 领导成员分工通知 (division-of-labour notice) from the gazette: who 主持/负责/分管/联系/
 * 协助 what. Written against 平政办发〔2023〕4号 (the office's own 班子) and 6号 (县政府领导成员),
 * whose sentences all follow the same official pattern:
 *
 *   潘建军同志主持县政府全面工作，负责财政、审计等方面工作。   ← a leader's paragraph opens with 某某同志
 *   分管县财政局、县审计局、平阴经济开发区管委会。              ← later sentences continue that leader
 *   协助李培振同志分管县发展和改革委员会(…)、县民政局。
 *   李培振同志和张伟同志、……互为 AB 角。                        ← stand-ins, once at the end
 */

export type UnitBody = '县政府办公室' | '县政府';
export type { DutyKind, OrgUnitKind };

export interface Duty {
  duty: DutyKind;
  /** 负责 …等方面工作: one area per duty ('财政'). */
  workArea?: string;
  /** 主持/分管/联系: the unit's name without its bracketed aliases. */
  unitName?: string;
  /** 协助 某某同志: whom the leader assists. */
  assistsLeader?: string;
}

export interface GazetteLeader {
  name: string;
  rank: number;
  duties: Duty[];
}

export interface GazetteUnit {
  name: string;
  aliases: string[];
  kind: OrgUnitKind;
  /** Internal sections (科室) of 县政府办公室 name the office as parent. */
  parent?: string;
}

export interface DivisionOfLabour {
  sourceDoc: string;
  body: UnitBody;
  leaders: GazetteLeader[];
  abPairs: Array<[string, string]>;
  units: GazetteUnit[];
  /** Sentences or clauses that matched no pattern, kept so an importer can report them. */
  unparsed: string[];
}

// A leader's paragraph opens with their name and 同志; the lookahead keeps 协助王力同志 from
// reading as a leader named 协助王力.
const LEADER_SUBJECT = /^(?!协助|分管|联系|负责|主持|分工|为)(\p{Script=Han}{2,4})同志/u;
const ASSIST = /^协助(\p{Script=Han}{2,4}?)同志(分工负责|负责|分管)(.+)$/u;
const AB_PAIR = /^(\p{Script=Han}{2,4}?)同志(?:和|与)(\p{Script=Han}{2,4}?)同志$/u;

export function parseDivisionOfLabour(doc: GazetteDocument): DivisionOfLabour {
  const body = bodyOf(doc);
  const leaders = new Map<string, GazetteLeader>();
  const units = new Map<string, GazetteUnit>();
  const abPairs: Array<[string, string]> = [];
  const unparsed: string[] = [];
  let current: GazetteLeader | null = null;

  const unitDuties = (duty: DutyKind, text: string, assistsLeader?: string): Duty[] =>
    parseUnitList(text).map((printed) => {
      const { name, aliases } = countyUnitName(printed, body);
      registerUnit(units, name, aliases, body);
      return assistsLeader ? { duty, unitName: name, assistsLeader } : { duty, unitName: name };
    });

  /** One clause of a sentence; null when it follows none of the notice's patterns. */
  const parseClause = (clause: string): Duty[] | null => {
    const assist = ASSIST.exec(clause);
    if (assist) {
      const [, leader, verb, rest] = assist;
      return verb === '分管'
        ? unitDuties('assist', rest, leader)
        : parseWorkAreas(rest).map((workArea) => ({ duty: 'assist', workArea, assistsLeader: leader }));
    }
    // 主持县政府全面工作 / 主持县机关事务服务中心工作: the unit is whatever stands before 工作.
    if (clause.startsWith('主持')) return unitDuties('preside', clause.slice(2).replace(/(全面)?工作$/, ''));
    if (/^(分工)?负责/.test(clause)) {
      return parseWorkAreas(clause.replace(/^(分工)?负责/, '')).map((workArea) => ({ duty: 'responsible', workArea }));
    }
    if (clause.startsWith('分管')) return unitDuties('in_charge', clause.slice(2));
    if (clause.startsWith('联系')) return unitDuties('liaison', clause.slice(2));
    return null;
  };

  for (const paragraph of dutyParagraphs(doc)) {
    if (/AB角/i.test(paragraph)) {
      const read = readAbPairs(paragraph);
      abPairs.push(...read.pairs);
      unparsed.push(...read.unparsed);
      continue;
    }
    for (const sentence of paragraph.split(/[。；;]/).filter(Boolean)) {
      const subject = LEADER_SUBJECT.exec(sentence);
      if (subject) current = leaderNamed(leaders, subject[1]);
      const rest = subject ? sentence.slice(subject[0].length) : sentence;
      // Clauses never hold a comma inside a unit name, so a plain split is safe here.
      for (const clause of rest.split(/[，,]/).filter(Boolean)) {
        const duties = current ? parseClause(clause) : null;
        if (duties && duties.length > 0) current!.duties.push(...duties);
        else unparsed.push(clause);
      }
    }
  }

  for (const [a, b] of abPairs) {
    if (!leaders.has(a) || !leaders.has(b)) unparsed.push(`AB角 ${a}和${b}：不都是本通知的领导成员`);
  }
  return { sourceDoc: doc.number.text, body, leaders: [...leaders.values()], abPairs, units: [...units.values()], unparsed };
}

/**
 * 为确保工作顺利开展，李培振同志和张伟同志、丁芳同志和丁新普同志、陈剑同志和赵鹏同志互为AB角。
 * Every clause of the paragraph must be read: a 为… purpose clause states no duty; a clause ending
 * in 互为AB角 lists pairs joined by 、, each 某某同志和某某同志. Anything else (a pair written another
 * way, a second sentence about AB角) is reported, never dropped: a lost pair is a 督办单 that names
 * no backup.
 */
function readAbPairs(paragraph: string): { pairs: Array<[string, string]>; unparsed: string[] } {
  const pairs: Array<[string, string]> = [];
  const unparsed: string[] = [];
  for (const clause of paragraph.split(/[，,。；;]/).filter(Boolean)) {
    const list = /^(.+)互为AB角$/i.exec(clause)?.[1];
    if (list === undefined) {
      if (!clause.startsWith('为')) unparsed.push(clause);
      continue;
    }
    for (const item of list.split('、')) {
      const pair = AB_PAIR.exec(item);
      if (pair) pairs.push([pair[1], pair[2]]);
      else unparsed.push(`AB角：${item}`);
    }
  }
  if (pairs.length === 0 && unparsed.length === 0) unparsed.push(paragraph);
  return { pairs, unparsed };
}

/** Whose 班子 the notice divides: the office's own (4号) or the county government's (6号). */
function bodyOf(doc: GazetteDocument): UnitBody {
  if (/县政府办公室班子/.test(doc.title)) return '县政府办公室';
  if (/县政府领导/.test(doc.title)) return '县政府';
  throw invalid('GAZETTE_NOT_DIVISION_OF_LABOUR', `${doc.number.text}「${doc.title}」不是领导成员分工通知`);
}

/**
 * The paragraphs after 「…通知如下：」, up to the 落款: the gazette reader has already undone the
 * PDF's line breaks (县自然资源局（林 ⏎⏎ 业局)、…) and its layout spaces (互为 AB 角).
 */
function dutyParagraphs(doc: GazetteDocument): string[] {
  const start = doc.paragraphs.findIndex((p) => /如下[：:]$/.test(p)) + 1;
  return doc.paragraphs.slice(start);
}

/**
 * 负责 X、Y、Z等方面工作 → X, Y, Z. 和 splits only the last item of a closed list (…、老干部和包村
 * 工作): with 等 the list is open and 和 belongs to a name (人力资源和社会保障等方面工作).
 */
function parseWorkAreas(text: string): string[] {
  const open = /等(方面)?工作$/.test(text);
  const items = text
    .replace(/等?(方面)?工作$/, '')
    .split('、')
    .map((s) => s.trim());
  if (!open && items.length > 1) items.push(...items.pop()!.split('和'));
  return items.filter(Boolean);
}

/**
 * 6号 writes every county bureau with its 县 but once: 分管人力资源和社会保障局. In the county
 * government's notice a …局 with no level in front is the county's own, so it gets the 县 (and
 * keeps the printed form as an alias, so the text still finds it).
 */
function countyUnitName(unit: { name: string; aliases: string[] }, body: UnitBody): { name: string; aliases: string[] } {
  if (body !== '县政府' || NEW_UNIT.test(unit.name) || !/局$/.test(unit.name)) return unit;
  return { name: `县${unit.name}`, aliases: [unit.name, ...unit.aliases] };
}

function leaderNamed(leaders: Map<string, GazetteLeader>, name: string): GazetteLeader {
  let leader = leaders.get(name);
  if (!leader) {
    leader = { name, rank: leaders.size + 1, duties: [] };
    leaders.set(name, leader);
  }
  return leader;
}

/** One entry per name; aliases seen in different places are merged. */
function registerUnit(units: Map<string, GazetteUnit>, name: string, aliases: string[], body: UnitBody): void {
  const known = units.get(name);
  if (known) {
    for (const alias of aliases) if (!known.aliases.includes(alias)) known.aliases.push(alias);
    return;
  }
  const { kind, parent } = classifyUnit(name, body);
  units.set(name, { name, aliases: [...new Set(aliases)], kind, ...(parent ? { parent } : {}) });
}

// ── Unit names ──────────────────────────────────────────────────────────────────────────────
// The notices write 县城市管理局（综合行政执法局）: the name the unit goes by, then its other
// names (一套人马、多块牌子). Brackets come full- and half-width, nested, and once unclosed.

const OPEN = '（';
const CLOSE = '）';
// Inside a bracket the other names never start with 县 or a higher level's name, so such a name
// after 、 means an unclosed bracket has ended: 县发展和改革委员会（…、国防动员办公室（人民防空
// 办公室）、县民政局 in 6号.
const NEW_UNIT = /^(县|平阴|济南市|山东|中国)/;

/** 「县财政局、县城市管理局（综合行政执法局）」 → one entry per unit, aliases flattened. */
export function parseUnitList(text: string): Array<{ name: string; aliases: string[] }> {
  return splitUnitItems(text.replace(/[(（]/g, OPEN).replace(/[)）]/g, CLOSE).replace(/\s+/g, ''))
    .map(parseUnitItem)
    .filter((unit) => unit.name !== '');
}

function splitUnitItems(s: string): string[] {
  const unmatched = unmatchedOpeners(s);
  const items: string[] = [];
  const open: number[] = [];
  let current = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === OPEN) open.push(i);
    else if (ch === CLOSE && open.length === 0)
      continue; // a stray closer: drop it
    else if (ch === CLOSE) open.pop();
    else if (ch === '、') {
      while (open.length > 0 && unmatched.has(open.at(-1)!) && NEW_UNIT.test(s.slice(i + 1))) {
        open.pop();
        current += CLOSE;
      }
      if (open.length === 0) {
        items.push(current);
        current = '';
        continue;
      }
    }
    current += ch;
  }
  items.push(current + CLOSE.repeat(open.length));
  return items.filter(Boolean);
}

/** Positions of the opening brackets the text never closes. */
function unmatchedOpeners(s: string): Set<number> {
  const open: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === OPEN) open.push(i);
    else if (s[i] === CLOSE) open.pop();
  }
  return new Set(open);
}

/** 县发展和改革委员会（A、B、国防动员办公室（人民防空办公室）） → aliases A, B, 国防动员办公室, 人民防空办公室. */
function parseUnitItem(item: string): { name: string; aliases: string[] } {
  let name = '';
  let inner = '';
  let depth = 0;
  const aliases: string[] = [];
  for (const ch of item) {
    if (ch === OPEN && depth++ === 0) continue;
    if (ch === CLOSE && --depth === 0) {
      for (const alias of parseUnitList(inner)) aliases.push(alias.name, ...alias.aliases);
      inner = '';
      continue;
    }
    if (depth > 0) inner += ch;
    else name += ch;
  }
  const relative = aliases.map((alias) => withoutSharedLevel(name, alias));
  return { name, aliases: [...new Set(relative)].filter((alias) => alias !== name) };
}

/**
 * Other names are written without the level they share with the unit, as in 6号's 县政府办公室
 * （研究室、大数据局）; 4号 writes 县政府办公室（县政府研究室、…）. Dropping the shared 县政府/县
 * makes the two notices give the office the same aliases.
 */
function withoutSharedLevel(name: string, alias: string): string {
  const level = ['县政府', '县'].find((p) => name.startsWith(p) && alias.startsWith(p) && alias.length > p.length + 1);
  return level ? alias.slice(level.length) : alias;
}

// ── Unit kinds ──────────────────────────────────────────────────────────────────────────────
// From the name alone, first rule that matches wins:
//  1. In the office's own notice (4号) a name without 县 is one of its 科室 (综合科, 督查室, 热线办)
//     or facilities (民兵训练基地) → internal_section, parent 县政府办公室.
//  2. 县政府 and 县政府办公室 → government_office.
//  3. …镇 / …街道 → township.
//  4. Bodies the county government does not own: courts and procuratorate, 人武部, vertically
//     managed services (税务, 人民银行, 气象, 烟草, 消防, 黄河水务) and branches of city bureaus
//     (济南市…平阴分局), financial and insurance institutions, pipeline operators → external.
//  5. 群团组织: 团县委, 总工会, 妇联, 残联, 文联, 科协, 侨联, 红十字会, 工商联 → mass_organisation.
//  6. …公司 (集团有限公司 included) → enterprise.
//  7. 事业单位: …中心, 馆, 台, 站, 所, 处, 社 (供销社) → institution.
//  8. 政府工作部门: …局, 委员会, 办公室, 办, 管委会, 委 → department.
//  Anything else → external: the notices name it but the county has no rule to place it.

const EXTERNAL = /人武部|法院|检察院|税务|人民银行|金融机构|保险机构|消防|气象|烟草|黄河水务|油气管道|^济南市|^中国/;
const MASS_ORGANISATION = /团县委|总工会|妇联|妇女联合会|残联|残疾人联合会|文联|科协|侨联|红十字会|工商联/;

export function classifyUnit(name: string, body: UnitBody): { kind: OrgUnitKind; parent?: string } {
  if (body === '县政府办公室' && !name.startsWith('县')) return { kind: 'internal_section', parent: '县政府办公室' };
  if (name === '县政府' || name === '县政府办公室' || /人民政府(办公室)?$/.test(name)) return { kind: 'government_office' };
  if (/(镇|街道|街道办事处)$/.test(name)) return { kind: 'township' };
  if (EXTERNAL.test(name)) return { kind: 'external' };
  if (MASS_ORGANISATION.test(name)) return { kind: 'mass_organisation' };
  if (/公司$/.test(name)) return { kind: 'enterprise' };
  if (/(中心|馆|台|站|所|处|社)$/.test(name)) return { kind: 'institution' };
  if (/(局|委员会|办公室|办|管委会|委)$/.test(name)) return { kind: 'department' };
  return { kind: 'external' };
}
