import type { DocumentDetail, DocumentItem, OpenDocumentDetail, OpenDocumentItem } from '../../../common/contracts/documents.js';
import type { GazetteAttachment } from '../../../common/contracts/gazette.js';
import { highlightedSnippet } from '../../platform/search/snippet.js';
import type { DocumentFileRow, InterpretationRow, WithdrawalRow } from './document-extras.repository.js';
import type { DocumentListRow, DocumentRow } from './documents.repository.js';

/** The catalogue's fields of a document (number, 索引号, dates, 有效性, themes), alike in a list and on its page. */
const presentCatalogue = (row: DocumentListRow | DocumentRow) => ({
  id: row.id,
  number: row.number,
  title: row.title,
  dateWritten: row.date_written,
  organ: row.organ,
  indexNumber: row.index_number,
  publishedOn: row.published_on,
  validity: row.validity,
  themes: row.themes,
});

/** A list row as the public column shows it: the snippet around the query's words, marked and escaped. */
export function presentOpenItem(row: DocumentListRow, terms: string[]): OpenDocumentItem {
  return { ...presentCatalogue(row), snippet: highlightedSnippet(row.body_text, terms) };
}

export function presentItem(row: DocumentListRow, terms: string[]): DocumentItem {
  return {
    ...presentOpenItem(row, terms),
    disclosure: row.disclosure,
    isPolicy: row.is_policy,
    isNormative: row.is_normative,
    interpretationCount: Number(row.interpretation_count ?? 0),
  };
}

const presentFile = (f: DocumentFileRow) => ({ id: f.id, fileName: f.file_name, mime: f.mime, size: f.size });

type PrintedRow = Pick<
  DocumentRow,
  'addressees' | 'addressee_role' | 'paragraphs' | 'attachment_notes' | 'signature' | 'note' | 'copy_to' | 'enclosure' | 'attachments'
>;

/** What the document says as printed: the library's page, the public's and the gazette issue's print view. */
export function presentPrintedText(row: PrintedRow) {
  return {
    addressees: row.addressees,
    addresseeRole: row.addressee_role,
    paragraphs: row.paragraphs,
    attachmentNotes: row.attachment_notes,
    signature: row.signature,
    note: row.note,
    copyTo: row.copy_to,
    enclosure: row.enclosure,
    attachments: (row.attachments as GazetteAttachment[]).map((a) => ({
      label: a.label,
      title: a.title,
      paragraphs: a.paragraphs,
      tables: a.tables.map((t) => ({ title: t.title, header: t.header, rows: t.rows })),
    })),
  };
}

/** What the document says, its files and interpretations (each with its pictures). */
function presentText(row: DocumentRow, interpretations: InterpretationRow[], files: DocumentFileRow[]) {
  return {
    ...presentPrintedText(row),
    files: files.filter((f) => f.interpretation_id === null).map(presentFile),
    interpretations: interpretations.map((i) => ({
      id: i.id,
      kind: i.kind,
      title: i.title,
      body: i.body,
      qa: i.qa,
      url: i.url,
      pictures: files.filter((f) => f.interpretation_id === i.id).map(presentFile),
    })),
  };
}

export function presentOpenDetail(row: DocumentRow, interpretations: InterpretationRow[], files: DocumentFileRow[]): OpenDocumentDetail {
  return {
    ...presentCatalogue(row),
    validityOn: row.validity_on,
    isPolicy: row.is_policy,
    ...presentText(row, interpretations, files),
  };
}

export function presentDetail(
  row: DocumentRow,
  interpretations: InterpretationRow[],
  files: DocumentFileRow[],
  exemption: { reason: string; display_name: string; decided_at: Date } | undefined,
  withdrawals: WithdrawalRow[],
): DocumentDetail {
  return {
    ...presentOpenDetail(row, interpretations, files),
    disclosure: row.disclosure,
    disclosureReason: row.disclosure_reason,
    disclosureDecidedByPerson: row.disclosure_decided_by !== null,
    isNormative: row.is_normative,
    interpretationCount: interpretations.length,
    importSource: row.import_source,
    syncExemption: exemption ? { reason: exemption.reason, by: exemption.display_name, at: exemption.decided_at.toISOString() } : null,
    enteredByHand: row.entered_by !== null,
    withdrawals: withdrawals.map((w) => ({
      publishedOn: w.published_on,
      reason: w.reason,
      by: w.display_name,
      at: w.withdrawn_at.toISOString(),
    })),
  };
}
