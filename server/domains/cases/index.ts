/**
 * The case engine's public face (docs/decisions/011, 013). Other domains reach casework only
 * through what is exported here: case types through the host (their steps, their read model),
 * Open311 through reportCase and the public read model, the CLI and the demo generator through
 * the catalogue, the sweep and the pure rules. Everything else in this folder is the engine's own.
 */
export { casesRoutes } from './cases.routes.js';
export { casesDeskRoutes } from './desk.routes.js';
export { reporterContactRoutes } from './reporter-contact.routes.js';

// The context casework runs in, and the dependencies a request makes of it.
export { caseDeps, loadCalendar, type CaseContext, type CaseDeps } from './context.js';
export { countyWide, casesOfType, type CaseRow } from './cases.repository.js';

// Case types plug in here (docs/decisions/013).
export { caseTypeRegistry, type CaseType, type CaseTypes, type CaseTypeStep } from './type-registry.js';
// Cases the platform opens and moves itself (an IoT alarm's, docs/decisions/030).
export { openDispatchedCase, noteOnCase, type OpenedCase, type SystemActor, type SystemCase } from './system-cases.js';
export { readCaseOfType, takeCaseTypeStep, type CaseOfType, type TypeStepContext, type TypeStepLine } from './type-steps.js';
export type { Audience, CaseAccess, CaseRelation } from './policy.js';
// Who may read staff and internal messages at all: the notifications domain's inbox asks the case policy.
export { worksCases } from './policy.js';

// Reporting from outside a session (Open311, later IoT alarms), and what the public may read.
export { reportCase, type Reporter } from './report.js';
export { photoFile } from './photos.js';
export {
  publicCasesRepository,
  STATUS_NOTE_ACTIONS,
  type PublicCaseRow,
  type PublicCasesRepository,
  type PublicServiceRow,
} from './public.repository.js';

// The catalogue and the sweep, as the CLI starts them.
export { syncCaseCatalogue } from './catalogue.js';
export { startSupervisionSweep, sweepSupervision } from './supervision.js';

// The pure step definitions the demo seed drives, so its cases are the engine's own (docs/decisions/014).
export { clocksAtReport } from './clocks.js';
export { isOpenStatus } from './states.js';
export { newsOf, noticeRow, planStep, type NoticePlan, type StepCase, type StepInput, type StepLine, type StepRules } from './steps.js';
export {
  dueForEscalation,
  dueForNotice,
  escalatesToLeader,
  escalationFor,
  escalationStep,
  noticeStep,
  questionnaireNotice,
  SWEEP_ACTOR,
  type Leader,
} from './supervision.js';
export { leaderInCharge, routeCase, type Route } from './routing.js';
