import type { ImportJob, ImportJobDetail } from '../../../common/contracts/exchange.js';
import type { ScopedJobRow } from './import-jobs.repository.js';

/** An import job as its importer follows it (common/contracts/exchange.ts). */
export function presentJob(j: ScopedJobRow): ImportJob {
  return {
    id: j.id,
    kind: j.kind,
    fileName: j.file_name,
    regionName: j.region_name,
    status: j.status,
    totalRows: j.total_rows,
    processed: j.processed,
    created: j.created,
    updated: j.updated,
    unchanged: j.unchanged,
    rejected: j.rejected,
    failure: j.failure,
    createdAt: j.created_at.toISOString(),
    finishedAt: j.finished_at?.toISOString() ?? null,
  };
}

/** A job with its report: the rows it rejected, and why. */
export function presentJobDetail(j: ScopedJobRow): ImportJobDetail {
  return { ...presentJob(j), errors: j.errors };
}
