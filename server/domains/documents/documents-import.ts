import type { Kysely } from 'kysely';
import type { GazetteDocument } from '../../../common/contracts/gazette.js';
import type { DB } from '../../platform/db/schema.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';
import { writeAudit } from '../../platform/audit.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { documentsRepository } from './documents.repository.js';
import { numberColumnsOf } from './index-number.js';
import { searchColumnsOf } from './document-text.js';

export interface ImportedDocuments {
  /** The library's id of each document, by its number as printed (平政办发〔2023〕5号). */
  ids: Map<string, number>;
  created: number;
  updated: number;
}

/**
 * The gazette importer's part for the library (server/domains/gazette calls it inside its one
 * transaction). A document is keyed by its number (organ code, year, serial): a second import
 * of the same gazette updates the text and adds nothing.
 *
 * What a person decided is never overwritten: the disclosure attribute once someone chose it,
 * and themes, validity, policy flags and interpretations, which the gazette does not carry. A
 * public document is published on import, dated its 成文日期: the gazette published it. One
 * whose 附注 said nothing the library knows stays 待确认 (the import report says a person must
 * decide) and is not published. A document entered by hand that a gazette later prints is that
 * gazette's from then on (the same number is the same document): its text and `import_source`
 * are the gazette's. A withdrawn publication is a person's decision (`disclosure_decided_by`),
 * so an import does not publish it again.
 */
export async function importGazetteDocuments(
  trx: Kysely<DB>,
  documents: GazetteDocument[],
  options: { source: string },
): Promise<ImportedDocuments> {
  const repo = documentsRepository(new ScopedDb(trx, { path: '/', estateIds: null }));
  const byNumber = mergeRepeats(documents);
  const existing = await repo.byKeys([...byNumber.values()].map((d) => d.number));
  const keyOf = (k: { organCode: string; year: number; serial: number }) => `${k.organCode}|${k.year}|${k.serial}`;
  const known = new Map(existing.map((row) => [keyOf({ organCode: row.organ_code, year: row.year, serial: row.serial }), row]));
  const result: ImportedDocuments = { ids: new Map(), created: 0, updated: 0 };
  for (const [number, doc] of byNumber) {
    const text = textOf(doc, options.source);
    const row = known.get(keyOf(doc.number));
    const publishedOn = doc.dateWritten ?? localDateOf(new Date());
    if (row) {
      // A person's choice stands; so does a publication, which a later text cannot take back.
      const gazetteDecides = row.disclosure_decided_by === null && (row.published_on === null || doc.disclosure === 'public');
      await repo.update(row.id, {
        ...text,
        ...(gazetteDecides ? disclosureOf(doc) : {}),
        ...(gazetteDecides && row.published_on === null && doc.disclosure === 'public' ? { published_on: publishedOn } : {}),
      });
      result.ids.set(number, row.id);
      result.updated++;
    } else {
      const id = await repo.insert({
        ...text,
        ...disclosureOf(doc),
        ...numberColumnsOf(doc.number),
        published_on: doc.disclosure === 'public' ? publishedOn : null,
      });
      result.ids.set(number, id);
      result.created++;
    }
  }
  await writeAudit(trx, null, {
    action: 'documents_imported',
    entity: 'documents',
    detail: { source: options.source, created: result.created, updated: result.updated, numbers: [...result.ids.keys()] },
  });
  return result;
}

/**
 * One document per number. The parser already joins a number printed several times (平政办字
 * 〔2023〕9号 answers three committee members) into one with their addressees; should two
 * copies still arrive, their addressees are joined here, never one of them dropped.
 */
function mergeRepeats(documents: GazetteDocument[]): Map<string, GazetteDocument> {
  const out = new Map<string, GazetteDocument>();
  for (const doc of documents) {
    const before = out.get(doc.number.text);
    out.set(doc.number.text, before ? { ...doc, addressees: [...new Set([...before.addressees, ...doc.addressees])] } : doc);
  }
  return out;
}

/** What the gazette says of a document: updated by every import. */
function textOf(doc: GazetteDocument, source: string) {
  return {
    organ: doc.organ,
    title: doc.title,
    date_written: doc.dateWritten,
    addressees: doc.addressees,
    addressee_role: doc.addresseeRole,
    paragraphs: doc.paragraphs,
    attachment_notes: doc.attachmentNotes,
    signature: doc.signature,
    note: doc.note,
    copy_to: doc.copyTo,
    attachments: JSON.stringify(doc.attachments),
    enclosure: doc.enclosure ? JSON.stringify(doc.enclosure) : null,
    ...searchColumnsOf(doc.title, doc.text),
    import_source: source,
  };
}

/** The attribute the 附注 gave; its reason, for 依申请公开 and 不予公开, is the 附注 itself. */
function disclosureOf(doc: GazetteDocument) {
  return {
    disclosure: doc.disclosure,
    disclosure_reason: doc.disclosure === null || doc.disclosure === 'public' ? null : `附注：${doc.note ?? ''}`,
  };
}
