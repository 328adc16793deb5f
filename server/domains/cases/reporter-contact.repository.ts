import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * The reporters of a case and how to reach them: each case source with the number given with
 * the report (a 12345 caller's) and, for a report filed from an account, the resident record
 * that account belongs to, whose phone the people domain reads. Read unscoped: the case policy
 * has already decided who may (cases/reporter-contact.ts).
 */
export function reporterContactRepository(db: Kysely<DB>) {
  return {
    // prettier-ignore
    sourcesOf: (caseId: number) =>
      db
        .selectFrom('case_sources')
        .leftJoin('users', 'users.id', 'case_sources.reporter_user_id')
        .select([
          'case_sources.id', 'case_sources.source', 'case_sources.reported_at', 'case_sources.reporter_name',
          'case_sources.reporter_phone', 'case_sources.anonymous', 'users.resident_id',
        ])
        .where('case_sources.case_id', '=', caseId)
        .orderBy('case_sources.id')
        .execute(),
  };
}

export type ReporterContactRepository = ReturnType<typeof reporterContactRepository>;
export type ReporterSourceRow = Awaited<ReturnType<ReporterContactRepository['sourcesOf']>>[number];
