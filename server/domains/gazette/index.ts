/**
 * The gazette importer's public face (docs/decisions/042): the reader that splits a 政府公报 text
 * into its documents, and the import that hands each part to the domain that owns it (orgs,
 * documents, tasks, proposals) in one transaction.
 */
export { readGazette, type GazetteReading } from './read-gazette.js';
export { importGazette } from './gazette-import.js';
export { gazetteRoutes } from './gazette.routes.js';
