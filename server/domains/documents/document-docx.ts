import type { GazetteAttachment } from '../../../common/contracts/gazette.js';
import { notFound } from '../../platform/errors.js';
import { officialDocumentDocx, type OfficialDocumentContent } from '../../platform/docx/official-document.js';
import type { DocumentsDeps } from './documents.service.js';
import type { DocumentRow } from './documents.repository.js';

/** A library document as GB/T 9704 lays it out (platform/docx/official-document.ts). */
export function officialContentOf(row: DocumentRow): OfficialDocumentContent {
  const organ = row.organ ?? row.signature ?? '';
  return {
    organName: organ,
    number: row.number,
    title: row.title,
    addressees: row.addressees,
    addresseeLabel: row.addressee_role,
    paragraphs: row.paragraphs,
    attachmentNotes: row.attachment_notes,
    signature: row.signature,
    dateWritten: row.date_written,
    note: row.note,
    appendices: [
      ...(row.enclosure ? [{ label: null, title: row.enclosure.title, paragraphs: row.enclosure.paragraphs, tables: [] }] : []),
      ...(row.attachments as GazetteAttachment[]).map((a) => ({
        label: a.label ? `附件${a.label}` : '附件',
        title: a.title,
        paragraphs: a.paragraphs,
        tables: a.tables.map((t) => ({ header: t.header, rows: t.rows })),
      })),
    ],
    copyTo: row.copy_to,
    // 印发机关 is the office that prints it; the library knows the issuing organ, which for a county's documents is it.
    printedBy: organ || null,
    printedOn: row.published_on ?? row.date_written,
  };
}

/** The .docx of a published document, and the name it is saved under (平政办发〔2023〕5号.docx). */
export async function publishedDocumentDocx(deps: DocumentsDeps, id: number) {
  const row = await deps.documents.byId(id, true);
  if (!row) throw notFound('文件');
  return { fileName: `${row.number}.docx`, content: await officialDocumentDocx(officialContentOf(row)) };
}
