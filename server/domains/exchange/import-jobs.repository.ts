import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ImportRowError } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import type { ImportKind } from '../../../common/contracts/exchange.js';

// The report keeps the first rejected rows in full; beyond this many only the count grows.
export const MAX_STORED_ERRORS = 5000;

export function createJob(
  db: Kysely<DB>,
  job: { kind: ImportKind; fileName: string; sha256: string; path: string; userId: number; regionId: number },
) {
  return db
    .insertInto('import_jobs')
    .values({
      kind: job.kind,
      file_name: job.fileName,
      file_sha256: job.sha256,
      file_path: job.path,
      status: 'queued',
      user_id: job.userId,
      region_id: job.regionId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * Takes the oldest waiting job, or one whose worker stopped beating (a killed process); SKIP
 * LOCKED lets several server processes share the queue without taking the same job.
 */
export async function claimJob(db: Kysely<DB>, staleAfterMs: number) {
  return db.transaction().execute(async (trx) => {
    const job = await trx
      .selectFrom('import_jobs')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([
            eb('status', '=', 'running'),
            eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', new Date(Date.now() - staleAfterMs))]),
          ]),
        ]),
      )
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!job) return undefined;
    await trx.updateTable('import_jobs').set({ status: 'running', heartbeat_at: new Date() }).where('id', '=', job.id).execute();
    return job;
  });
}

export function setTotal(db: Kysely<DB>, id: number, total: number) {
  return db.updateTable('import_jobs').set({ total_rows: total, heartbeat_at: new Date() }).where('id', '=', id).execute();
}

/** Progress is written in the same transaction as the batch it counts: a crash loses neither. */
export async function recordBatch(
  trx: Transaction<DB>,
  id: number,
  progress: { rows: number; created: number; updated: number; unchanged: number; errors: ImportRowError[] },
) {
  await trx
    .updateTable('import_jobs')
    .set((eb) => ({
      processed: eb('processed', '+', progress.rows),
      created: eb('created', '+', progress.created),
      updated: eb('updated', '+', progress.updated),
      unchanged: eb('unchanged', '+', progress.unchanged),
      rejected: eb('rejected', '+', progress.errors.length === 0 ? 0 : new Set(progress.errors.map((e) => e.row)).size),
      errors: sql`case when jsonb_array_length(errors) < ${MAX_STORED_ERRORS} then errors || ${JSON.stringify(progress.errors)}::jsonb else errors end`,
      heartbeat_at: new Date(),
    }))
    .where('id', '=', id)
    .execute();
}

export function finishJob(db: Kysely<DB>, id: number, failure?: string) {
  return db
    .updateTable('import_jobs')
    .set({ status: failure ? 'failed' : 'done', failure: failure ?? null, finished_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function jobById(db: Kysely<DB>, id: number) {
  return db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The jobs of the scope: a job is seen by whoever's region contains the region it was imported
 * into (jobs name their region by id: the ScopedDb scopes them by that region's path).
 */
function jobsInScope(scoped: ScopedDb) {
  return scoped.selectFromByRegion('import_jobs').selectAll('import_jobs').select('regions.name as region_name');
}

export const jobInScope = (scoped: ScopedDb, id: number) => jobsInScope(scoped).where('import_jobs.id', '=', id).executeTakeFirst();

export const recentJobs = (scoped: ScopedDb, limit = 30) => jobsInScope(scoped).orderBy('import_jobs.id', 'desc').limit(limit).execute();

export type ScopedJobRow = NonNullable<Awaited<ReturnType<typeof jobInScope>>>;

/**
 * Thousands of new rows leave the planner's statistics behind, and PGlite has no autovacuum to
 * notice: an import refreshes them so the lists keep their index plans.
 */
export async function refreshStatistics(db: Kysely<DB>, table: ImportKind) {
  await sql`analyze ${sql.table(table)}`.execute(db);
}
