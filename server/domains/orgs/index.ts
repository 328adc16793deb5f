/**
 * The orgs domain's public face (docs/decisions/011): its routes, and the gazette import that
 * seeds the county's units and leaders (the CLI and the demo county run it). Everything else in
 * this folder is the domain's own.
 */
export { orgsRoutes } from './orgs.routes.js';
export { importGazetteOrgs } from './gazette/gazette-orgs.import.js';
