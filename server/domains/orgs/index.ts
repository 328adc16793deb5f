/**
 * The orgs domain's public face (docs/decisions/011): its routes, and the gazette import that
 * seeds the county's units and leaders (the CLI and the demo county run it), and the gazette's
 * split into documents, which the abandoned-vehicle campaign reads its plan from. Everything else
 * in this folder is the domain's own.
 */
export { orgsRoutes } from './orgs.routes.js';
export { importGazetteOrgs } from './gazette/gazette-orgs.import.js';
export { splitGazette, type GazetteDocument } from './gazette/gazette-documents.js';
