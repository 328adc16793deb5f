import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Config } from '../../platform/config.js';
import type { Clock } from '../../platform/clock.js';
import type { FileStore } from '../../platform/files.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { writeAudit, type AuditEntry } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import type { CalendarAccess } from '../calendar/index.js';
import { notifyUsers, type Notice } from '../notifications/index.js';
import { pointInWords, type PlacesAccess } from '../regions/index.js';
import { casesRepository, type CasesRepository } from './cases.repository.js';
import { reportRepository, type ReportRepository } from './report.repository.js';
import { stepsRepository, type StepsRepository } from './steps.repository.js';
import { timelineRepository, type TimelineRepository } from './timeline.repository.js';
import { photosRepository, type PhotosRepository } from './photos.repository.js';
import { catalogueRepository, type CatalogueRepository } from './catalogue.repository.js';
import { supervisionRepository, type SupervisionRepository } from './supervision.repository.js';
import { handlingUnitsRepository, type HandlingUnitsRepository } from './handling-units.repository.js';
import type { CaseTypes } from './type-registry.js';

/**
 * Casework's dependencies, the one way they are passed. The app holds a CaseContext for its
 * life (app.casework: the database, the time, the working-day calendar, the files, the settings,
 * the case types). Each request (and each round of the supervision sweep) turns it into CaseDeps
 * with `caseDeps(ctx, scoped)`: the repositories over the viewer's ScopedDb and the rest; services
 * take CaseDeps (or the part of it they use), so a unit test passes fakes and an integration test
 * the real thing.
 */
export interface CaseContext {
  db: Kysely<DB>;
  clock: Clock;
  /** The calendar module's live calendar: a change in any process reaches the next CaseDeps made here. */
  calendar: CalendarAccess;
  /** The regions module's live places: where a reported point is, in words. */
  places: PlacesAccess;
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
  /** Which units handle cases, and who could act at a dispatch target. */
  handlingUnits: HandlingUnitsRepository;
  supervision: SupervisionRepository;
  clock: Clock;
  /** The calendar as it was when these deps were made: one request, one sweep round, counts on one calendar. */
  calendar: WorkingCalendar;
  files: FileStore;
  settings: Config['cases'];
  caseTypes: CaseTypes;
  /** Messages to users' inboxes (the notifications domain's notifyUsers), in the same transaction as the step they tell of. */
  notify(userIds: readonly number[], notice: Notice): Promise<void>;
  /** An audit line, in the same transaction as what it records. */
  audit(viewer: Viewer, entry: AuditEntry): Promise<void>;
  /** A point in words from the platform's own places (regions' pointInWords), stored with a case reported at a point. */
  placeInWords(point: { lon: number; lat: number }): string | null;
  /** The same dependencies inside one transaction: all of `fn` is written, or none of it. */
  transaction<T>(fn: (deps: CaseDeps) => Promise<T>): Promise<T>;
}

export function caseDeps(ctx: CaseContext, scoped: ScopedDb): CaseDeps {
  const db = scoped.unscoped;
  const calendar = ctx.calendar.current();
  return {
    db,
    cases: casesRepository(scoped),
    report: reportRepository(db),
    steps: stepsRepository(db),
    timeline: timelineRepository(db),
    photos: photosRepository(db),
    catalogue: catalogueRepository(db),
    handlingUnits: handlingUnitsRepository(scoped),
    supervision: supervisionRepository(scoped),
    clock: ctx.clock,
    calendar,
    files: ctx.files,
    settings: ctx.settings,
    caseTypes: ctx.caseTypes,
    notify: (userIds, notice) => notifyUsers(db, userIds, notice),
    audit: async (viewer, entry) => {
      await writeAudit(db, viewer, entry);
    },
    placeInWords: (point) => pointInWords(ctx.places, point),
    // The transaction counts on the calendar its request began with. Inside one already, a step
    // joins it: a 12345 order filed, accepted and registered at once is one transaction.
    transaction(fn) {
      if (db.isTransaction) return fn(this);
      return db.transaction().execute((trx) => fn(caseDeps({ ...ctx, db: trx, calendar: { current: () => calendar } }, scoped.on(trx))));
    },
  };
}

/** The calendar module's one-off load, re-exported for the demo generator until it imports it from calendar/index.ts. */
export { loadCalendar } from '../calendar/index.js';
