import type { GazetteDocument, GazetteWarning } from '../../../common/contracts/gazette.js';
import { readDocumentNumberLine } from '../../../common/document-number.js';
import { dateLine, isBlank, withoutLayoutSpaces, type Line } from './gazette-lines.js';
import { matchKey } from './outline.js';
import { isTocEntry, titleAt, withoutTocPage } from './titles.js';

/**
 * Text that belongs to no document of the gazette (docs/decisions/042): what stands before the
 * first document's title (the cover, the 目录, an editor's note), and what follows a document's
 * end before the next one's title (a document printed without its number, 本期责任编辑). None of
 * it is imported and none of it is dropped silently: each line is a warning, except what is
 * recognised, before the first document only, as the gazette's own header —
 *  - the masthead and issue (平阴县人民政府公报, 2023年第3期) are page furniture already;
 *  - the 目录 heading (目录, 目 录, 本期目录, 要目), and 目录 entries that name a document the
 *    reader found: its title or its number, or a piece of a title the 目录 wrapped, with dot
 *    leaders and a page number or without; an entry naming a document that was not found is
 *    reported like any other line;
 *  - the publisher's lines (青禾县人民政府办公室 主办, 主办：…, 编印：…).
 * A document printed without a number (an organ-led title, then a 成文日期 further down) is one
 * warning for all its lines: the library is keyed by number, so it is not imported.
 */
const TOC_HEADING = /^(本期)?(目录|要目)$/;
const PUBLISHER = /^(.{2,30}(主办|主管|编印|编辑|出版|印制)|(主办|主管|编印|编辑|出版|印制|承办)单位?[：:].*)$/;
const NOTE = /^[（(]\s*此件.*[）)]$/;
const OUTER_BRACKETS = /^[（(](.*)[）)]$/;

export function unclaimedText(lines: Line[], after: string | null, documents: GazetteDocument[]): GazetteWarning[] {
  const warnings: GazetteWarning[] = [];
  const where = after === null ? '第一份文件之前' : `${after} 之后`;
  for (let i = 0; i < lines.length; i++) {
    if (isBlank(lines[i])) continue;
    const unnumbered = documentWithoutNumber(lines, i);
    if (unnumbered) {
      const [first, last] = [lines[i].no, lines[unnumbered.end].no];
      warnings.push({
        line: first,
        document: null,
        field: 'number',
        message: `第 ${first} 行起的文件“${unnumbered.title}”没有文号，未导入（第 ${first}–${last} 行）；如需入库，请补上文号后重新导入`,
      });
      i = unnumbered.end;
      continue;
    }
    const text = withoutLayoutSpaces(lines[i].text);
    if (after === null && gazetteHeader(text, documents)) continue;
    warnings.push({
      line: lines[i].no,
      document: null,
      field: 'text',
      message: `${where}的这一行不属于任何文件，未导入：${text.slice(0, 40)}`,
    });
  }
  return warnings;
}

/** An organ-led title with a 成文日期 below it (and its 附注): the index of its last line. */
function documentWithoutNumber(lines: Line[], at: number): { title: string; end: number } | null {
  const title = titleAt(lines, at);
  if (!title) return null;
  let end = lines.findIndex((line, i) => i >= title.next && dateLine(line.text) !== null);
  if (end < 0) return null;
  for (let i = end + 1; i < lines.length && (isBlank(lines[i]) || NOTE.test(withoutLayoutSpaces(lines[i].text))); i++)
    if (!isBlank(lines[i])) end = i;
  return { title: title.title, end };
}

function gazetteHeader(text: string, documents: GazetteDocument[]): boolean {
  if (TOC_HEADING.test(text) || PUBLISHER.test(text)) return true;
  const entry = withoutTocPage(text);
  const number = readDocumentNumberLine(OUTER_BRACKETS.exec(entry)?.[1] ?? entry)?.number.text;
  if (number !== undefined) return documents.some((d) => d.number.text === number);
  const key = matchKey(entry);
  if (key.length < 4) return false;
  // A whole entry is the title; a wrapped one is a piece of it: the end, with the page number,
  // or the start, at least half of it.
  return documents.some((d) => {
    const title = matchKey(d.title);
    return isTocEntry(text) ? title.includes(key) : title.startsWith(key) && key.length * 2 >= title.length;
  });
}
