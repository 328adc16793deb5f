import type { GazetteDocument } from '../../../common/contracts/gazette.js';

/**
 * 智慧社区 pilots as a gazette document states them (平政办字〔2023〕9号, the reply to proposal
 * 1102097), read sentence by sentence, never typed in:
 *
 *   平阴县2022年遴选9个社区（榆山街道为锦源社区、…6个，锦水街道为…3个）参与省大数据局基础型智慧社区
 *   试点建设，…，2022年底9个社区通过基础型验收                        ← pilot year, tier reached
 *   2023年…新增榆山街道办事处锦川社区和安城镇新安里社区两处建设试点，…，其中锦川社区为我县下一步重点
 *   打造的标杆型智慧社区                                              ← pilot year, target tier
 *   重点打造锦川社区、锦源社区，争取完成1个成长型智慧社区建设          ← which one? left open, quoted
 *   协助新安里社区完成基础型社区指标建设                              ← target: still to complete 基础型
 *
 * A tier is only "reached" where the text says a community passed (通过…验收); a 2023 pilot
 * being built towards a tier has that tier as its target. A sentence that names a community and a
 * tier but follows none of these patterns is returned in `unparsed`, so the seed refuses the
 * text rather than leave a community's tier silently unset.
 */
export type SmartTier = '基础型' | '成长型' | '标杆型';

export interface SmartPilot {
  pilotYear: number | null;
  /** Reached (通过…验收). */
  tier: SmartTier | null;
  /** Being built towards. */
  targetTier: SmartTier | null;
  /** What the text leaves open, quoted. */
  note: string | null;
  source: string;
}

export interface SmartPilotReading {
  pilots: Map<string, SmartPilot>;
  unparsed: string[];
}

const TIER = '(基础型|成长型|标杆型)';
const COUNT = '(\\d+|[一二两三四五六七八九十]+)';
const SELECTED = new RegExp(`(\\d{4})年遴选${COUNT}个社区[（(](.+?)[）)]参与.*?${TIER}智慧社区试点`);
const ACCEPTED = new RegExp(`(\\d{4})年底${COUNT}个社区通过${TIER}验收`);
const ADDED = new RegExp(`(\\d{4})年.*?新增(.+?)${COUNT}处建设试点`);
const TARGET = new RegExp(`其中(\\p{Script=Han}+?社区)为[^，,]*?打造的${TIER}智慧社区`, 'u');
const ASSIST = new RegExp(`^协助(.+?)完成${TIER}`);
const CONTEND = new RegExp(`^重点打造(.+?)[，,]争取完成${COUNT}个${TIER}智慧社区建设$`);

export function readSmartPilots(doc: GazetteDocument, communities: readonly string[]): SmartPilotReading {
  const pilots = new Map<string, SmartPilot>();
  const unparsed: string[] = [];
  const pilot = (name: string) => {
    let p = pilots.get(name);
    if (!p) pilots.set(name, (p = { pilotYear: null, tier: null, targetTier: null, note: null, source: doc.number.text }));
    return p;
  };
  const named = (text: string) => communities.filter((c) => text.includes(c));

  for (const sentence of doc.text.replace(/\s+/g, '').split(/[。；;：:]/)) {
    const mentioned = named(sentence);
    if (mentioned.length === 0 || !new RegExp(TIER).test(sentence)) continue; // no statement of a community's tier
    let read = false;

    const selected = SELECTED.exec(sentence);
    if (selected) {
      const cohort = named(selected[3]);
      if (cohort.length !== countOf(selected[2])) {
        unparsed.push(`${sentence}（写明${selected[2]}个社区，列出${cohort.length}个）`);
        continue;
      }
      for (const name of cohort) pilot(name).pilotYear = Number(selected[1]);
      const accepted = ACCEPTED.exec(sentence);
      if (accepted && countOf(accepted[2]) === cohort.length) {
        for (const name of cohort) pilot(name).tier = accepted[3] as SmartTier;
      } else if (accepted) unparsed.push(`${sentence}（通过验收的社区数与遴选数不符）`);
      read = true;
    }
    const added = ADDED.exec(sentence);
    if (added) {
      const names = named(added[2]);
      if (names.length !== countOf(added[3])) unparsed.push(`${sentence}（写明${added[3]}处，列出${names.length}个）`);
      for (const name of names) pilot(name).pilotYear = Number(added[1]);
      read = true;
    }
    const target = TARGET.exec(sentence);
    if (target && communities.includes(target[1])) {
      pilot(target[1]).targetTier = target[2] as SmartTier;
      read = true;
    }
    const assist = ASSIST.exec(sentence);
    if (assist) {
      for (const name of named(assist[1])) pilot(name).targetTier = assist[2] as SmartTier;
      read = true;
    }
    const contend = CONTEND.exec(sentence);
    if (contend) {
      const names = named(contend[1]);
      const open = countOf(contend[2]) < names.length;
      for (const name of names) {
        const p = pilot(name);
        // Fewer places than communities named: which of them is not said. Quote, do not guess.
        if (open) p.note = `“${sentence}”：未写明哪个社区争创${contend[3]}`;
        else if (!p.targetTier) p.targetTier = contend[3] as SmartTier;
      }
      read = true;
    }
    if (!read) unparsed.push(sentence);
  }
  return { pilots, unparsed };
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
/** 9 → 9, 两 → 2, 十一 → 11. */
function countOf(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 1) return CHINESE_DIGITS[text] ?? NaN;
  const [tens, ones] = text.split('十');
  return (tens ? CHINESE_DIGITS[tens] : 1) * 10 + (ones ? CHINESE_DIGITS[ones] : 0);
}
