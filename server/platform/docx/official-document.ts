import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  RelativeHorizontalPosition,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import { chineseDate } from '../../../common/dates.js';

/**
 * 党政机关公文 laid out per GB/T 9704—2012, as a .docx: the library's documents, and the
 * disclosure domain's numbered reply letters (答复书), are both printed through it.
 *
 * What the standard fixes and this follows: A4, 天头 37 mm, 订口 28 mm, bottom 35 mm, right
 * 26 mm (版心 156 × 225 mm); 版头 with the organ's name (发文机关标志) in red 小标宋 and the number
 * (发文字号) centred under it, then a red separator line the width of the 版心; 主体 with the title
 * in 2号小标宋, 主送机关 flush left, 正文 in 3号仿宋 with a two-character first-line indent, 附件说明,
 * 落款 and 成文日期 at the right, 附注 in brackets; 版记 with 抄送 and 印发机关 / 印发日期 in 4号仿宋
 * between separator lines; page numbers in 4号宋体 as — 1 —, odd pages at the right, even pages
 * at the left; the 版记 at the foot of the last page. What it does not do: fit each page to exactly
 * 22 lines of 28 characters (Word reflows by its own metrics), or add a blank page so that the
 * 版记 falls on an even page (the pages are only known once a word processor lays them out).
 */
export interface OfficialDocumentContent {
  /**
   * 发文机关标志 as printed in red: 平阴县人民政府办公室 (the layout adds 文件). Null for a letter
   * sent without a 版头 (the disclosure reply letters): its number is then printed under the title.
   */
  organName: string | null;
  /** 发文字号: 平政办发〔2023〕5号; null for a letter without one. */
  number: string | null;
  title: string;
  /** 主送机关; for a reply to committee members, addresseeLabel names them (委员). */
  addressees: string[];
  addresseeLabel?: string | null;
  paragraphs: string[];
  /** 附件说明: the attachments' names as listed. */
  attachmentNotes: string[];
  /** 发文机关署名. */
  signature: string | null;
  /** 成文日期, YYYY-MM-DD. */
  dateWritten: string | null;
  /** 附注 as printed, brackets included: （此件公开发布）. */
  note: string | null;
  /** 附件 after the 主体, each on a page of its own. */
  appendices: OfficialAppendix[];
  copyTo: string[];
  /** 印发机关 and 印发日期 (YYYY-MM-DD) of the 版记; no 版记 line when both are null. */
  printedBy: string | null;
  printedOn: string | null;
}

export interface OfficialAppendix {
  /** As printed above it (附件 / 附件5); null for an enclosure printed under its title alone (a 印发 notice's 方案). */
  label: string | null;
  title: string;
  paragraphs: string[];
  tables: { header: string[]; rows: string[][] }[];
}

/** Millimetres in twips (1/1440 inch), whole: Word rounds, and a fraction in the XML is invalid. */
const mm = (n: number) => Math.round((n * 1440) / 25.4);
const TEXT_WIDTH = mm(156);
/** Font sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, and a 版头 name of 26 pt. */
const SIZE = { banner: 52, title: 44, body: 32, small: 28, table: 21 } as const;
const FANGSONG = '仿宋_GB2312';
const XIAOBIAOSONG = '方正小标宋简体';
const HEITI = '黑体';
const RED = 'FF0000';
/** 3号 text on a 28.95 pt grid (22 lines to the 版心), in twips. */
const LINE = 579;
const INDENT_2 = 640; // two 16 pt characters
const body = { font: FANGSONG, size: SIZE.body } as const;

const paragraph = (text: string, options: IParagraphOptions = {}, run: { font: string; size: number; color?: string } = body) =>
  new Paragraph({ spacing: { line: LINE }, ...options, children: [new TextRun({ text, ...run })] });
const blank = () => new Paragraph({ spacing: { line: LINE }, children: [] });
const rule = (size: number, color = '000000') => ({ style: BorderStyle.SINGLE, size, color, space: 1 });

function banner(c: OfficialDocumentContent): Paragraph[] {
  return [
    paragraph(
      `${c.organName}文件`,
      { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0, line: 800 } },
      { font: XIAOBIAOSONG, size: SIZE.banner, color: RED },
    ),
    blank(),
    // The number, and under it the red separator line (4 mm below, the width of the 版心).
    paragraph(c.number ?? '', {
      alignment: AlignmentType.CENTER,
      border: { bottom: rule(18, RED) },
      spacing: { line: LINE, after: mm(4) },
    }),
    blank(),
  ];
}

function main(c: OfficialDocumentContent): Paragraph[] {
  const out = [paragraph(c.title, { alignment: AlignmentType.CENTER }, { font: XIAOBIAOSONG, size: SIZE.title })];
  if (c.organName === null && c.number) out.push(paragraph(c.number, { alignment: AlignmentType.CENTER }));
  out.push(blank());
  if (c.addressees.length > 0) out.push(paragraph(`${c.addresseeLabel ? `${c.addresseeLabel}：` : ''}${c.addressees.join('，')}：`));
  for (const text of c.paragraphs) out.push(paragraph(text, { indent: { firstLine: INDENT_2 } }));
  if (c.attachmentNotes.length > 0) {
    out.push(blank());
    // 附件：1．… with the later names under the first (GB/T 9704 7.3.4).
    c.attachmentNotes.forEach((name, i) =>
      out.push(paragraph(`${i === 0 ? '附件：' : ''}${name}`, { indent: { left: INDENT_2 + (i === 0 ? 0 : 3 * 320), firstLine: 0 } })),
    );
  }
  out.push(blank(), blank());
  // 落款 and 成文日期 at the right, the date four characters in (GB/T 9704 7.3.5.1).
  if (c.signature) out.push(paragraph(c.signature, { alignment: AlignmentType.RIGHT, indent: { right: 4 * 320 } }));
  if (c.dateWritten) out.push(paragraph(chineseDate(c.dateWritten), { alignment: AlignmentType.RIGHT, indent: { right: 4 * 320 } }));
  if (c.note) out.push(paragraph(c.note, { indent: { left: INDENT_2 } }));
  return out;
}

function appendix(a: OfficialAppendix): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    ...(a.label === null ? [] : [paragraph(a.label, { pageBreakBefore: true }, { font: HEITI, size: SIZE.body }), blank()]),
    paragraph(a.title, { alignment: AlignmentType.CENTER, pageBreakBefore: a.label === null }, { font: XIAOBIAOSONG, size: SIZE.title }),
    blank(),
    ...a.paragraphs.map((text) => paragraph(text, { indent: { firstLine: INDENT_2 } })),
  ];
  for (const t of a.tables) {
    const widths = columnWidths(t.header, t.rows);
    const cell = (text: string, i: number, bold = false) =>
      new TableCell({
        width: { size: widths[i], type: WidthType.DXA },
        children: [new Paragraph({ children: [new TextRun({ text, font: FANGSONG, size: SIZE.table, bold })] })],
      });
    out.push(
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: widths,
        rows: [
          new TableRow({ tableHeader: true, children: t.header.map((h, i) => cell(h, i, true)) }),
          ...t.rows.map((r) => new TableRow({ children: t.header.map((_, i) => cell(r[i] ?? '', i)) })),
        ],
      }),
    );
  }
  return out;
}

/**
 * A table's column widths, in twips, in proportion to what each column holds: a 序号 narrow, a
 * 具体要求 wide. A column weighs its header, its cells' average length or a quarter of its longest cell,
 * between 2 and 40 characters; each column has room for three characters before the rest is
 * shared out (left to itself, a word processor gives every column the same width).
 */
export function columnWidths(header: string[], rows: string[][]): number[] {
  const floor = 600;
  const weights = header.map((h, i) => {
    const lengths = rows.map((r) => (r[i] ?? '').length);
    const average = lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 0;
    return Math.min(40, Math.max(2, h.length, average, Math.max(0, ...lengths) / 4));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const share = TEXT_WIDTH - floor * header.length;
  const widths = weights.map((w) => floor + Math.floor((share * w) / total));
  // Whole twips that add up to the 版心's width: the rounding's remainder goes to the widest.
  widths[weights.indexOf(Math.max(...weights))] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/**
 * 版记: 抄送 and 印发, 4号仿宋, between a thick first and last line and thin lines between, at the
 * foot of the last page (GB/T 9704 7.4: its last line is the page's last line). A table floated to
 * the bottom margin: the word processor puts it there on whichever page the text ends, and moves
 * text out of its way.
 */
function record(c: OfficialDocumentContent): (Table | Paragraph)[] {
  const small = { font: FANGSONG, size: SIZE.small };
  const lines: Paragraph[] = [];
  // keepNext: the 版记 is never split between two pages.
  if (c.copyTo.length > 0)
    lines.push(paragraph(`抄送：${c.copyTo.join('，')}。`, { indent: { left: 280, right: 280 }, keepNext: true }, small));
  if (c.printedBy || c.printedOn)
    lines.push(
      new Paragraph({
        spacing: { line: LINE },
        indent: { left: 280, right: 280 },
        tabStops: [{ type: 'right', position: TEXT_WIDTH - 560 }],
        children: [new TextRun({ text: `${c.printedBy ?? ''}\t${c.printedOn ? `${chineseDate(c.printedOn)}印发` : ''}`, ...small })],
      }),
    );
  if (lines.length === 0) return [];
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  return [
    // A paragraph between: a table straight after an appendix's table would be merged into it.
    blank(),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [TEXT_WIDTH],
      float: {
        horizontalAnchor: TableAnchorType.MARGIN,
        relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
        verticalAnchor: TableAnchorType.MARGIN,
        relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
      },
      borders: { top: rule(8), bottom: rule(8), insideHorizontal: rule(4), left: none, right: none, insideVertical: none },
      rows: lines.map((line) => new TableRow({ cantSplit: true, children: [new TableCell({ children: [line] })] })),
    }),
    // A floating table hangs on the paragraph after it: without one, a reader may drop it.
    new Paragraph({ children: [] }),
  ];
}

const pageNumber = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Footer({
    children: [
      new Paragraph({
        alignment,
        indent: { left: 280, right: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: '宋体', size: SIZE.small })],
      }),
    ],
  });

export async function officialDocumentDocx(c: OfficialDocumentContent): Promise<Buffer> {
  const doc = new Document({
    creator: 'CivicGrid',
    title: c.title,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
        children: [...(c.organName === null ? [] : banner(c)), ...main(c), ...c.appendices.flatMap(appendix), ...record(c)],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
