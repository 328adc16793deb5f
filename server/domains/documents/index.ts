/**
 * The documents domain's public face (docs/decisions/011, 043): the library's routes, the
 * public column's routes and their PUBLIC_API entries, and the gazette importer's part.
 */
export { documentsRoutes } from './documents.routes.js';
export { openDocumentsRoutes, OPEN_DOCUMENT_ROUTES } from './open-documents.routes.js';
export { importGazetteDocuments, type ImportedDocuments } from './documents-import.js';
