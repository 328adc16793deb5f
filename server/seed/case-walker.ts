import { basisOf, type WorkingCalendar } from '../platform/calendar/working-calendar.js';
import type { IdSequence } from '../platform/db/bulk-insert.js';
import type { Satisfaction } from '../../common/enums.js';
import {
  clocksAtReport,
  dueForEscalation,
  dueForNotice,
  escalatesToLeader,
  escalationFor,
  escalationStep,
  noticeRow,
  noticeStep,
  planStep,
  SWEEP_ACTOR,
  type CaseRelation,
  type Leader,
  type NoticePlan,
  type Route,
  type StepCase,
  type StepInput,
  type StepLine,
  type StepRules,
} from '../domains/cases/index.js';
import type { DayRows, Row } from './cases.repository.js';
import type { Category, Draft } from './cases.js';
import { WeightedTable, type Random } from './random.js';

/**
 * Walks one generated case along the loop (上报 → 受理 → 立案 → 派遣 → 签收 → 处置 → 核查 → 结案 →
 * 评价) as far as it would have got by `now`, through the engine's own step definitions
 * (planStep, cases/steps.ts): the engine judges each step, changes the row, sets the clocks and
 * words the line, exactly as actOnCase would for the same step at the same moment. Between steps
 * the supervision sweep is replayed with the sweep's own decisions (supervision.ts): a 督办单 in
 * the first round after a deadline passes, escalation when it is still overdue. What this file
 * decides is only what people do: who acts, when (delays drawn in working minutes, mostly inside
 * the step's limit and sometimes past it), and what they write. A few cases stall for good.
 */
export interface WalkCase extends Draft {
  id: number;
  number: string;
  category: Category;
  route: Route;
  /** The leader in charge of the routed unit, with the AB角, for escalations. */
  leader: Leader | null;
}

/** Who a line names: a person and their unit or region. */
type Actor = readonly [name: string, unit: string | null];

const MINUTE = 60_000;
const SATISFACTION = new WeightedTable<Satisfaction>([
  ['satisfied', 80],
  ['basically_satisfied', 14],
  ['dissatisfied', 6],
]);
const RESULTS: Record<string, string[]> = {
  city_appearance: ['已安排人员清理完毕，现场恢复整洁', '已清运并加密巡查频次', '已劝离并对当事人进行教育'],
  public_facilities: ['已派维修人员修复', '已更换损坏部件，恢复正常', '已设置警示并完成修复'],
  public_security: ['已加强巡逻防控，并告知报事人', '派出所已出警处置'],
  fire_safety: ['已清理通道并张贴告知书', '已现场劝导并拆除私拉电线'],
  disputes: ['经社区调解，双方达成一致', '已组织双方协商，签订调解协议', '已引导当事人通过法律途径解决'],
  property_service: ['已督促物业公司维修完毕', '已约谈物业公司并限期整改'],
  noise: ['已现场劝导，噪音已停止', '已责令施工单位停止夜间施工'],
  illegal_parking: ['已联系车主挪车', '已张贴违停告知单并拖移'],
  abandoned_vehicles: ['已联系车主自行处置', '已按程序公告后拖移至停车场'],
  environment: ['已现场查处，责令停止排放', '已采样检测并督促整改'],
  food_safety: ['已对经营者立案调查并责令整改'],
  other: ['已转相关部门研究办理，并答复报事人'],
};
const REJECTIONS = ['经核实不属于受理范围，已告知向相关单位反映', '诉求不明确，联系报事人未果', '与已受理事件重复'];
const EXTENSIONS = ['需协调产权单位，申请延期', '维修材料需采购，申请延期', '涉及多个部门，需联合处置'];
const SUSPENSIONS = ['涉及历史遗留问题，待专项整治统一处理', '需等待法院判决结果'];
const VERIFY_FAILS = ['现场核查问题仍然存在', '处置不彻底，需继续处理'];
const DISSATISFIED = ['处理不彻底，问题又出现了', '处理太慢了'];

/** One relation per actor the walk plays; the engine judges each step by it (cases/states.ts). */
const AS: Record<'dispatcher' | 'handling_unit' | 'handling_grid' | 'verifier' | 'reporter', ReadonlySet<CaseRelation>> = {
  dispatcher: new Set(['dispatcher']),
  handling_unit: new Set(['handling_unit']),
  handling_grid: new Set(['handling_grid']),
  verifier: new Set(['verifier']),
  reporter: new Set(['reporter']),
};

export class CaseWalker {
  private readonly rules: StepRules;

  constructor(
    calendar: WorkingCalendar,
    private readonly now: Date,
    escalateHours: number,
    private readonly world: { county: { name: string }; names: (label: string | number, n: number) => string[] },
  ) {
    this.rules = { calendar, settings: { escalateHours } };
  }

  walk(r: Random, c: WalkCase, ids: { sources: IdSequence; events: IdSequence; supervisions: IdSequence }, out: DayRows) {
    const cal = this.rules.calendar,
      now = this.now.getTime();
    const s: StepCase = {
      id: c.id,
      number: c.number,
      title: c.title,
      region_id: c.regionId,
      sla_amount: c.category.sla_amount,
      sla_unit: c.category.sla_unit,
      sign_limit_hours: c.category.sign_limit_hours,
      status: 'reported',
      ...clocksAtReport(cal, c.reportedAt, c.category.sla_unit),
      accepted_at: null,
      dispatched_at: null,
      signed_at: null,
      handled_at: null,
      verified_at: null,
      closed_at: null,
      evaluated_at: null,
      handler_unit_id: null,
      handler_region_id: null,
      first_unit_id: null,
      merged_into_id: null,
      pending_request: null,
      paused_status: null,
      result: null,
      satisfaction: null,
      reopen_count: 0,
      last_event_at: c.reportedAt,
    };
    const place = c.place;
    // 12345 orders and outside applications land on the county's desk; the rest on the community's.
    const countyDesk = c.source === 'hotline' || c.source === 'open311';
    const desk = countyDesk ? this.world.county.name : place.communityName;
    const deskPeople = this.world.names(countyDesk ? 'county' : place.communityId, 2);
    const target = c.route.target;
    const handlerUnit = target.kind === 'unit' ? target.name : c.regionName;
    const handlerPeople = target.kind === 'unit' ? this.world.names(`unit-${target.orgUnitId}`, 3) : [place.worker ?? r.pick(deskPeople)];
    const handling = target.kind === 'unit' ? AS.handling_unit : AS.handling_grid;
    const verifier = place.worker ?? r.pick(deskPeople);

    const event = (at: Date, [name, unit]: Actor, line: Omit<StepLine, 'fromStatus'> & { fromStatus: string | null }) =>
      out.events.push({
        id: ids.events.next(),
        case_id: c.id,
        at: at.toISOString(),
        actor_name: name,
        actor_unit: unit,
        action: line.action,
        from_status: line.fromStatus,
        to_status: line.toStatus,
        note: line.note,
        audience: line.audience,
        data: JSON.stringify(line.data),
      });
    const notice = (at: Date, n: NoticePlan, acknowledgedAt: Date | null) =>
      out.supervisions.push({
        id: ids.supervisions.next(),
        ...noticeRow(c.id, n, at),
        issued_at: at.toISOString(),
        acknowledged_at: acknowledgedAt?.toISOString() ?? null,
      });
    const sweeper: Actor = [SWEEP_ACTOR.name, SWEEP_ACTOR.unit];

    /** The sweep's rounds up to `until`, each claiming what supervision.ts says is due then. */
    const sweep = (until: number) => {
      if (s.supervision_level === 0 && s.next_deadline_at) {
        // The first round after the deadline, or after the step that started already late.
        const at = new Date(Math.max(s.next_deadline_at.getTime(), s.last_event_at.getTime()) + MINUTE);
        if (at.getTime() >= until || !dueForNotice(s, at)) return;
        const step = noticeStep(this.rules, s, at);
        Object.assign(s, step.changes);
        // Most notices are signed by whom they are addressed to, within the working day.
        const ack = at.getTime() + r.int(10, 600) * MINUTE;
        notice(at, step.notice, ack < Math.min(until, now) && r.chance(0.8) ? new Date(ack) : null);
        event(at, sweeper, step.line);
      }
      if (s.supervision_level === 1 && s.escalate_at && s.escalate_at.getTime() + MINUTE < until) {
        const at = new Date(s.escalate_at.getTime() + MINUTE);
        if (!dueForEscalation(s, at)) return;
        const leader = escalatesToLeader(s) ? c.leader : null;
        // Where it goes to no leader, the town: every region a case names lies in its place's town.
        const step = escalationStep(s, leader, escalationFor(s, leader).townOfRegionId === null ? null : place.townId);
        Object.assign(s, step.changes);
        notice(at, step.notice, null);
        event(at, sweeper, step.line);
      }
    };
    /** One step, planned by the engine and applied; false when it would happen after now (or never). */
    const act = (at: Date | null, as: ReadonlySet<CaseRelation>, actor: Actor, input: StepInput) => {
      if (at === null || at.getTime() > now) {
        sweep(now);
        return false;
      }
      sweep(at.getTime());
      const plan = planStep(this.rules, s, input, as, at);
      Object.assign(s, plan.changes);
      event(at, actor, plan.line);
      return true;
    };
    const work = (from: Date, minutes: number) => cal.addWorkingMinutes(from, Math.max(0, minutes));
    const late = (p: number) => r.chance(p);
    const deskActor = (): Actor => [r.pick(deskPeople), desk];
    const handler = (): Actor => [r.pick(handlerPeople), handlerUnit];
    const verifierActor: Actor = [verifier, place.name];

    // The report line and source, as reportCase writes them.
    event(c.reportedAt, [c.reporter.actor, null], {
      action: 'report',
      fromStatus: null,
      toStatus: 'reported',
      note: c.description,
      audience: 'public',
      data: { source: c.source, ...(c.source === 'hotline' ? { hotlineOrderNo: c.reporter.reference } : {}) },
    });
    out.sources.push({
      id: ids.sources.next(),
      case_id: c.id,
      source: c.source,
      reference: c.reporter.reference,
      reporter_name: c.reporter.name,
      reporter_phone: c.reporter.phone,
      anonymous: c.reporter.anonymous,
      description: c.description,
      reported_at: c.reportedAt.toISOString(),
    });
    const finish = () => {
      out.cases.push(caseRow(c, s));
    };

    // 受理 within two working hours, mostly; a few reports lie unread.
    const tAccept = r.chance(0.002) ? null : work(c.reportedAt, late(0.03) ? r.int(125, 900) : r.int(3, 110));
    if (tAccept && r.chance(0.025)) {
      act(tAccept, AS.dispatcher, deskActor(), { action: 'reject', reason: r.pick(REJECTIONS) });
      return finish();
    }
    if (!act(tAccept, AS.dispatcher, deskActor(), { action: 'accept' })) return finish();
    const tRegister = work(tAccept!, r.int(1, 20));
    if (!act(tRegister, AS.dispatcher, deskActor(), { action: 'register' })) return finish();
    const tDispatch = work(tRegister, late(0.03) ? r.int(125, 900) : r.int(2, 100));
    // The desk follows the routing's suggestion.
    if (!act(tDispatch, AS.dispatcher, deskActor(), { action: 'dispatch', route: c.route })) return finish();

    const stalls = r.chance(0.012); // 疑难: the unit never gets it done
    for (;;) {
      const signLimit = c.category.sign_limit_hours * 60;
      const tSign = r.chance(0.003)
        ? null
        : work(s.dispatched_at!, late(0.04) ? r.int(signLimit + 5, signLimit * 8) : r.int(2, Math.max(3, signLimit - 5)));
      if (!act(tSign, handling, handler(), { action: 'sign' })) return finish();
      let last = tSign!;
      if (r.chance(0.03)) {
        const days = r.int(3, 10),
          reason = r.pick(EXTENSIONS),
          [byName] = handler();
        const tAsk = work(last, r.int(30, 600));
        if (!act(tAsk, handling, [byName, handlerUnit], { action: 'request_extension', days, reason, by: { userId: null, name: byName } }))
          return finish();
        const tApprove = work(tAsk, r.int(20, 400));
        if (!act(tApprove, AS.dispatcher, deskActor(), { action: 'approve_request' })) return finish();
        last = tApprove;
      }
      if (r.chance(0.01)) {
        const reason = r.pick(SUSPENSIONS),
          [byName] = handler();
        const tAsk = work(last, r.int(60, 1200));
        if (!act(tAsk, handling, [byName, handlerUnit], { action: 'request_suspension', reason, by: { userId: null, name: byName } }))
          return finish();
        const tApprove = work(tAsk, r.int(20, 400));
        if (!act(tApprove, AS.dispatcher, deskActor(), { action: 'approve_request' })) return finish();
        const tResume = r.chance(0.5) ? work(tApprove, r.int(5, 30) * 420) : null;
        if (!act(tResume, AS.dispatcher, deskActor(), { action: 'resume' })) return finish();
        last = tResume!;
      }
      // 处置: a share of the unit's time from dispatch, sometimes past the promise; real time for a
      // calendar_hours category (a fire is handled on a Saturday night too: decision 037).
      const basis = basisOf(c.category.sla_unit);
      const allowed = cal.minutesBetween(s.dispatched_at!, s.next_deadline_at ?? s.dispatched_at!, basis);
      let tHandle = stalls
        ? null
        : cal.addMinutes(s.dispatched_at!, allowed * (late(0.06) ? r.float(1.02, 3) : r.around(0.5, 0.35, 0.05, 0.97)), basis);
      if (tHandle && tHandle < last) tHandle = work(last, r.int(10, 120));
      const result = r.pick(RESULTS[c.category.parentCode] ?? RESULTS.other);
      if (!act(tHandle, handling, handler(), { action: 'handle', result })) return finish();
      const tVerify = work(tHandle!, late(0.03) ? r.int(430, 1500) : r.int(20, 360));
      if (r.chance(0.03)) {
        if (!act(tVerify, AS.verifier, verifierActor, { action: 'verify_fail', reason: r.pick(VERIFY_FAILS) })) return finish();
        const again = work(tVerify, r.int(60, 1200));
        if (!act(again, handling, handler(), { action: 'handle', result })) return finish();
        const tRecheck = work(again, r.int(20, 360));
        if (!act(tRecheck, AS.verifier, verifierActor, { action: 'verify', note: '复核通过' })) return finish();
      } else if (
        !act(tVerify, AS.verifier, verifierActor, { action: 'verify', note: r.pick(['现场核查，已处置到位', '已核实', undefined]) })
      )
        return finish();
      const tClose = work(s.verified_at!, late(0.02) ? r.int(430, 1500) : r.int(10, 300));
      if (!act(tClose, AS.dispatcher, deskActor(), { action: 'close' })) return finish();
      // Residents rate in the H5, callers when 12345 calls back; patrols and applications do not.
      const rates = c.source === 'resident' ? 0.65 : c.source === 'hotline' ? 0.85 : 0;
      if (!r.chance(rates)) return finish();
      const tRate = new Date(tClose.getTime() + r.int(30, 4 * 24 * 60) * MINUTE);
      const satisfaction = SATISFACTION.pick(r);
      const comment = satisfaction === 'dissatisfied' ? r.pick(DISSATISFIED) : undefined;
      if (!act(tRate, AS.reporter, [c.reporter.actor, null], { action: 'evaluate', satisfaction, comment })) return finish();
      // 不满意 sends a case back to its unit once (cases/states.ts MAX_REOPENS): the loop starts again at 签收.
      if (s.status !== 'dispatched') return finish();
    }
  }
}

function caseRow(c: WalkCase, s: StepCase): Row {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: c.id,
    number: c.number,
    category_id: c.category.id,
    status: s.status,
    source: c.source,
    title: c.title,
    description: c.description,
    attributes: JSON.stringify(c.attributes),
    is_public: c.category.is_public,
    urgent: c.urgent,
    lon: c.lon,
    lat: c.lat,
    address: c.address,
    location_text: c.locationText,
    house_id: c.houseId,
    region_id: c.regionId,
    region_path: c.regionPath,
    handler_unit_id: s.handler_unit_id,
    handler_region_id: s.handler_region_id,
    first_unit_id: s.first_unit_id,
    reported_at: c.reportedAt.toISOString(),
    accepted_at: iso(s.accepted_at),
    dispatched_at: iso(s.dispatched_at),
    signed_at: iso(s.signed_at),
    handled_at: iso(s.handled_at),
    verified_at: iso(s.verified_at),
    closed_at: iso(s.closed_at),
    evaluated_at: iso(s.evaluated_at),
    due_at: iso(s.due_at),
    warn_at: iso(s.warn_at),
    step: s.step,
    step_due_at: iso(s.step_due_at),
    next_deadline_at: iso(s.next_deadline_at),
    paused_at: iso(s.paused_at),
    paused_status: s.paused_status,
    pending_request: s.pending_request && JSON.stringify(s.pending_request),
    result: s.result,
    satisfaction: s.satisfaction,
    reopen_count: s.reopen_count,
    supervision_level: s.supervision_level,
    escalate_at: iso(s.escalate_at),
    last_event_at: s.last_event_at.toISOString(),
  };
}
