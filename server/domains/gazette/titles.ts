import { dateLine, hasCells, isBlank, withoutLayoutSpaces, type Line } from './gazette-lines.js';

/**
 * What a document's title looks like (标题, GB/T 9704 7.3.1: 发文机关 + 关于 + 事由 + 文种), so the
 * reader can tell a title from the text around it: above a number, where a document without a
 * number starts, and a gazette's 目录 from the documents it lists.
 */

// 文种: what a title ends with.
export const GENRE = /(通知|决定|意见|方案|答复|批复|通报|报告|函|办法|规定|规划|细则|公告|通告|命令|令|议案|纪要|请示|要点|决议|公报)$/;
export const ORGAN_IN_TITLE = /^(.{2,30}?(?:人民政府办公室|人民政府|办公室|委员会|政府|局|委|办|部|中心|院))关于/;
export const MAX_TITLE_LINES = 3;

// A 目录 entry: the title, then dot leaders (…… ··· ....) and the page it starts on.
const TOC_PAGE = /(?:[.．·…⋯]{2,}|[—\-－]{2,})\s*\d{1,4}$/;

export const isTocEntry = (text: string) => TOC_PAGE.test(text.trim());
/** A 目录 entry without its leaders and page number. */
export const withoutTocPage = (text: string) => text.trim().replace(TOC_PAGE, '').trim();

/** A line that may be (part of) a title: short, no sentence end, no date, no table row. */
export function titleLike(raw: string): boolean {
  const text = withoutLayoutSpaces(raw);
  return (
    text.length > 0 &&
    text.length <= 60 &&
    !hasCells(raw) &&
    !isTocEntry(text) &&
    !/[。；;：:，,！？]$/.test(text) &&
    dateLine(text) === null &&
    !/^[（(]\s*此件/.test(text) &&
    !/^(附件|抄送|印发|联系人)/.test(text) &&
    !/印发$/.test(text)
  );
}

/**
 * Where a title above a number begins: title-like lines, at most three, back to a boundary. A
 * line that opens with its organ and 关于 (平阴县人民政府办公室关于…) is a title's first line, so
 * the lines above it (the 目录's last entry, the end of the document before) are not taken —
 * unless that line ends in 印发/转发/批转 and the organ-led line is the document it forwards.
 */
export function titleStart(lines: Line[], numberAt: number, previousNumberAt: number): number {
  let start = numberAt;
  let taken = 0;
  for (let i = numberAt - 1; i > previousNumberAt && taken < MAX_TITLE_LINES; i--) {
    if (isBlank(lines[i])) continue;
    if (!titleLike(lines[i].text)) break;
    if (taken > 0 && opensTitle(lines[start].text) && !/(印发|转发|批转)$/.test(withoutLayoutSpaces(lines[i].text))) break;
    start = i;
    taken++;
  }
  return start;
}

const opensTitle = (text: string) => ORGAN_IN_TITLE.test(withoutLayoutSpaces(text));

/**
 * A document's title starting at line `at` (an organ, 关于, and a 文种 within three lines): the
 * title and the index after its last line; null when the line opens no title. A title found so
 * where no number follows is a document printed without its number.
 */
export function titleAt(lines: Line[], at: number): { title: string; next: number } | null {
  if (!titleLike(lines[at].text) || !opensTitle(lines[at].text)) return null;
  let title = '';
  let taken = 0;
  for (let i = at; i < lines.length && taken < MAX_TITLE_LINES; i++) {
    if (isBlank(lines[i])) continue;
    if (!titleLike(lines[i].text)) return null;
    title += withoutLayoutSpaces(lines[i].text);
    taken++;
    if (GENRE.test(title)) return { title, next: i + 1 };
  }
  return null;
}

/** A notice that prints another text after its 落款 (印发/转发/批转…的通知): that text is its enclosure. */
export const enclosesText = (title: string) => /(印发|转发|批转)/.test(title);
