import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { ReplyLetter } from './reply-letter.js';

/**
 * The reply letter laid out after GB/T 9704 (as the abandoned-vehicle notice is): title in 2号
 * 小标宋, number under it, body in 3号仿宋 with a two-character first-line indent, A4 with
 * 37/35/28/26 mm margins, signature and date at the right. To move onto the shared builder
 * (server/platform/docx/official-document.ts) when it lands; the content stays in reply-letter.ts.
 */
const MM = 56.7; // twips per millimetre
const BODY = { font: '仿宋_GB2312', size: 32 } as const;

const line = (text: string, options: { indent?: boolean; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({
    alignment: options.alignment,
    indent: options.indent ? { firstLine: 640 } : undefined,
    spacing: { line: 560 },
    children: [new TextRun({ text, ...BODY })],
  });

export async function replyLetterDocx(letter: ReplyLetter): Promise<Buffer> {
  const doc = new Document({
    creator: 'CivicGrid',
    title: `${letter.title} ${letter.number}`,
    sections: [
      {
        properties: {
          page: { size: { width: 210 * MM, height: 297 * MM }, margin: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM } },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [new TextRun({ text: letter.title, font: '方正小标宋简体', size: 44 })],
          }),
          line(letter.number, { alignment: AlignmentType.CENTER }),
          new Paragraph({ text: '' }),
          line(letter.addressee),
          ...letter.paragraphs.map((p) => line(p, { indent: true })),
          new Paragraph({ text: '' }),
          line(letter.signature, { alignment: AlignmentType.RIGHT }),
          line(letter.date, { alignment: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
