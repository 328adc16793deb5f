/**
 * Quantitative targets in a target's words (docs/decisions/044): 全年数币消费笔数突破 2 万笔 →
 * 20000 笔; 数币金额突破1000万元 → 10000000 元; 覆盖率达到30% → 30 %. Each clause (between
 * commas and full stops) with a number and a counting word gives one measure, labelled by the
 * clause as printed, so the reader sees what the number counts. Years and dates are not counts.
 */
export interface Measure {
  label: string;
  quantity: number;
  unit: string;
}

const MULTIPLIER: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };
// The counting words the county's targets use; 年/月/日 are dates, never counts.
const COUNTING = '笔|元|%|％|家|条|个|所|辆|户|人|次|场|台|种|项|名|万人';
const QUANTITY = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(万|亿)?\\s*(${COUNTING})`);

export function measuresIn(text: string): Measure[] {
  const out: Measure[] = [];
  for (const raw of text.split(/[，,。；;]/)) {
    const clause = raw.trim();
    const m = QUANTITY.exec(clause);
    if (!m) continue;
    const quantity = Number(m[1]) * (m[2] ? MULTIPLIER[m[2]] : 1);
    const unit = m[3] === '％' ? '%' : m[3];
    out.push({ label: clause.replace(/\s+/g, ''), quantity, unit });
  }
  return out;
}
