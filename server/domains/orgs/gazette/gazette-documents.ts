/**
 * Splits the county gazette (政府公报, data/seed/pingyin-2023-gazette.txt) into its official
 * documents. The gazette is plain text copied out of the PDFs, documents one after another:
 *
 *   平阴县人民政府办公室 关于调整县政府领导成员分工的通知      ← title
 *   平政办发〔2023〕6号                                        ← 发文字号 (document number)
 *   各镇人民政府，……：                                        ← body …
 *   平阴县人民政府办公室                                        ← issuer (落款)
 *   2023 年 9 月 28 日                                          ← date (成文日期)
 *   附件 …                                                      ← attachments, still the body
 *
 * Only the document-number line is reliable, so documents are found by it and everything else is
 * read relative to it. Kept free of any one document type: the document library, task tables and
 * proposal replies read the same split.
 */

export interface GazetteDocument {
  /** 发文字号, e.g. 平政办发〔2023〕6号. Not unique: one reply is sent to each proposer. */
  number: string;
  /** The line above the number, as printed ('平阴县人民政府办公室 关于…的通知'). */
  title: string;
  /** 落款: the line above the date line; null when the document has no date line. */
  issuer: string | null;
  /** 成文日期 as YYYY-MM-DD; null when the document has no date line. */
  issuedOn: string | null;
  /** Everything after the number line up to the next document, attachments included. */
  body: string;
  /** 1-based line of the title in the gazette (of the number line when there is no title). */
  startLine: number;
  /** 1-based line of the document's last non-blank line. */
  endLine: number;
}

// 发文字号 on a line of its own: 机关代字 (平政办发, 平政字, 平政办字 …) + 〔year〕 + 序号 + 号.
// Numbers cited inside sentences (（国办发〔2019〕54号）) never stand alone on a line.
const DOCUMENT_NUMBER = /^\s*([\p{Script=Han}]{2,10}[〔［[]\d{4}[〕］\]]\d{1,4}号)\s*$/u;

// 成文日期 in Arabic numerals, with or without the spaces the PDF layout leaves: 2023 年 9 月 28 日.
const DATE_LINE = /^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$/;

/** A line holding nothing but a date: the 成文日期 under the 落款. */
export const isDateLine = (line: string) => DATE_LINE.test(line);

export function splitGazette(text: string): GazetteDocument[] {
  const lines = text.split(/\r?\n/);
  const numberLines = lines.flatMap((line, i) => (DOCUMENT_NUMBER.test(line) ? [i] : []));
  const titleLines = numberLines.map((n, k) => findTitleLine(lines, n, k === 0 ? -1 : numberLines[k - 1]));

  return numberLines.map((numberLine, k) => {
    const titleLine = titleLines[k];
    const nextStart = k + 1 < numberLines.length ? (titleLines[k + 1] ?? numberLines[k + 1]) : lines.length;
    const bodyLines = lines.slice(numberLine + 1, nextStart);
    const signature = findSignature(bodyLines);
    return {
      number: DOCUMENT_NUMBER.exec(lines[numberLine])![1],
      title: titleLine === null ? '' : lines[titleLine].trim(),
      issuer: signature?.issuer ?? null,
      issuedOn: signature?.issuedOn ?? null,
      body: trimBlankLines(bodyLines).join('\n'),
      startLine: (titleLine ?? numberLine) + 1,
      endLine: lastNonBlank(lines, numberLine, nextStart) + 1,
    };
  });
}

/** The nearest non-blank line above the number, unless it belongs to the previous document's number. */
function findTitleLine(lines: string[], numberLine: number, previousNumberLine: number): number | null {
  for (let i = numberLine - 1; i > previousNumberLine; i--) {
    if (lines[i].trim() !== '') return i;
  }
  return null;
}

/**
 * The first full-line date after the number is the 成文日期; the line above it is the 落款.
 * Dates inside attachments (tables, 完成时限) come later or sit inside longer lines.
 */
function findSignature(bodyLines: string[]): { issuer: string | null; issuedOn: string } | null {
  const at = bodyLines.findIndex((line) => DATE_LINE.test(line));
  if (at < 0) return null;
  const [, year, month, day] = DATE_LINE.exec(bodyLines[at])!;
  const issuedOn = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  for (let i = at - 1; i >= 0; i--) {
    const line = bodyLines[i].trim();
    if (line !== '') return { issuer: line, issuedOn };
  }
  return { issuer: null, issuedOn };
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === '') start++;
  while (end > start && lines[end - 1].trim() === '') end--;
  return lines.slice(start, end);
}

function lastNonBlank(lines: string[], from: number, to: number): number {
  for (let i = to - 1; i > from; i--) if (lines[i].trim() !== '') return i;
  return from;
}
