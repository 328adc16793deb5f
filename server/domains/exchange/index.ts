/**
 * The exchange domain's public face (docs/decisions/011): Excel templates, imports and exports.
 * Its rows belong to other domains — residents to people, houses to regions — which store and
 * present them; exchange reads and writes workbooks and runs the import jobs.
 */
export { exchangeRoutes } from './exchange.routes.js';
/** The background worker that runs queued imports (server/cli/start.ts starts it). */
export { startImportWorker } from './import-worker.js';
