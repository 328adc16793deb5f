import type { GazetteDocument, GazetteWarning } from '../../../common/contracts/gazette.js';
import { readDocumentNumberLine, type ReadNumber } from '../../../common/document-number.js';
import { readDocumentBody } from './document-sections.js';
import { gazetteLines, isBlank, withoutLayoutSpaces, type Line } from './gazette-lines.js';
import { matchKey } from './outline.js';
import { GENRE, ORGAN_IN_TITLE, titleStart } from './titles.js';
import { unclaimedText } from './unclaimed-text.js';

/**
 * Splits a gazette (政府公报) text into its documents and reads each one (docs/decisions/042).
 *
 * A document is found by its 发文字号 standing on a line of its own; its title is the line or
 * lines just above. Everything else is read relative to those two. The same number printed more
 * than once is one document: the seed prints 平政办字〔2023〕9号 three times, once for each of the
 * three proposers it answers. What the reader could not read, or a person must decide, goes into
 * the warnings with its line; nothing is dropped silently: text that belongs to no document (the
 * cover and 目录 before the first, a document printed without a number) is reported line by line
 * (unclaimed-text.ts).
 */
export interface GazetteReading {
  documents: GazetteDocument[];
  warnings: GazetteWarning[];
  furnitureLines: number;
}

export function readGazette(text: string): GazetteReading {
  const { lines, furniture } = gazetteLines(text);
  const numbered = lines.flatMap((line, i) => {
    const read = readDocumentNumberLine(line.text);
    return read ? [{ at: i, read }] : [];
  });
  if (numbered.length === 0) {
    const message = '公报中没有找到单独成行的发文字号（如“平政办发〔2023〕5号”），没有读出任何文件';
    return { documents: [], warnings: [{ line: null, document: null, field: 'number', message }], furnitureLines: furniture };
  }

  const starts = numbered.map(({ at }, k) => titleStart(lines, at, k === 0 ? -1 : numbered[k - 1].at));
  const copies = numbered.map(({ at, read }, k) => {
    const end = k + 1 < numbered.length ? starts[k + 1] : lines.length;
    return readOne(lines, starts[k], at, end, read);
  });
  const warnings: GazetteWarning[] = [];
  const documents = mergeCopies(copies, warnings);
  // The cover and 目录 first, then the documents' own warnings, then what lies between them.
  const before = unclaimedText(lines.slice(0, starts[0]), null, documents);
  const between = copies.flatMap((copy) => unclaimedText(copy.unclaimed, copy.document.number.text, documents));
  return { documents, warnings: [...before, ...warnings, ...between], furnitureLines: furniture };
}

interface Copy {
  document: GazetteDocument;
  warnings: GazetteWarning[];
  /** The lines up to the next document's title that are not this document's. */
  unclaimed: Line[];
}

function readOne(lines: Line[], start: number, numberAt: number, end: number, read: ReadNumber): Copy {
  const number = read.number;
  const warnings: GazetteWarning[] = [];
  const warn = (line: number | null, field: string, message: string) => warnings.push({ line, document: number.text, field, message });
  for (const problem of read.problems)
    warn(lines[numberAt].no, 'number', `发文字号“${lines[numberAt].text.trim()}”不合 GB/T 9704：${problem}`);

  const titleLines = lines.slice(start, numberAt).filter((line) => !isBlank(line));
  const title = withoutLayoutSpaces(titleLines.map((line) => line.text.trim()).join(''));
  if (title === '') warn(lines[numberAt].no, 'title', '发文字号上方没有标题');
  else if (!GENRE.test(title)) warn(titleLines[0].no, 'title', `标题“${title}”没有以文种（通知、方案、答复……）结尾，请核对`);

  const region = lines.slice(numberAt + 1, end);
  const { body, claimed } = readDocumentBody(region, { title, year: number.year }, warn);
  const organ = ORGAN_IN_TITLE.exec(title)?.[1] ?? body.signature;
  if (organ === null) warn(lines[numberAt].no, 'organ', '标题和落款中都没有发文机关');
  const last = [lines[numberAt], ...region.slice(0, claimed)].filter((line) => !isBlank(line)).at(-1)!;
  return {
    document: { number, organ, title, ...body, startLine: (titleLines[0] ?? lines[numberAt]).no, endLine: last.no },
    warnings,
    unclaimed: region.slice(claimed),
  };
}

/**
 * One number, one document. Copies with the same title are one document sent to several
 * addressees (a reply to each of a proposal's proposers): the first copy is read, and its
 * warnings stand for all. A copy with another title under the same number is a conflict a person
 * must look at, and is left out.
 */
function mergeCopies(read: Copy[], warnings: GazetteWarning[]): GazetteDocument[] {
  const byNumber = new Map<string, Copy[]>();
  for (const copy of read) byNumber.set(copy.document.number.text, [...(byNumber.get(copy.document.number.text) ?? []), copy]);
  return [...byNumber.values()].map(([{ document: first, warnings: own }, ...rest]) => {
    warnings.push(...own);
    const others = rest.map((copy) => copy.document);
    if (others.length === 0) return first;
    const same = others.filter((copy) => matchKey(copy.title) === matchKey(first.title));
    for (const copy of others.filter((c) => !same.includes(c))) {
      warnings.push({
        line: copy.startLine,
        document: first.number.text,
        field: 'number',
        message: `第 ${copy.startLine} 行的“${copy.title}”与第 ${first.startLine} 行的“${first.title}”文号相同而标题不同，未导入，请核对文号`,
      });
    }
    if (same.length === 0) return first;
    const all = [first, ...same];
    const addressees = [...new Set(all.flatMap((copy) => copy.addressees))];
    const differing = all.slice(1).filter((copy) => copy.paragraphs.join('\n') !== first.paragraphs.join('\n')).length;
    warnings.push({
      line: first.startLine,
      document: first.number.text,
      field: 'addressees',
      message:
        `${first.number.text} 在公报中出现 ${all.length} 次（第 ${all.map((c) => c.startLine).join('、')} 行），` +
        `分别致 ${all.map((c) => c.addressees.join('、') || '（无主送）').join('；')}：作为一份文件、${addressees.length} 个收件人导入` +
        (differing > 0 ? `；其中 ${differing} 份的正文与第一份有文字差异，以第一份为准` : ''),
    });
    return { ...first, addressees, endLine: all.at(-1)!.endLine };
  });
}
