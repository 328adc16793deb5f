import type { Updateable } from 'kysely';
import type { CaseTable } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { CaseStatus } from '../../../common/enums.js';
import { SATISFACTION_ZH } from '../../../common/labels-zh.js';
import { invalid, notFound } from '../../platform/errors.js';
import { isWithin } from '../../platform/scope.js';
import { planTransition } from './case-states.js';
import { clocksAfter } from './case-clocks.js';
import { within, type CaseContext } from './case-context.js';
import { readableCase } from './case-access.js';
import type { Audience, CaseAccess } from './case-policy.js';
import { routeCase, type RouteTarget } from './case-routing.js';
import { attachPhotos } from './case-photos.js';
import { notifyReporters, notifyUsers, recordCaseEvent } from './case-timeline.js';
import { caseById, handlersOfTarget, lockCase, reporterIds, type CaseRow } from './cases.repository.js';
import type { ActionInput } from './cases.schema.js';

/**
 * One step of a case, in one transaction: lock the case, ask the case policy who the viewer is
 * to it, let the state machine judge, apply the step's effects and clocks, write the timeline
 * line, attach photos, tell the reporters. A refusal anywhere rolls all of it back.
 */
export async function actOnCase(ctx: CaseContext, viewer: Viewer, caseId: number, input: ActionInput) {
  await ctx.db.transaction().execute(async (trx) => {
    const t = within(ctx, trx);
    const { c, access } = await readableCase(trx, viewer, await lockCase(trx, caseId));
    const to = planTransition(
      { status: c.status as CaseStatus, pendingRequest: c.pending_request, reopenCount: c.reopen_count },
      input.action, access.relations, { satisfaction: input.action === 'evaluate' ? input.satisfaction : undefined },
    );
    const now = ctx.clock.now();
    const step = await effectsOf(t, viewer, c, input, to, now, access);
    const clocks = clocksAfter(ctx.calendar, c, c, input.action, now, step.clockOptions);
    await trx.updateTable('cases').set({ ...step.set, ...clocks, status: to, last_event_at: now }).where('id', '=', c.id).execute();
    const eventId = await recordCaseEvent(trx, {
      caseId: c.id, at: now, actor: { userId: viewer.userId, name: viewer.displayName, unit: actorUnit(viewer, c) },
      action: step.eventAction ?? input.action, fromStatus: c.status, toStatus: to, note: step.note ?? null,
      audience: step.audience, data: step.data,
    }, { touchCase: false });
    if ('photoIds' in input) await attachPhotos(trx, viewer.userId, input.photoIds, c.id, eventId);
    if (step.audience === 'public' && step.tell) await notifyReporters(trx, c.id, viewer.userId, `事件${c.number}${step.tell}`, step.note ?? '', now);
    if (input.action === 'close') await scheduleQuestionnaires(t, c.id, now);
    if (to === 'dispatched') {
      const unitId = step.set?.handler_unit_id !== undefined ? step.set.handler_unit_id : c.handler_unit_id;
      const regionId = step.set?.handler_region_id !== undefined ? step.set.handler_region_id : c.handler_region_id;
      // The people who must sign: one working hour to sign is short.
      const handlers = await handlersOfTarget(trx, { unitId: unitId ?? null, regionId: regionId ?? null });
      await notifyUsers(trx, handlers, { kind: 'case_dispatched', caseId: c.id, title: `新派遣事件${c.number}：${c.title}`, body: step.note ?? '', audience: 'internal', at: now });
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

async function effectsOf(ctx: CaseContext, viewer: Viewer, c: CaseRow, input: ActionInput, to: CaseStatus, now: Date, access: CaseAccess): Promise<Step> {
  switch (input.action) {
    case 'accept': return { set: { accepted_at: now }, note: input.note, audience: 'public', tell: '已受理' };
    case 'reject': return { note: input.reason, audience: 'public', tell: '不予受理' };
    case 'register': return { note: input.note, audience: 'public' };
    case 'dispatch': return dispatchStep(ctx, viewer, c, input.target, input.reason, now);
    case 'transfer': {
      const step = await dispatchStep(ctx, viewer, c, input.target, input.reason, now);
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
    case 'merge': return mergeStep(ctx, viewer, c, input.targetCaseId, input.reason, now);
    case 'comment': {
      // An internal note is for the people working the case; a reporter's own note is always public.
      const internal = input.internal && access.view === 'staff';
      return { note: input.note, audience: internal ? 'internal' : 'public' };
    }
    case 'supervise': return superviseStep(ctx, viewer, c, input.note, now);
  }
}

async function dispatchStep(ctx: CaseContext, viewer: Viewer, c: CaseRow, wanted: { orgUnitId?: number; regionId?: number } | undefined, reason: string | undefined, now: Date): Promise<Step> {
  const suggested = await routeCase(ctx.db, { categoryId: c.category_id, regionId: c.region_id, regionPath: c.region_path, attributes: c.attributes });
  const target = wanted ? await resolveTarget(ctx, viewer, c, wanted) : suggested.target;
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

async function resolveTarget(ctx: CaseContext, viewer: Viewer, c: CaseRow, wanted: { orgUnitId?: number; regionId?: number }): Promise<RouteTarget> {
  if (wanted.orgUnitId !== undefined) {
    const unit = await ctx.db.selectFrom('org_units').select(['id', 'name']).where('id', '=', wanted.orgUnitId).executeTakeFirst();
    if (!unit) throw notFound('承办单位');
    return { kind: 'unit', orgUnitId: unit.id, name: unit.name };
  }
  const region = await ctx.db.selectFrom('regions').select(['id', 'name', 'path', 'level']).where('id', '=', wanted.regionId!).executeTakeFirst();
  // A grid or community inside both the dispatcher's region and the case's town.
  if (!region || !['grid', 'community'].includes(region.level) || !isWithin(viewer, region.path)) throw notFound('网格');
  return { kind: 'grid', regionId: region.id, name: region.name };
}

const sameTarget = (a: RouteTarget, b: RouteTarget) =>
  a.kind === b.kind && (a.kind === 'unit' ? a.orgUnitId === (b as typeof a).orgUnitId : a.regionId === (b as typeof a).regionId);

async function mergeStep(ctx: CaseContext, viewer: Viewer, c: CaseRow, targetId: number, reason: string | undefined, now: Date): Promise<Step> {
  if (targetId === c.id) throw invalid('MERGE_SELF', '不能与自身合并');
  const target = await caseById(ctx.db, targetId);
  if (!target || !isWithin(viewer, target.region_path)) throw notFound('目标事件');
  if (!target.open || target.status === 'suspended') throw invalid('MERGE_TARGET_CLOSED', '只能并入正在办理的事件');
  // Every signal of the merged case becomes a signal of the target, so its reporters hear the outcome.
  const sources = await ctx.db.selectFrom('case_sources').selectAll().where('case_id', '=', c.id).execute();
  for (const s of sources) {
    await ctx.db.insertInto('case_sources').values({
      case_id: target.id, source: s.source, reference: s.reference, reporter_user_id: s.reporter_user_id, reporter_name: s.reporter_name,
      reporter_phone: s.reporter_phone, anonymous: s.anonymous, description: s.description, reported_at: s.reported_at, merged_from_id: c.id,
    }).execute();
  }
  await recordCaseEvent(ctx.db, {
    caseId: target.id, at: now, actor: { userId: viewer.userId, name: viewer.displayName, unit: viewer.regionName },
    action: 'merge', fromStatus: target.status, toStatus: target.status, note: `并入事件${c.number}${reason ? `：${reason}` : ''}`,
    audience: 'staff', data: { from: c.id, fromNumber: c.number },
  });
  return {
    set: { merged_into_id: target.id }, note: `与事件${target.number}为同一问题，合并办理${reason ? `：${reason}` : ''}`,
    data: { into: target.id, intoNumber: target.number }, audience: 'public', tell: `已与事件${target.number}合并办理`,
  };
}

async function superviseStep(ctx: CaseContext, viewer: Viewer, c: CaseRow, note: string, now: Date): Promise<Step> {
  await ctx.db.insertInto('case_supervisions').values({
    case_id: c.id, level: 1, org_unit_id: c.handler_unit_id, region_id: c.handler_unit_id ? null : (c.handler_region_id ?? c.region_id),
    reason: note, issued_at: now, issued_by: viewer.userId,
  }).execute();
  return {
    set: { supervision_level: Math.max(1, c.supervision_level), escalate_at: c.escalate_at ?? ctx.calendar.addWorkingHours(now, ctx.settings.escalateHours) },
    note, audience: 'staff',
  };
}

function actorUnit(viewer: Viewer, c: CaseRow) {
  if (viewer.orgUnitId !== null && viewer.orgUnitId === c.handler_unit_id) return c.handler_unit_name;
  return viewer.role === 'resident' ? null : viewer.regionName;
}

async function scheduleQuestionnaires(ctx: CaseContext, caseId: number, now: Date) {
  const users = await reporterIds(ctx.db, caseId);
  if (!users.length) return;
  const sendAt = new Date(now.getTime() + ctx.settings.questionnaireDays * 86_400_000);
  await ctx.db.insertInto('case_questionnaires').values(users.map((user_id) => ({ case_id: caseId, user_id, send_at: sendAt })))
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doUpdateSet({ send_at: sendAt, sent_at: null, answered_at: null, fixed: null, comment: null })).execute();
}

