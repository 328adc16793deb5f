import { officialDocumentDocx } from '../../platform/docx/official-document.js';
import type { ReplyLetter } from './reply-letter.js';

/**
 * The reply letter laid out by the shared GB/T 9704 builder, as the library's documents are. A
 * letter to one applicant has no 版头 (organName null: its number goes under the title), no
 * attachments and no 版记; its words are in reply-letter.ts.
 */
export function replyLetterDocx(letter: ReplyLetter): Promise<Buffer> {
  return officialDocumentDocx({
    organName: null,
    number: letter.number,
    title: letter.title,
    addressees: [letter.addressee],
    paragraphs: letter.paragraphs,
    attachmentNotes: [],
    signature: letter.signature,
    dateWritten: letter.dateWritten,
    note: null,
    appendices: [],
    copyTo: [],
    printedBy: null,
    printedOn: null,
  });
}
