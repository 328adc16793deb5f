/**
 * The proposals domain's public face (docs/decisions/011, 045): its routes, and the import of the
 * proposals a gazette's replies answer, which the gazette importer calls in its transaction.
 * Everything else in this folder is the domain's own.
 */
export { proposalsRoutes } from './proposals.routes.js';
export { importGazetteProposals, type ProposalsImport } from './gazette-proposals.js';
