import { isoDay, monthEnd, withoutLayoutSpaces } from './gazette-lines.js';

/**
 * 完成时限 as task tables and plans write it, read into a day: 2023年12月底前 → 2023-12-31,
 * 2023年6月底前 → 2023-06-30, 2023年9月10日前完成 → 2023-09-10, 年底前 → the year's last day,
 * 上半年/三季度/全年 → the period's last day, 长期坚持 → 'ongoing'. A text without a year takes
 * the document's. Anything else is not guessed: the reader returns null and the importer reports
 * the text.
 */
export type Deadline = string | 'ongoing';

const ONGOING = /^(长期坚持|长期|持续推进|持续开展|常态化(开展|推进)?|持续|常年)$/;
const YEAR = '(?:(\\d{4})年)?';
const BEFORE = '(?:前|以前|之前)?(?:完成)?';
const DAY = new RegExp(`^${YEAR}(\\d{1,2})月(\\d{1,2})日${BEFORE}$`);
const MONTH_END = new RegExp(`^${YEAR}(\\d{1,2})月(?:底|末|份|)${BEFORE}$`);
const MONTH_PART = new RegExp(`^${YEAR}(\\d{1,2})月(上旬|中旬|下旬)${BEFORE}$`);
const YEAR_END = new RegExp(`^${YEAR}(?:年底|年末|底|全年)${BEFORE}$`);
const PERIOD = new RegExp(`^${YEAR}(上半年|下半年|第?[一二三四1-4]季度)(?:末)?${BEFORE}$`);
// A range (9月11日至10月31日, 2023年1月-2023年6月): the deadline is its end.
const RANGE = /^(.+?)(?:至|到|—|－|-|~|～)(.+)$/;

const QUARTER_END: Record<string, number> = { 一: 3, 1: 3, 二: 6, 2: 6, 三: 9, 3: 9, 四: 12, 4: 12 };

export function readDeadline(text: string, defaultYear: number | null): Deadline | null {
  const plain = withoutLayoutSpaces(text).replace(/[。；;，,]$/, '');
  if (plain === '') return null;
  if (ONGOING.test(plain)) return 'ongoing';
  const range = RANGE.exec(plain);
  if (range) {
    const startYear = /^(\d{4})年/.exec(range[1])?.[1];
    return readDeadline(range[2], startYear ? Number(startYear) : defaultYear);
  }
  const yearOf = (printed: string | undefined) => (printed ? Number(printed) : defaultYear);

  let m = DAY.exec(plain);
  if (m) return withYear(yearOf(m[1]), (y) => isoDay(y, Number(m![2]), Number(m![3])));
  m = MONTH_PART.exec(plain);
  if (m) {
    const [, y, month, part] = m;
    return withYear(yearOf(y), (year) =>
      part === '下旬' ? monthEnd(year, Number(month)) : isoDay(year, Number(month), part === '上旬' ? 10 : 20),
    );
  }
  m = MONTH_END.exec(plain);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return withYear(yearOf(m[1]), (y) => monthEnd(y, Number(m![2])));
  m = YEAR_END.exec(plain);
  if (m) return withYear(yearOf(m[1]), (y) => `${y}-12-31`);
  m = PERIOD.exec(plain);
  if (m) {
    const period = m[2];
    const month = period === '上半年' ? 6 : period === '下半年' ? 12 : QUARTER_END[period.replace(/第|季度/g, '')];
    return withYear(yearOf(m[1]), (y) => monthEnd(y, month));
  }
  return null;
}

function withYear(year: number | null, day: (year: number) => string | null): string | null {
  return year === null ? null : day(year);
}

/** A cell or phrase that is a deadline (so a table row whose columns slipped can still be read). */
export const looksLikeDeadline = (text: string) => readDeadline(text, 2000) !== null;
