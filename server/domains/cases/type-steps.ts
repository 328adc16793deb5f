import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { AuditEntry } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import type { CaseDeps } from './context.js';
import { readableCase } from './access.js';
import type { Audience, CaseAccess } from './policy.js';
import type { CaseRow } from './cases.repository.js';
import { actorOf, recordCaseEvent } from './timeline.js';

/**
 * How a case type works on its cases: through the engine (docs/decisions/013). The engine finds
 * the case, asks the case policy, locks it for a step, and writes the step's timeline line; the
 * type decides what its step means and writes its own tables in the same transaction. A type
 * never locks a case, moves its status or writes a line itself.
 */
export interface CaseOfType {
  c: CaseRow;
  access: CaseAccess;
}

/** A case of this type as the viewer may see it; another type's case, or one they may not see, does not exist (404). */
export async function readCaseOfType(
  deps: Pick<CaseDeps, 'cases'>,
  viewer: Viewer,
  caseId: number,
  caseType: string,
  what: string,
): Promise<CaseOfType> {
  const found = await readableCase(deps.cases, viewer, await deps.cases.byId(caseId), what);
  if (found.c.case_type !== caseType) throw notFound(what);
  return found;
}

/** What a case type's step is given: the locked case, the viewer's access, the moment, and the step's transaction for its own tables. */
export interface TypeStepContext extends CaseOfType {
  now: Date;
  db: Kysely<DB>;
  audit(entry: AuditEntry): Promise<void>;
}

/** The line a type's step leaves on the case's timeline (its action is the type's own: 'av_notice', …). */
export interface TypeStepLine {
  action: string;
  note: string;
  audience: Audience;
  data?: Record<string, unknown>;
}

/**
 * One step of a case type on one case, all or nothing: the case locked and read through the
 * policy (404 as for any read), the type's `run` (which refuses by throwing), its line written.
 */
export async function takeCaseTypeStep(
  deps: Pick<CaseDeps, 'transaction'>,
  viewer: Viewer,
  caseId: number,
  caseType: string,
  what: string,
  run: (step: TypeStepContext) => Promise<TypeStepLine>,
): Promise<void> {
  await deps.transaction(async (tx) => {
    const { c, access } = await readableCase(tx.cases, viewer, await tx.cases.lock(caseId), what);
    if (c.case_type !== caseType) throw notFound(what);
    const now = tx.clock.now();
    const line = await run({ c, access, now, db: tx.db, audit: (entry) => tx.audit(viewer, entry) });
    await recordCaseEvent(tx.timeline, {
      caseId: c.id,
      at: now,
      actor: actorOf(viewer, c),
      action: line.action,
      fromStatus: c.status,
      toStatus: c.status,
      note: line.note,
      audience: line.audience,
      data: line.data,
    });
  });
}
