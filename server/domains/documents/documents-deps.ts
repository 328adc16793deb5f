import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Clock } from '../../platform/clock.js';
import { writeAudit } from '../../platform/audit.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { documentsRepository } from './documents.repository.js';
import { documentExtrasRepository } from './document-extras.repository.js';
import { gazetteIssuesRepository } from './gazette-issues.repository.js';
import type { DocumentsDeps } from './documents.service.js';
import type { GazetteIssuesDeps } from './gazette-issues.service.js';

/** The library is the county office's: no region limits it (permissions and publication do). */
const COUNTY = { path: '/', estateIds: null };

/** The library's services' dependencies on a connection (the app's, or a transaction's), for a viewer or the public (null). */
export function documentsDeps(db: Kysely<DB>, viewer: Viewer | null, clock: Clock): DocumentsDeps {
  const scoped = new ScopedDb(db, COUNTY);
  return {
    documents: documentsRepository(scoped),
    extras: documentExtrasRepository(scoped),
    audit: (entry) => writeAudit(db, viewer, entry),
    transaction: (work) => db.transaction().execute((trx) => work(documentsDeps(trx, viewer, clock))),
    today: () => localDateOf(clock.now()),
  };
}

export function gazetteIssuesDeps(db: Kysely<DB>, viewer: Viewer | null, clock: Clock): GazetteIssuesDeps {
  return {
    issues: gazetteIssuesRepository(new ScopedDb(db, COUNTY)),
    audit: (entry) => writeAudit(db, viewer, entry),
    transaction: (work) => db.transaction().execute((trx) => work(gazetteIssuesDeps(trx, viewer, clock))),
    today: () => localDateOf(clock.now()),
  };
}
