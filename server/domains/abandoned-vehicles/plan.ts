import type { CampaignPlan } from '../../../common/contracts/abandoned-vehicles.js';
import type { GazetteDocument } from '../../../common/contracts/gazette.js';

/**
 * Reads what a 废弃汽车专项治理工作方案 (平政办字〔2023〕7号) sets out for the campaign's
 * organisation, so the campaign page shows the plan's own words:
 *
 *   三、责任分工
 *   建立平阴县废弃汽车治理工作协调机制，县发展和改革局牵头，县委宣传部、…等为成员单位。
 *   县发展和改革局主要负责同志为召集人，…。主要负责组织…。协调机制办公室设在县发展和改革局，…。
 *   1. 县发展改革局负责组织制定…；统筹协调…；配合…。          ← one member's duties, split at ；
 *   四、（四）做好信息报送。…各镇(街道)、县直有关部门每月8日前汇总整理上月…情况(包括印发政策文件、
 *   …经验做法等)报县…办公室，2023年年底将…完成情况报送至县…办公室。
 *
 * Pure; returns the sentences it could not place in `unparsed`, so the importer refuses a plan it
 * only half read rather than show a mechanism with a member missing.
 */
export interface PlanReading {
  plan: CampaignPlan;
  unparsed: string[];
}

// 建立…协调机制，县发展和改革局牵头，A、B、…等为成员单位: the lead must be a unit's name, so a
// reworded 由…负责牵头 is reported, not taken for a unit.
const FOUNDING = /^建立(.+?协调机制)[，,]((?:县|市|平阴县)[^，,]+?(?:局|委|部|中心|院|办公室))牵头[，,](.+?)等?为成员单位$/;

export function readCampaignPlan(doc: GazetteDocument): PlanReading {
  // The gazette reader has joined the PDF's broken lines into paragraphs (5. 县委宣传部负责做好废弃汽车
  // 治理 ⏎⏎ 活动的宣传工作。); the plan is the 印发 notice's enclosure.
  const paragraphs = doc.enclosure?.paragraphs ?? doc.paragraphs;
  const unparsed: string[] = [];
  const section = (start: RegExp, end: RegExp) => {
    const from = paragraphs.findIndex((p) => start.test(p));
    if (from < 0) return [];
    const to = paragraphs.findIndex((p, i) => i > from && end.test(p));
    return paragraphs.slice(from + 1, to < 0 ? paragraphs.length : to);
  };

  const duties = section(/^三、责任分工$/, /^四、/);
  const mechanism = duties.find((p) => p.includes('协调机制') && p.includes('牵头')) ?? '';
  if (!mechanism) unparsed.push('三、责任分工：没有找到“协调机制……牵头”的段落');
  const sentences = mechanism.split('。').filter(Boolean);
  const founding = FOUNDING.exec(sentences[0] ?? '');
  if (mechanism && !founding) unparsed.push(sentences[0] ?? mechanism);
  const name = founding?.[1] ?? '';
  const lead = founding?.[2] ?? '';
  const memberNames = founding ? [lead, ...splitList(founding[3].replace(/等$/, ''))] : [];
  const sentenceWith = (pattern: RegExp, what: string) => {
    const found = sentences.find((s) => pattern.test(s));
    if (!found && mechanism) unparsed.push(`协调机制：没有找到${what}`);
    return found ? `${found}。` : '';
  };

  const members = memberNames.map((unit) => ({ unit, duties: [] as string[] }));
  for (const paragraph of duties) {
    const item = /^\d+[.．、]\s*(.+?)负责(.+)$/.exec(paragraph);
    if (!item) continue; // the mechanism paragraph, and the 镇（街道）/部门 headings, are not members' duties
    const member = members.find((m) => sameUnit(m.unit, item[1]));
    if (!member) {
      unparsed.push(`${item[1]}：不在协调机制成员单位之列`);
      continue;
    }
    member.duties.push(
      ...item[2]
        .replace(/。$/, '')
        .split(/[；;]/)
        .map((d) => d.replace(/^负责/, ''))
        .filter(Boolean),
    );
  }

  const reporting = readReporting(section(/^四、/, /^五、/), unparsed);
  return {
    plan: {
      sourceDoc: doc.number.text,
      coordination: {
        name,
        lead,
        convener: sentenceWith(/为召集人/, '召集人'),
        office: sentenceWith(/^协调机制办公室设在/, '协调机制办公室设在何处'),
        // 主要负责组织…, not 主要负责同志为召集人.
        remit: sentenceWith(/^主要负责(?!同志)/, '协调机制的职责（主要负责……）'),
        members,
      },
      reporting,
    },
    unparsed,
  };
}

// 每月8日前汇总整理上月…情况(包括…等)报…办公室，2023年年底将…完成情况报送至…办公室。
const MONTHLY = /[，,]?([^，,。]+?)每月(\d{1,2})日前汇总整理上月(.+?)[(（]包括(.+?)等[)）]报(.+?办公室)/;
const YEAR_END = /(\d{4}年年底)将(.+?)报送至(.+?办公室)/;

function readReporting(paragraphs: string[], unparsed: string[]): CampaignPlan['reporting'] {
  const text = paragraphs.find((p) => p.includes('月报送机制')) ?? '';
  const monthly = MONTHLY.exec(text);
  const yearEnd = YEAR_END.exec(text);
  if (!monthly) unparsed.push(`四、工作要求：没有读出月报的报送时间、内容和报送对象：${text || '（没有写“月报送机制”的段落）'}`);
  if (!yearEnd) unparsed.push(`四、工作要求：没有读出年底报送的时间、内容和报送对象：${text || '（同上）'}`);
  return {
    monthlyDueDay: monthly ? Number(monthly[2]) : 0,
    monthlyFrom: monthly?.[1] ?? '',
    monthlyTo: monthly?.[5] ?? '',
    monthlyContents: monthly ? splitList(monthly[4]) : [],
    yearEndDue: yearEnd?.[1] ?? '',
    yearEndContent: yearEnd?.[2] ?? '',
    yearEndTo: yearEnd?.[3] ?? '',
  };
}

/**
 * 印发政策文件、建立协调机制、法律法规修订、开展活动以及取得的工作成效、典型案例和经验做法 → seven
 * items: 、 separates, 以及 and the last 和 join the closing items.
 */
function splitList(text: string): string[] {
  const items = text.split(/、|以及/).map((s) => s.trim());
  const last = items.pop() ?? '';
  // 和 joins the list's last two items unless it sits inside a unit's name (县工业和信息化局).
  const joined = /^([^和]+)和([^和]+)$/.exec(last);
  if (joined && !/(局|委|部|中心|院|会)$/.test(joined[1])) items.push(joined[1], joined[2]);
  else items.push(last);
  return items.filter(Boolean);
}

/** 县发展和改革局 and 县发展改革局 are one unit: the plan writes both. */
const sameUnit = (a: string, b: string) => a.replace(/和/g, '') === b.replace(/和/g, '');
