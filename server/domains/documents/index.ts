/**
 * The documents domain's public face (docs/decisions/011, 043): the library's routes, the
 * public column's routes and their PUBLIC_API entries, and the gazette importer's part.
 */
export { documentsRoutes } from './documents.routes.js';
export { openDocumentsRoutes, OPEN_DOCUMENT_ROUTES } from './open-documents.routes.js';
export { importGazetteDocuments, type ImportedDocuments } from './documents-import.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';
import { documentsRepository } from './documents.repository.js';

/**
 * The library's id of a document by its number as the library writes it (平政办字〔2023〕9号), or
 * null: a proposal's reply and a major decision name their document by number and link to it
 * when the library has it. With `published`, only while the public column shows it.
 */
export async function documentIdByNumber(db: Kysely<DB>, number: string, options: { published?: boolean } = {}): Promise<number | null> {
  // The library is the county office's: no region limits it.
  const documents = documentsRepository(new ScopedDb(db, { path: '/', estateIds: null }));
  const row = await documents.idByNumber(number);
  if (!row || !options.published) return row?.id ?? null;
  return (await documents.byId(row.id, true)) ? row.id : null;
}
