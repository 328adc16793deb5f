import type { Viewer } from '../../platform/auth/viewer.js';
import type { CaseStatus } from '../../../common/enums.js';
import type { ActionInput, RouteTarget } from '../../../common/contracts/cases.js';
import { notFound } from '../../platform/errors.js';
import { isWithin } from '../../platform/scope.js';
import { planTransition } from './states.js';
import type { CaseDeps } from './context.js';
import { factsOf, readableCase } from './access.js';
import { caseAccess, type CaseAccess } from './policy.js';
import { routeFor } from './routing.js';
import { assertHandlesCases } from './dispatch-advice.js';
import { attachPhotos } from './photos.js';
import { noticeRow, planStep, type StepInput } from './steps.js';
import { actorOf, notifyReporters, recordCaseEvent } from './timeline.js';
import type { CaseRow } from './cases.repository.js';

/**
 * One step of a case, in one transaction: lock the case, ask the case policy who the viewer is
 * to it, let the state machine judge, resolve what the step names (its target, the case it
 * joins), plan it (steps.ts: the pure definition of every step, which the demo seed drives
 * too), then write the plan: the row, the timeline line, photos, a 督办单, the messages. A
 * refusal anywhere rolls all of it back.
 */
export async function actOnCase(deps: CaseDeps, viewer: Viewer, caseId: number, input: ActionInput) {
  await deps.transaction(async (tx) => {
    const { c, access } = await readableCase(tx.cases, viewer, await tx.cases.lock(caseId));
    // Judged before anything else is read, so a step the state machine refuses is refused the
    // same way whatever it names; planStep judges again, as it does for the seed.
    planTransition(
      { status: c.status as CaseStatus, pendingRequest: c.pending_request, reopenCount: c.reopen_count },
      input.action,
      access.relations,
      { satisfaction: input.action === 'evaluate' ? input.satisfaction : undefined },
    );
    const now = tx.clock.now();
    const plan = planStep(tx, c, await resolveStep(tx, viewer, c, input, access), access.relations, now);
    if (plan.mergedInto) {
      // Every signal of the merged case becomes a signal of the target, so its reporters hear the outcome.
      await tx.steps.copySources(c.id, plan.mergedInto.caseId);
      await recordCaseEvent(tx.timeline, {
        caseId: plan.mergedInto.caseId,
        at: now,
        actor: { userId: viewer.userId, name: viewer.displayName, unit: viewer.regionName },
        ...plan.mergedInto.line,
      });
    }
    if (plan.notice) await tx.steps.insertSupervision(noticeRow(c.id, plan.notice, now));
    await tx.steps.updateCase(c.id, plan.changes);
    const eventId = await recordCaseEvent(
      tx.timeline,
      { caseId: c.id, at: now, actor: actorOf(viewer, c), ...plan.line },
      { touchCase: false },
    );
    if ('photoIds' in input) await attachPhotos(tx.photos, viewer.userId, input.photoIds, c.id, eventId);
    if (plan.news) await notifyReporters(tx, c.id, viewer.userId, plan.news.title, plan.news.body, now);
    if (plan.asksQuestionnaires) await scheduleQuestionnaires(tx, c.id, now);
    await tx.caseTypes.get(c.case_type)?.afterStep?.({
      db: tx.db,
      caseId: c.id,
      action: plan.line.action,
      toStatus: plan.to,
      at: now,
      by: { userId: viewer.userId, name: viewer.displayName },
    });
    if (plan.handlersToTell) {
      const { unitId, regionId, title, body } = plan.handlersToTell;
      const handlers = await tx.cases.handlersOfTarget({ unitId, regionId });
      await tx.notify(handlers, { kind: 'case_dispatched', caseId: c.id, title, body, audience: 'internal', at: now });
    }
  });
}

/** The step's inputs with what the request only names looked up: the route and target, the case to join, who asks. */
async function resolveStep(deps: CaseDeps, viewer: Viewer, c: CaseRow, input: ActionInput, access: CaseAccess): Promise<StepInput> {
  switch (input.action) {
    case 'dispatch':
    case 'transfer': {
      const route = await routeFor(deps, {
        categoryId: c.category_id,
        caseType: c.case_type,
        regionId: c.region_id,
        regionPath: c.region_path,
        attributes: c.attributes,
      });
      const target = input.target ? await resolveTarget(deps, viewer, input.target) : undefined;
      await assertHandlesCases(deps, target ?? route.target);
      return { action: input.action, route, target, reason: input.reason };
    }
    case 'request_extension':
    case 'request_suspension':
      return { ...input, by: { userId: viewer.userId, name: viewer.displayName } };
    case 'merge': {
      const target = input.targetCaseId === c.id ? c : await deps.cases.byId(input.targetCaseId);
      // Only into a case the viewer dispatches too: one on their own desk (policy.ts).
      if (!target || !caseAccess(viewer, factsOf(target, viewer, false)).relations.has('dispatcher')) throw notFound('目标事件');
      return {
        action: 'merge',
        into: { id: target.id, number: target.number, status: target.status, open: target.open },
        reason: input.reason,
      };
    }
    case 'comment':
      return { action: 'comment', note: input.note, internal: input.internal, staffView: access.view === 'staff' };
    case 'supervise':
      return { action: 'supervise', note: input.note, by: { userId: viewer.userId } };
    default:
      return input;
  }
}

async function resolveTarget(deps: CaseDeps, viewer: Viewer, wanted: { orgUnitId?: number; regionId?: number }): Promise<RouteTarget> {
  if (wanted.orgUnitId !== undefined) {
    const unit = await deps.catalogue.unitById(wanted.orgUnitId);
    if (!unit) throw notFound('承办单位');
    return { kind: 'unit', orgUnitId: unit.id, name: unit.name };
  }
  const region = await deps.catalogue.regionById(wanted.regionId!);
  // A grid or community inside the dispatcher's region.
  if (!region || !['grid', 'community'].includes(region.level) || !isWithin(viewer, region.path)) throw notFound('网格');
  return { kind: 'grid', regionId: region.id, name: region.name };
}

async function scheduleQuestionnaires(deps: CaseDeps, caseId: number, now: Date) {
  const users = await deps.cases.reporterIds(caseId);
  await deps.steps.scheduleQuestionnaires(caseId, users, new Date(now.getTime() + deps.settings.questionnaireDays * 86_400_000));
}
