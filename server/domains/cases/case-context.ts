import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Config } from '../../platform/config.js';
import type { Clock } from '../../platform/clock.js';
import type { FileStore } from '../../platform/files.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { writeAudit, type AuditEntry } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import { casesRepository, type CasesRepository } from './cases.repository.js';
import { reportRepository, type ReportRepository } from './case-report.repository.js';
import { stepsRepository, type StepsRepository } from './case-steps.repository.js';
import { timelineRepository, type TimelineRepository } from './case-timeline.repository.js';
import { photosRepository, type PhotosRepository } from './case-photos.repository.js';
import { catalogueRepository, type CatalogueRepository } from './case-catalogue.repository.js';
import { supervisionRepository, type SupervisionRepository } from './supervision.repository.js';
import { calendarRepository, type CalendarRepository } from './case-calendar.repository.js';
import type { CaseTypes } from './case-types.js';

/**
 * Casework's dependencies, the one way they are passed. The app holds a CaseContext for its
 * life (app.casework: the database, the time, the working-day calendar, the files, the settings,
 * the case types). Each request turns it into CaseDeps with `caseDeps(ctx, scoped)`: the
 * repositories over the viewer's ScopedDb and the rest; services take CaseDeps (or the part of
 * it they use), so a unit test passes fakes and an integration test the real thing.
 */
export interface CaseContext {
  db: Kysely<DB>;
  clock: Clock;
  /** Replaced when an administrator changes the calendar (cases-desk.routes.ts). */
  calendar: WorkingCalendar;
  files: FileStore;
  settings: Config['cases'];
  caseTypes: CaseTypes;
}

export interface CaseDeps {
  /** The connection these deps work on (a transaction's, inside one): a case type's own repository joins it. */
  db: Kysely<DB>;
  cases: CasesRepository;
  report: ReportRepository;
  steps: StepsRepository;
  timeline: TimelineRepository;
  photos: PhotosRepository;
  catalogue: CatalogueRepository;
  supervision: SupervisionRepository;
  /** The administrators' calendar days (调休, closures), from which `calendar` is made. */
  calendarDays: CalendarRepository;
  clock: Clock;
  calendar: WorkingCalendar;
  files: FileStore;
  settings: Config['cases'];
  caseTypes: CaseTypes;
  /** An audit line, in the same transaction as what it records. */
  audit(viewer: Viewer, entry: AuditEntry): Promise<void>;
  /** The same dependencies inside one transaction: all of `fn` is written, or none of it. */
  transaction<T>(fn: (deps: CaseDeps) => Promise<T>): Promise<T>;
}

export function caseDeps(ctx: CaseContext, scoped: ScopedDb): CaseDeps {
  const db = scoped.unscoped;
  return {
    db,
    cases: casesRepository(scoped),
    report: reportRepository(db),
    steps: stepsRepository(db),
    timeline: timelineRepository(db),
    photos: photosRepository(db),
    catalogue: catalogueRepository(db),
    supervision: supervisionRepository(scoped),
    calendarDays: calendarRepository(db),
    clock: ctx.clock, calendar: ctx.calendar, files: ctx.files, settings: ctx.settings, caseTypes: ctx.caseTypes,
    audit: async (viewer, entry) => { await writeAudit(db, viewer, entry); },
    transaction: (fn) => db.transaction().execute((trx) => fn(caseDeps({ ...ctx, db: trx }, scoped.on(trx)))),
  };
}

/** The working-day calendar with the administrators' overrides from the database. */
export async function loadCalendar(db: Kysely<DB>): Promise<WorkingCalendar> {
  const overrides = await calendarRepository(db).overrides();
  return new WorkingCalendar({ overrides: overrides.map((o) => ({ date: o.day, kind: o.kind })) });
}
