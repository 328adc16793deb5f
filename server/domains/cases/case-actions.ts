import type { Updateable } from 'kysely';
import type { CaseTable } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { CaseStatus } from '../../../common/enums.js';
import type { ActionInput, RouteTarget } from '../../../common/contracts/cases.js';
import { SATISFACTION_ZH } from '../../../common/labels-zh.js';
import { invalid, notFound } from '../../platform/errors.js';
import { isWithin } from '../../platform/scope.js';
import { planTransition } from './case-states.js';
import { clocksAfter } from './case-clocks.js';
import type { CaseDeps } from './case-context.js';
import { factsOf, readableCase } from './case-access.js';
import { caseAccess, type Audience, type CaseAccess } from './case-policy.js';
import { routeFor } from './case-routing.js';
import { attachPhotos } from './case-photos.js';
import { actorOf, notifyReporters, notifyUsers, recordCaseEvent } from './case-timeline.js';
import type { CaseRow } from './cases.repository.js';

/**
 * One step of a case, in one transaction: lock the case, ask the case policy who the viewer is
 * to it, let the state machine judge, apply the step's effects and clocks, write the timeline
 * line, attach photos, tell the reporters. A refusal anywhere rolls all of it back.
 */
export async function actOnCase(deps: CaseDeps, viewer: Viewer, caseId: number, input: ActionInput) {
  await deps.transaction(async (tx) => {
    const { c, access } = await readableCase(tx.cases, viewer, await tx.cases.lock(caseId));
    const to = planTransition(
      { status: c.status as CaseStatus, pendingRequest: c.pending_request, reopenCount: c.reopen_count },
      input.action, access.relations, { satisfaction: input.action === 'evaluate' ? input.satisfaction : undefined },
    );
    const now = tx.clock.now();
    const step = await effectsOf(tx, viewer, c, input, to, now, access);
    const clocks = clocksAfter(tx.calendar, c, c, input.action, now, step.clockOptions);
    await tx.steps.updateCase(c.id, { ...step.set, ...clocks, status: to, last_event_at: now });
    const eventId = await recordCaseEvent(tx.timeline, {
      caseId: c.id, at: now, actor: actorOf(viewer, c),
      action: step.eventAction ?? input.action, fromStatus: c.status, toStatus: to, note: step.note ?? null,
      audience: step.audience, data: step.data,
    }, { touchCase: false });
    if ('photoIds' in input) await attachPhotos(tx.photos, viewer.userId, input.photoIds, c.id, eventId);
    if (step.audience === 'public' && step.tell) await notifyReporters(tx, c.id, viewer.userId, `事件${c.number}${step.tell}`, step.note ?? '', now);
    if (input.action === 'close') await scheduleQuestionnaires(tx, c.id, now);
    if (to === 'dispatched') {
      const unitId = step.set?.handler_unit_id !== undefined ? step.set.handler_unit_id : c.handler_unit_id;
      const regionId = step.set?.handler_region_id !== undefined ? step.set.handler_region_id : c.handler_region_id;
      // The people who must sign: one working hour to sign is short.
      const handlers = await tx.cases.handlersOfTarget({ unitId: unitId ?? null, regionId: regionId ?? null });
      await notifyUsers(tx.timeline, handlers, { kind: 'case_dispatched', caseId: c.id, title: `新派遣事件${c.number}：${c.title}`, body: step.note ?? '', audience: 'internal', at: now });
    }
  });
}

interface Step {
  set?: Updateable<CaseTable>;
  note?: string;
  data?: Record<string, unknown>;
  audience: Audience;
  /** What the reporters are told, after "事件PY…": '已受理', '处置完成' … */
  tell?: string;
  eventAction?: string;
  clockOptions?: { extensionDays?: number; suspension?: boolean; reopened?: boolean };
}

async function effectsOf(deps: CaseDeps, viewer: Viewer, c: CaseRow, input: ActionInput, to: CaseStatus, now: Date, access: CaseAccess): Promise<Step> {
  switch (input.action) {
    case 'accept': return { set: { accepted_at: now }, note: input.note, audience: 'public', tell: '已受理' };
    case 'reject': return { note: input.reason, audience: 'public', tell: '不予受理' };
    case 'register': return { note: input.note, audience: 'public' };
    case 'dispatch': return dispatchStep(deps, viewer, c, input.target, input.reason, now);
    case 'transfer': {
      const step = await dispatchStep(deps, viewer, c, input.target, input.reason, now);
      // A formal transfer is the one thing that moves 首接负责 to the receiving unit.
      return { ...step, set: { ...step.set, first_unit_id: step.set?.handler_unit_id ?? null, signed_at: null }, tell: '已转办' };
    }
    case 'sign': return { set: { signed_at: now, first_unit_id: c.first_unit_id ?? c.handler_unit_id }, note: input.note, audience: 'public', tell: '已签收' };
    case 'return':
      return { set: { handler_unit_id: null, handler_region_id: null, signed_at: null }, note: input.reason, audience: 'staff' };
    case 'request_extension': case 'request_suspension': {
      const kind = input.action === 'request_extension' ? 'extension' : 'suspension';
      const days = input.action === 'request_extension' ? input.days : undefined;
      const request = { kind, days, reason: input.reason, byUserId: viewer.userId, byName: viewer.displayName, at: now.toISOString() } as const;
      return { set: { pending_request: JSON.stringify(request) }, note: input.reason, data: { days }, audience: 'staff' };
    }
    case 'approve_request': {
      const request = c.pending_request!;
      const suspension = request.kind === 'suspension';
      return {
        set: { pending_request: null, ...(suspension ? { paused_status: 'in_progress' } : {}) },
        note: input.note ?? (suspension ? `同意挂账：${request.reason}` : `同意延期 ${request.days} 个工作日：${request.reason}`),
        data: { request }, audience: 'public', tell: suspension ? '已挂账' : `办理期限延长${request.days}个工作日`,
        clockOptions: suspension ? { suspension: true } : { extensionDays: request.days },
      };
    }
    case 'refuse_request': return { set: { pending_request: null }, note: input.reason, data: { request: c.pending_request }, audience: 'staff' };
    case 'resume': return { set: { paused_status: null }, note: input.note, audience: 'public', tell: '恢复办理' };
    case 'handle': return { set: { result: input.result, handled_at: now }, note: input.result, audience: 'public', tell: '处置完成' };
    case 'verify': return { set: { verified_at: now }, note: input.note, audience: 'public', tell: '已核查' };
    case 'verify_fail': return { set: { handled_at: null }, note: input.reason, audience: 'public', tell: '核查未通过，退回处置' };
    case 'close': return { set: { closed_at: now }, note: input.note, audience: 'public', tell: '已结案，请您评价' };
    case 'evaluate': {
      const reopened = to === 'dispatched';
      return {
        set: reopened
          ? { satisfaction: input.satisfaction, evaluated_at: now, reopen_count: c.reopen_count + 1, handled_at: null, verified_at: null, closed_at: null, signed_at: null, dispatched_at: now }
          : { satisfaction: input.satisfaction, evaluated_at: now },
        note: [SATISFACTION_ZH[input.satisfaction], input.comment].filter(Boolean).join('：'),
        data: { satisfaction: input.satisfaction, reopened }, audience: 'public', eventAction: reopened ? 'reopen' : 'evaluate',
        tell: reopened ? '因不满意重新办理' : undefined, clockOptions: { reopened },
      };
    }
    case 'merge': return mergeStep(deps, viewer, c, input.targetCaseId, input.reason, now);
    case 'comment': {
      // An internal note is for the people working the case; a reporter's own note is always public.
      const internal = input.internal && access.view === 'staff';
      return { note: input.note, audience: internal ? 'internal' : 'public' };
    }
    case 'supervise': return superviseStep(deps, viewer, c, input.note, now);
  }
}

async function dispatchStep(deps: CaseDeps, viewer: Viewer, c: CaseRow, wanted: { orgUnitId?: number; regionId?: number } | undefined, reason: string | undefined, now: Date): Promise<Step> {
  const suggested = await routeFor(deps, { categoryId: c.category_id, caseType: c.case_type, regionId: c.region_id, regionPath: c.region_path, attributes: c.attributes });
  const target = wanted ? await resolveTarget(deps, viewer, wanted) : suggested.target;
  const overrides = !sameTarget(target, suggested.target);
  if (overrides && !reason) throw invalid('DISPATCH_REASON_REQUIRED', `建议派遣至“${suggested.target.name}”；改派其他单位须说明理由`, { suggested: suggested.target });
  return {
    set: {
      handler_unit_id: target.kind === 'unit' ? target.orgUnitId : null,
      handler_region_id: target.kind === 'grid' ? target.regionId : null,
      dispatched_at: now, signed_at: null,
    },
    note: reason ? `派遣至${target.name}（${reason}）` : `派遣至${target.name}`,
    data: { target, suggested: suggested.target, rule: suggested.reason, override: overrides },
    audience: 'public', tell: `已派遣至${target.name}`,
  };
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

const sameTarget = (a: RouteTarget, b: RouteTarget) =>
  a.kind === b.kind && (a.kind === 'unit' ? a.orgUnitId === (b as typeof a).orgUnitId : a.regionId === (b as typeof a).regionId);

async function mergeStep(deps: CaseDeps, viewer: Viewer, c: CaseRow, targetId: number, reason: string | undefined, now: Date): Promise<Step> {
  if (targetId === c.id) throw invalid('MERGE_SELF', '不能与自身合并');
  const target = await deps.cases.byId(targetId);
  // Only into a case the viewer dispatches too: one on their own desk (case-policy.ts).
  if (!target || !caseAccess(viewer, factsOf(target, viewer, false)).relations.has('dispatcher')) throw notFound('目标事件');
  if (!target.open || target.status === 'suspended') throw invalid('MERGE_TARGET_CLOSED', '只能并入正在办理的事件');
  // Every signal of the merged case becomes a signal of the target, so its reporters hear the outcome.
  await deps.steps.copySources(c.id, target.id);
  await recordCaseEvent(deps.timeline, {
    caseId: target.id, at: now, actor: { userId: viewer.userId, name: viewer.displayName, unit: viewer.regionName },
    action: 'merge', fromStatus: target.status, toStatus: target.status, note: `并入事件${c.number}${reason ? `：${reason}` : ''}`,
    audience: 'staff', data: { from: c.id, fromNumber: c.number },
  });
  return {
    set: { merged_into_id: target.id }, note: `与事件${target.number}为同一问题，合并办理${reason ? `：${reason}` : ''}`,
    data: { into: target.id, intoNumber: target.number }, audience: 'public', tell: `已与事件${target.number}合并办理`,
  };
}

async function superviseStep(deps: CaseDeps, viewer: Viewer, c: CaseRow, note: string, now: Date): Promise<Step> {
  await deps.steps.insertSupervision({
    case_id: c.id, level: 1, org_unit_id: c.handler_unit_id, region_id: c.handler_unit_id ? null : (c.handler_region_id ?? c.region_id),
    reason: note, issued_at: now, issued_by: viewer.userId,
  });
  return {
    set: { supervision_level: Math.max(1, c.supervision_level), escalate_at: c.escalate_at ?? deps.calendar.addWorkingHours(now, deps.settings.escalateHours) },
    note, audience: 'staff',
  };
}

async function scheduleQuestionnaires(deps: CaseDeps, caseId: number, now: Date) {
  const users = await deps.cases.reporterIds(caseId);
  await deps.steps.scheduleQuestionnaires(caseId, users, new Date(now.getTime() + deps.settings.questionnaireDays * 86_400_000));
}
