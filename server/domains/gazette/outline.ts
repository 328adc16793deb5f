import type { Paragraph } from './paragraphs.js';

/**
 * The heading tree of a 要点 or 方案 (一、… → （一）…。), with the text under each second-level
 * heading. A task breakdown table repeats the 要点's sentences row by row; where the PDF put a
 * merged heading cell on the wrong row, the outline says which heading a row's text belongs to.
 */
export interface OutlineSection {
  level1: string | null;
  level2: string;
  /** The section's text without spaces and punctuation, for matching. */
  key: string;
}

const LEVEL1 = /^[一二三四五六七八九十]+、(.+)$/;
const LEVEL2 = /^[（(][一二三四五六七八九十]+[)）]\s*(.+)$/;

/** Text reduced to what matching should compare: no spaces, no punctuation. */
export const matchKey = (text: string) => text.replace(/[\s\p{P}\p{S}]/gu, '');

export function readOutline(paragraphs: Paragraph[]): OutlineSection[] {
  const sections: Array<OutlineSection & { parts: string[] }> = [];
  let level1: string | null = null;
  for (const { text } of paragraphs) {
    const one = LEVEL1.exec(text);
    if (one) {
      level1 = headingOf(one[1]);
      continue;
    }
    const two = LEVEL2.exec(text);
    if (two) sections.push({ level1, level2: headingOf(two[1]), key: '', parts: [two[1]] });
    else sections.at(-1)?.parts.push(text);
  }
  return sections.map(({ parts, ...section }) => ({ ...section, key: matchKey(parts.join('')) }));
}

/** A heading is its text up to the first full stop: （一）深化重点领域信息公开。聚焦… → 深化重点领域信息公开. */
function headingOf(text: string): string {
  return text.split(/[。]/)[0].trim();
}

/**
 * The section whose text holds a row's requirement: a window of its words must appear in exactly
 * one section; several windows are tried, since the table and the text differ in small ways.
 */
export function sectionHolding(outline: OutlineSection[], text: string): OutlineSection | null {
  const key = matchKey(text);
  for (const offset of [0, 10, 20, 30]) {
    const window = key.slice(offset, offset + 12);
    if (window.length < 12) break;
    const found = outline.filter((section) => section.key.includes(window));
    if (found.length === 1) return found[0];
  }
  return null;
}

/** The section a heading names, by its words: a table's 工作任务 cell against the outline. */
export function headingLevel(outline: OutlineSection[], label: string): 1 | 2 | null {
  const key = matchKey(label);
  if (outline.some((section) => matchKey(section.level2) === key)) return 2;
  if (outline.some((section) => section.level1 !== null && matchKey(section.level1) === key)) return 1;
  return null;
}
