import type { Insertable, Selectable } from 'kysely';
import type { CaseStatus, PendingCaseRequest, Satisfaction } from '../../../common/enums.js';
import type { RouteTarget } from '../../../common/contracts/cases.js';
import { SATISFACTION_ZH } from '../../../common/labels-zh.js';
import { basisOf, type WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import type { CaseSupervisionTable, CaseTable } from '../../platform/db/schema.js';
import { invalid } from '../../platform/errors.js';
import { planTransition } from './states.js';
import { clocksAfter, type CaseClocks, type CategoryLimits } from './clocks.js';
import type { Audience, CaseRelation } from './policy.js';
import type { Route } from './routing.js';

/**
 * Each step of a case as a pure definition (docs/decisions/014): given the case as it is, the
 * step's inputs already resolved (the target found, the request known), who takes it and when,
 * it answers with everything the step does — the status (states.ts judges), the row's
 * changes and clocks (clocks.ts), the timeline line, what the reporters are told, a 督办单.
 * It reads nothing and writes nothing: actOnCase (actions.ts) resolves the inputs and
 * writes the plan in one transaction; the demo seed (server/seed/cases.ts) applies the very
 * same plans to the cases it generates, so a generated case is one the engine would have made.
 */

/** The fields of a case row that steps change, in the types the engine works with. */
export type CaseFields = CaseClocks &
  Pick<
    Selectable<CaseTable>,
    | 'status'
    | 'accepted_at'
    | 'dispatched_at'
    | 'signed_at'
    | 'handled_at'
    | 'verified_at'
    | 'closed_at'
    | 'evaluated_at'
    | 'handler_unit_id'
    | 'handler_region_id'
    | 'first_unit_id'
    | 'merged_into_id'
    | 'pending_request'
    | 'paused_status'
    | 'result'
    | 'satisfaction'
    | 'reopen_count'
    | 'last_event_at'
  >;
export type CaseChanges = Partial<CaseFields>;

/** What a step reads of a case: its fields, who it is, and its category's limits. A CaseRow is one. */
export interface StepCase extends CaseFields, CategoryLimits {
  id: number;
  number: string;
  title: string;
  region_id: number;
}

/** Who asked for an extension or a suspension (null user: a request the demo seed wrote). */
export interface Requester {
  userId: number | null;
  name: string;
}

/** The case a merge joins, as the resolver found it (and the case policy let the viewer dispatch). */
export interface MergeTarget {
  id: number;
  number: string;
  status: string;
  open: boolean;
}

/** A step's inputs once resolved: the request body, with what needed the database filled in. */
export type StepInput =
  | { action: 'accept' | 'register' | 'sign' | 'resume' | 'verify' | 'close' | 'approve_request'; note?: string }
  | { action: 'reject' | 'return' | 'verify_fail' | 'refuse_request'; reason: string }
  /** `route` is the routing's suggestion; `target` the one the dispatcher chose instead, if any. */
  | { action: 'dispatch' | 'transfer'; route: Route; target?: RouteTarget; reason?: string }
  | { action: 'request_extension'; days: number; reason: string; by: Requester }
  | { action: 'request_suspension'; reason: string; by: Requester }
  | { action: 'handle'; result: string }
  | { action: 'evaluate'; satisfaction: Satisfaction; comment?: string }
  | { action: 'merge'; into: MergeTarget; reason?: string }
  /** `staffView`: the author reads the case as staff (policy.ts), the only ones who write internal notes. */
  | { action: 'comment'; note: string; internal: boolean; staffView: boolean }
  | { action: 'supervise'; note: string; by: { userId: number | null } };

/** A timeline line as a step leaves it; who wrote it is the caller's to say. */
export interface StepLine {
  action: string;
  fromStatus: string;
  toStatus: string;
  note: string | null;
  audience: Audience;
  data: Record<string, unknown>;
}

/** A 督办单: a supervisor's or the sweep's (supervision.ts). */
export interface NoticePlan {
  level: 1 | 2;
  orgUnitId: number | null;
  regionId: number | null;
  leaderId: number | null;
  backupLeaderId: number | null;
  reason: string;
  issuedBy: number | null;
}

/** The case_supervisions row of a 督办单 issued at `at`. */
export const noticeRow = (caseId: number, n: NoticePlan, at: Date): Insertable<CaseSupervisionTable> => ({
  case_id: caseId,
  level: n.level,
  org_unit_id: n.orgUnitId,
  region_id: n.regionId,
  leader_id: n.leaderId,
  backup_leader_id: n.backupLeaderId,
  reason: n.reason,
  issued_at: at,
  issued_by: n.issuedBy,
});

export interface StepPlan {
  to: CaseStatus;
  /** Everything the row gets: the step's fields, its clocks, the status and the last activity. */
  changes: CaseChanges;
  line: StepLine;
  /** The message to the case's reporters, when the line is news to them. */
  news: { title: string; body: string } | null;
  /** A 督办单 the step issues. */
  notice: NoticePlan | null;
  /** The line a merge leaves on the case it joins (whose sources it takes too). */
  mergedInto: { caseId: number; line: StepLine } | null;
  /** A case (re)dispatched: its handlers are told to sign; the target whose people to tell. */
  handlersToTell: { unitId: number | null; regionId: number | null; title: string; body: string } | null;
  /** 结案: the 回访 questionnaires are scheduled. */
  asksQuestionnaires: boolean;
}

/** What steps need of the engine: the working-day calendar and the 督办 setting. */
export interface StepRules {
  calendar: WorkingCalendar;
  settings: { escalateHours: number };
}

/**
 * One step, planned. Refuses (throws the AppError a client sees) as the state machine and the
 * step's own checks refuse; otherwise the plan for `now`.
 */
export function planStep(rules: StepRules, c: StepCase, input: StepInput, relations: ReadonlySet<CaseRelation>, now: Date): StepPlan {
  const to = planTransition(
    { status: c.status as CaseStatus, pendingRequest: c.pending_request, reopenCount: c.reopen_count },
    input.action,
    relations,
    { satisfaction: input.action === 'evaluate' ? input.satisfaction : undefined },
  );
  const effect = effectOf(rules, c, input, to, now);
  const clocks = clocksAfter(rules.calendar, c, c, input.action, now, effect.clockOptions);
  const changes: CaseChanges = { ...effect.set, ...clocks, status: to, last_event_at: now };
  const line: StepLine = {
    action: effect.lineAction ?? input.action,
    fromStatus: c.status,
    toStatus: to,
    note: effect.note ?? null,
    audience: effect.audience,
    data: effect.data ?? {},
  };
  return {
    to,
    changes,
    line,
    news: newsOf(c.number, line),
    notice: effect.notice ?? null,
    mergedInto: effect.mergedInto ?? null,
    handlersToTell:
      to === 'dispatched'
        ? {
            unitId: changes.handler_unit_id !== undefined ? changes.handler_unit_id : c.handler_unit_id,
            regionId: changes.handler_region_id !== undefined ? changes.handler_region_id : c.handler_region_id,
            // The people who must sign: one working hour to sign is short.
            title: `新派遣事件${c.number}：${c.title}`,
            body: line.note ?? '',
          }
        : null,
    asksQuestionnaires: input.action === 'close',
  };
}

/** What the reporters read after "事件PY…", by the line it follows; a line not listed is no news to them. */
const NEWS: Record<string, (data: Record<string, unknown>) => string> = {
  accept: () => '已受理',
  reject: () => '不予受理',
  dispatch: (d) => `已派遣至${(d.target as RouteTarget).name}`,
  transfer: () => '已转办',
  sign: () => '已签收',
  approve_request: (d) => {
    const request = d.request as PendingCaseRequest;
    return request.kind === 'suspension' ? '已挂账' : `办理期限延长${request.days}个工作日`;
  },
  resume: () => '恢复办理',
  handle: () => '处置完成',
  verify: () => '已核查',
  verify_fail: () => '核查未通过，退回处置',
  close: () => '已结案，请您评价',
  reopen: () => '因不满意重新办理',
  merge: (d) => `已与事件${d.intoNumber as string}合并办理`,
};

/** The message a public line of a step sends the case's reporters, or null. */
export function newsOf(caseNumber: string, line: Pick<StepLine, 'action' | 'audience' | 'note' | 'data'>): StepPlan['news'] {
  const tell = line.audience === 'public' ? NEWS[line.action] : undefined;
  return tell ? { title: `事件${caseNumber}${tell(line.data)}`, body: line.note ?? '' } : null;
}

interface Effect {
  set?: CaseChanges;
  note?: string;
  data?: Record<string, unknown>;
  audience: Audience;
  lineAction?: string;
  clockOptions?: { extensionDays?: number; suspension?: boolean; reopened?: boolean };
  notice?: NoticePlan;
  mergedInto?: StepPlan['mergedInto'];
}

function effectOf(rules: StepRules, c: StepCase, input: StepInput, to: CaseStatus, now: Date): Effect {
  switch (input.action) {
    case 'accept':
      return { set: { accepted_at: now }, note: input.note, audience: 'public' };
    case 'reject':
      return { note: input.reason, audience: 'public' };
    case 'register':
      return { note: input.note, audience: 'public' };
    case 'dispatch':
      return dispatchEffect(input, now);
    case 'transfer': {
      const effect = dispatchEffect(input, now);
      // A formal transfer is the one thing that moves 首接负责 to the receiving unit.
      return { ...effect, set: { ...effect.set, first_unit_id: effect.set?.handler_unit_id ?? null, signed_at: null } };
    }
    case 'sign':
      return { set: { signed_at: now, first_unit_id: c.first_unit_id ?? c.handler_unit_id }, note: input.note, audience: 'public' };
    case 'return':
      return { set: { handler_unit_id: null, handler_region_id: null, signed_at: null }, note: input.reason, audience: 'staff' };
    case 'request_extension':
    case 'request_suspension': {
      const extension = input.action === 'request_extension';
      const days = extension ? input.days : undefined;
      const request: PendingCaseRequest = {
        kind: extension ? 'extension' : 'suspension',
        days,
        reason: input.reason,
        byUserId: input.by.userId,
        byName: input.by.name,
        at: now.toISOString(),
      };
      return { set: { pending_request: request }, note: input.reason, data: { days }, audience: 'staff' };
    }
    case 'approve_request': {
      const request = c.pending_request!;
      const suspension = request.kind === 'suspension';
      return {
        set: { pending_request: null, ...(suspension ? { paused_status: 'in_progress' } : {}) },
        note: input.note ?? (suspension ? `同意挂账：${request.reason}` : `同意延期 ${request.days} 个工作日：${request.reason}`),
        data: { request },
        audience: 'public',
        clockOptions: suspension ? { suspension: true } : { extensionDays: request.days },
      };
    }
    case 'refuse_request':
      return { set: { pending_request: null }, note: input.reason, data: { request: c.pending_request }, audience: 'staff' };
    case 'resume':
      return { set: { paused_status: null }, note: input.note, audience: 'public' };
    case 'handle':
      return { set: { result: input.result, handled_at: now }, note: input.result, audience: 'public' };
    case 'verify':
      return { set: { verified_at: now }, note: input.note, audience: 'public' };
    case 'verify_fail':
      return { set: { handled_at: null }, note: input.reason, audience: 'public' };
    case 'close':
      return { set: { closed_at: now }, note: input.note, audience: 'public' };
    case 'evaluate': {
      const reopened = to === 'dispatched';
      return {
        set: { satisfaction: input.satisfaction, evaluated_at: now, ...(reopened ? reopening(c, now) : {}) },
        note: [SATISFACTION_ZH[input.satisfaction], input.comment].filter(Boolean).join('：'),
        data: { satisfaction: input.satisfaction, reopened },
        audience: 'public',
        lineAction: reopened ? 'reopen' : 'evaluate',
        clockOptions: { reopened },
      };
    }
    case 'merge':
      return mergeEffect(c, input);
    // An internal note is for the people working the case; a reporter's own note is always public.
    case 'comment':
      return { note: input.note, audience: input.internal && input.staffView ? 'internal' : 'public' };
    case 'supervise':
      return {
        set: {
          supervision_level: Math.max(1, c.supervision_level),
          escalate_at: c.escalate_at ?? rules.calendar.addHours(now, rules.settings.escalateHours, basisOf(c.sla_unit)),
        },
        note: input.note,
        audience: 'staff',
        notice: {
          level: 1,
          orgUnitId: c.handler_unit_id,
          regionId: c.handler_unit_id ? null : (c.handler_region_id ?? c.region_id),
          leaderId: null,
          backupLeaderId: null,
          reason: input.note,
          issuedBy: input.by.userId,
        },
      };
  }
}

function dispatchEffect(input: Extract<StepInput, { action: 'dispatch' | 'transfer' }>, now: Date): Effect {
  const suggested = input.route.target;
  const target = input.target ?? suggested;
  const overrides = !sameTarget(target, suggested);
  if (overrides && !input.reason)
    throw invalid('DISPATCH_REASON_REQUIRED', `建议派遣至“${suggested.name}”；改派其他单位须说明理由`, { suggested });
  return {
    set: {
      handler_unit_id: target.kind === 'unit' ? target.orgUnitId : null,
      handler_region_id: target.kind === 'grid' ? target.regionId : null,
      dispatched_at: now,
      signed_at: null,
    },
    note: input.reason ? `派遣至${target.name}（${input.reason}）` : `派遣至${target.name}`,
    data: { target, suggested, rule: input.route.reason, override: overrides },
    audience: 'public',
  };
}

/** A case sent back to its unit (不满意, or a questionnaire's "not fixed"): counted, its later steps undone, dispatched again now. */
export const reopening = (c: Pick<CaseFields, 'reopen_count'>, now: Date) => ({
  reopen_count: c.reopen_count + 1,
  handled_at: null,
  verified_at: null,
  closed_at: null,
  signed_at: null,
  dispatched_at: now,
});

const sameTarget = (a: RouteTarget, b: RouteTarget) =>
  a.kind === b.kind && (a.kind === 'unit' ? a.orgUnitId === (b as typeof a).orgUnitId : a.regionId === (b as typeof a).regionId);

function mergeEffect(c: StepCase, input: Extract<StepInput, { action: 'merge' }>): Effect {
  const { into, reason } = input;
  if (into.id === c.id) throw invalid('MERGE_SELF', '不能与自身合并');
  if (!into.open || into.status === 'suspended') throw invalid('MERGE_TARGET_CLOSED', '只能并入正在办理的事件');
  return {
    set: { merged_into_id: into.id },
    note: `与事件${into.number}为同一问题，合并办理${reason ? `：${reason}` : ''}`,
    data: { into: into.id, intoNumber: into.number },
    audience: 'public',
    mergedInto: {
      caseId: into.id,
      line: {
        action: 'merge',
        fromStatus: into.status,
        toStatus: into.status,
        note: `并入事件${c.number}${reason ? `：${reason}` : ''}`,
        audience: 'staff',
        data: { from: c.id, fromNumber: c.number },
      },
    },
  };
}
