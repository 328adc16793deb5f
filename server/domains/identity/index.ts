/**
 * The identity domain's public face (docs/decisions/011): sign-in, sessions and accounts, the
 * account list and the audit log's page. Everything else in this folder is the domain's own.
 */
export { identityRoutes } from './identity.routes.js';
export { auditRoutes } from './audit.routes.js';
/** The session hook (server/app.ts) and background jobs (exchange's import worker) act as a viewer. */
export { sessionViewers, sessionOf, viewerFromSession, viewerOfUser, createAccount, type SessionViewers } from './identity.service.js';
export { identityRepository } from './identity.repository.js';
export { createDemoAccounts, DEMO_ACCOUNTS } from './demo-accounts.js';
