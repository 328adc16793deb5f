import type { GazettePhase } from '../../../common/contracts/gazette.js';
import { readDeadline } from './deadlines.js';
import { isoDay } from './gazette-lines.js';
import type { Paragraph } from './paragraphs.js';

/**
 * A plan's phases (工作安排): 1. 全面排查阶段（2023年9月10日前完成）。… / （一）全面启动阶段（2023年1月-
 * 2023年6月）… — a numbered paragraph whose heading ends in 阶段, its dates in brackets. The end
 * is the deadline; a start given only as a month is that month's first day.
 */
const PHASE = /^(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十]{1,3}[)）])\s*([\p{Script=Han}]{2,16}阶段)\s*[（(]([^（）()]{4,40})[)）]/u;
const START = /^(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?/;

export function readPhases(paragraphs: Paragraph[], year: number | null): GazettePhase[] {
  const phases: GazettePhase[] = [];
  for (const paragraph of paragraphs) {
    const m = PHASE.exec(paragraph.text);
    if (!m) continue;
    const [, name, dates] = m;
    const [from, to] = dates.split(/至|到|—|－|-|~|～/);
    const startYear = /^(\d{4})年/.exec(dates)?.[1];
    const start = to === undefined ? null : startOf(from, startYear ? Number(startYear) : year);
    const end = readDeadline(to ?? from, startYear ? Number(startYear) : year);
    phases.push({
      seq: phases.length + 1,
      name,
      start,
      end: end === 'ongoing' ? null : end,
      dates,
      text: paragraph.text,
      line: paragraph.line,
    });
  }
  return phases;
}

function startOf(text: string, year: number | null): string | null {
  const m = START.exec(text.trim());
  const y = m?.[1] ? Number(m[1]) : year;
  return m && y !== null ? isoDay(y, Number(m[2]), m[3] ? Number(m[3]) : 1) : null;
}
