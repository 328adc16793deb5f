import { isPageFurniture } from './page-furniture.js';

/** One line of the gazette as the parser reads it: its text and its 1-based line number. */
export interface Line {
  text: string;
  no: number;
}

/**
 * The gazette's lines, ready to read: CRLF and CR line ends, the byte-order mark, no-break and
 * ideographic spaces made plain, full-width digits (２０２１年３月５日, 青政发〔２０２１〕２号) made
 * ASCII, and page furniture taken out (counted for the report). Blank lines stay, as text: the
 * parser decides where they matter.
 */
export function gazetteLines(text: string): { lines: Line[]; furniture: number } {
  const lines: Line[] = [];
  let furniture = 0;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      // Trailing tabs stay: they are a table row's empty cells (提案案由⇥⇥⇥⇥).
      const line = raw
        .replace(/[\u00A0\u3000]/g, ' ')
        .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
        .replace(/[^\S\t]+$/, '');
      if (isPageFurniture(line)) furniture++;
      else lines.push({ text: line, no: i + 1 });
    });
  return { lines, furniture };
}

export const isBlank = (line: Line) => line.text.trim() === '';

/**
 * A table row's cells are tab-separated: a tab after some text (序号⇥工作任务, 提案案由⇥⇥). Tabs
 * before a line's text are only its indent (⇥柳泉镇人民政府 as a word processor copies it).
 */
export const hasCells = (text: string) => /\S\t/.test(text);

/**
 * Spaces a PDF's layout leaves inside Chinese text (2023 年 9 月 28 日, 互为 AB 角, a title broken
 * across lines) are not words apart: drop whitespace next to any non-ASCII character.
 */
export const withoutLayoutSpaces = (text: string) => text.replace(/\s+(?=[^\x00-\x7F])|(?<=[^\x00-\x7F])\s+/g, '').trim();

const HAN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 二〇二三 → 2023 (digit by digit); 二十八 → 28; 十二 → 12. */
function hanNumber(text: string, digitByDigit: boolean): number {
  if (digitByDigit) return Number([...text].map((c) => HAN_DIGITS[c]).join(''));
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text];
  return (text.includes('十') ? (tens === '' ? 1 : HAN_DIGITS[tens]) * 10 : 0) + (ones === '' ? 0 : HAN_DIGITS[ones]);
}

const ARABIC_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const HAN_DATE = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$/;

/**
 * A line holding nothing but a date, as 成文日期 is printed: 2023年7月28日, 2023 年 9 月 28 日, or
 * in Chinese numerals (二〇二三年七月二十八日, GB/T 9704—1999). Returns YYYY-MM-DD, or null.
 */
export function dateLine(text: string): string | null {
  const trimmed = text.trim();
  const arabic = ARABIC_DATE.exec(trimmed);
  const han = arabic ? null : HAN_DATE.exec(withoutLayoutSpaces(trimmed));
  if (!arabic && !han) return null;
  const [year, month, day] = arabic
    ? [Number(arabic[1]), Number(arabic[2]), Number(arabic[3])]
    : [hanNumber(han![1], true), hanNumber(han![2], false), hanNumber(han![3], false)];
  return isoDay(year, month, day);
}

/** YYYY-MM-DD for a real day, or null (2月30日 is not one). */
export function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** The last day of a month, YYYY-MM-DD. */
export const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
