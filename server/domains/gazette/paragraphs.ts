import { hasCells, isBlank, withoutLayoutSpaces, type Line } from './gazette-lines.js';

/**
 * Paragraphs from the PDF's lines. A copied PDF breaks lines where the page was full, not where
 * the writer did, and puts blank lines anywhere; so a paragraph runs on until a line ends a
 * sentence (。；：！？) or the next line opens a heading (一、 （二） 3. （4） 首先 …). A short
 * section heading without a full stop (一、总体要求, （三）建立…机制) is a paragraph of its own; a
 * numbered item cut short by the page (5. 县委宣传部负责做好废弃汽车治理 ⏎ 活动的宣传工作。) is not.
 */
export interface Paragraph {
  text: string;
  line: number;
}

const HEADING =
  /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|第[一二三四五六七八九十]+[，、]|首先[，,]|其次[，,]|最后[，,])/;
const ENDS_SENTENCE = /(?:[。；;：:！!？?]|[。！？][”」）)])$/;

const SECTION_HEADING = /^(?:[一二三四五六七八九十]+、\S{2,16}|[（(][一二三四五六七八九十]+[)）]\S{2,24})$/;

export const opensHeading = (text: string) => HEADING.test(text.trim());

export function joinParagraphs(lines: Line[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  const flush = () => {
    if (current && current.text !== '') paragraphs.push({ text: withoutLayoutSpaces(current.text), line: current.line });
    current = null;
  };
  for (const line of lines) {
    if (isBlank(line)) continue;
    const text = line.text.trim();
    if (hasCells(line.text)) {
      flush();
      continue;
    }
    if (opensHeading(text)) flush();
    if (current) current.text += text;
    else current = { text, line: line.no };
    if (ENDS_SENTENCE.test(text) || SECTION_HEADING.test(withoutLayoutSpaces(current.text))) flush();
  }
  flush();
  return paragraphs;
}
