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
/**
 * The sign-in puzzle, for public forms that need the same spam guard (依申请公开's form): a form
 * names itself as the subject (`form:…`, which no username can be, so a form's solution never
 * passes for a sign-in's) and spends each solution once itself.
 */
export { issueChallenge, checkSolution } from './login-challenge.js';
/** The 网格员 accounts of a grid in the scope: a grid's worker record may sign in with one (regions' worker form). */
export { gridWorkerAccountsOf } from './grid-worker-accounts.repository.js';
