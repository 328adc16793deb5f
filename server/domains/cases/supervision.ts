import type { Viewer } from '../../platform/auth/viewer.js';
import { invalid, notFound } from '../../platform/errors.js';
import { withAdvisoryLock } from '../../platform/db/advisory-lock.js';
import { offsetOf } from '../../platform/paging.js';
import type { Page } from '../../../common/contracts/shared.js';
import type { CaseStatistics, SupervisionBoard, SupervisionNotice } from '../../../common/contracts/case-desk.js';
import { addressedTo } from './policy.js';
import { caseDeps, type CaseContext, type CaseDeps } from './context.js';
import { countyWide } from './cases.repository.js';
import { recordCaseEvent } from './timeline.js';
import { isOpenStatus } from './states.js';
import { noticeRow, type NoticePlan, type StepLine, type StepRules } from './steps.js';
import type { CaseStatus, SlaUnit } from '../../../common/enums.js';
import { basisOf, type TimeBasis } from '../../platform/calendar/working-calendar.js';
import { staffLens } from './cases.presenter.js';
import { presentBoard, presentNotice, presentStatistics } from './supervision.presenter.js';

/**
 * 督办. The sweep runs every minute in every server process; each of its steps claims rows with
 * one UPDATE … RETURNING, so two processes never issue the same notice twice.
 *  1. An open case past its next deadline with no notice gets a 督办单 to its handling unit
 *     (or grid), and a time after which it escalates.
 *  2. A case still overdue at that time goes to the leader in charge of the unit, with the
 *     leader's AB角 copied (division of labour from the gazette).
 *  3. Questionnaires due are put into the reporters' inboxes.
 *  4. The cases' changes of status since the last round are folded into the board's counts
 *     (migrations/0037), so the board reads a minute's changes at most beside them.
 */
export type SweepDeps = Pick<
  CaseDeps,
  'supervision' | 'steps' | 'catalogue' | 'timeline' | 'clock' | 'calendar' | 'settings' | 'transaction'
>;

/** A case the sweep claimed, as its UPDATE … RETURNING gives it. */
export interface ClaimedCase {
  id: number;
  status: string;
  step: string;
  handler_unit_id: number | null;
  handler_region_id: number | null;
  region_id: number;
}

/** The steps a handling unit (or grid) owes; the others are the desk's. */
const HANDLER_STEPS = new Set(['sign', 'handle']);
const STEP_ZH: Record<string, string> = { accept: '受理', dispatch: '派遣', sign: '签收', handle: '处置', verify: '核查', close: '结案' };

/**
 * Pure: the 督办单 for an overdue case. 受理, 派遣, 核查 and 结案 wait on the desk of the case's
 * region, not on the handling unit, which cannot act on them (docs/decisions/007).
 */
export function noticeFor(c: ClaimedCase) {
  const unitStep = HANDLER_STEPS.has(c.step);
  return {
    reason: `${STEP_ZH[c.step] ?? '办理'}已超时限，请立即办理并反馈`,
    orgUnitId: unitStep ? c.handler_unit_id : null,
    regionId: unitStep ? (c.handler_unit_id ? null : (c.handler_region_id ?? c.region_id)) : c.region_id,
  };
}

/**
 * Pure: where an escalation goes. A unit's overdue step goes to the unit's leader in charge with
 * the AB角; without one, and for the desk's steps, to the town the case (or its grid) lies in,
 * whose region `townOf` gives.
 */
export function escalationFor(
  c: ClaimedCase,
  leader: { leaderId: number; leaderName: string; backupId: number | null; backupName: string | null } | null,
) {
  return {
    reason: leader
      ? `督办后仍未办结，报分管领导${leader.leaderName}${leader.backupName ? `（AB角：${leader.backupName}）` : ''}`
      : '督办后仍未办结，报属地镇街',
    orgUnitId: leader ? c.handler_unit_id : null,
    /** The region whose town the escalation goes to, when it goes to no leader. */
    townOfRegionId: leader ? null : HANDLER_STEPS.has(c.step) ? (c.handler_region_id ?? c.region_id) : c.region_id,
  };
}

/** Whether an escalated case's unit has a leader to go to: only a unit's own steps do. */
export const escalatesToLeader = (c: ClaimedCase) => HANDLER_STEPS.has(c.step) && c.handler_unit_id !== null;

/** The leader in charge of a unit with the AB角 (catalogue.repository.ts leaderInCharge). */
export interface Leader {
  leaderId: number;
  leaderName: string;
  backupId: number | null;
  backupName: string | null;
}

/** The sweep signs its notices and lines as no one. */
export const SWEEP_ACTOR = { userId: null, name: '系统', unit: '督办' } as const;

/** What the sweep reads of a case to judge it: the claims' conditions (supervision.repository.ts). */
export interface SweptCase extends ClaimedCase {
  paused_at: Date | null;
  next_deadline_at: Date | null;
  supervision_level: number;
  escalate_at: Date | null;
}

const overdue = (c: SweptCase, now: Date) =>
  isOpenStatus(c.status as CaseStatus) && c.paused_at === null && c.next_deadline_at !== null && c.next_deadline_at <= now;

/** Pure: whether a round of the sweep at `now` claims the case for a 督办单 (claimOverdue). */
export const dueForNotice = (c: SweptCase, now: Date) => overdue(c, now) && c.supervision_level === 0;

/** Pure: whether a round of the sweep at `now` claims the case for escalation (claimEscalations). */
export const dueForEscalation = (c: SweptCase, now: Date) =>
  overdue(c, now) && c.supervision_level === 1 && c.escalate_at !== null && c.escalate_at <= now;

/** What one round of the sweep does to one case it claimed: the row's changes, the 督办单 and the staff line. */
export interface SweepPlan {
  changes: { supervision_level: number; escalate_at: Date | null };
  notice: NoticePlan;
  line: StepLine;
}

/**
 * Pure: when a 督办单 issued at `now` escalates, on each basis: after escalateHours of office
 * time, or of real time for a calendar_hours case (decision 037). The claim picks by category.
 */
export const escalationTimes = (rules: StepRules, now: Date): Record<TimeBasis, Date> => ({
  working: rules.calendar.addHours(now, rules.settings.escalateHours, 'working'),
  calendar: rules.calendar.addHours(now, rules.settings.escalateHours, 'calendar'),
});

/** Pure: the row of a case claimed for a 督办单 at `now` (the claim writes it): level 1, and when it escalates. */
export const noticeChanges = (rules: StepRules, now: Date, slaUnit: SlaUnit) => ({
  supervision_level: 1,
  escalate_at: escalationTimes(rules, now)[basisOf(slaUnit)],
});

/** Pure: the 督办单 a round at `now` issues for an overdue case. */
export function noticeStep(rules: StepRules, c: ClaimedCase & { sla_unit: SlaUnit }, now: Date): SweepPlan {
  const notice = noticeFor(c);
  return {
    changes: noticeChanges(rules, now, c.sla_unit),
    notice: {
      level: 1,
      orgUnitId: notice.orgUnitId,
      regionId: notice.regionId,
      leaderId: null,
      backupLeaderId: null,
      reason: notice.reason,
      issuedBy: null,
    },
    line: sweepLine(c, 'supervise', notice.reason, {}),
  };
}

/**
 * Pure: the escalation of a case still overdue when its 督办单 ran out. `leader` is the unit's
 * leader in charge when escalatesToLeader(c); `town` the town of escalationFor(c, leader)
 * .townOfRegionId when it goes to no leader, else null.
 */
export function escalationStep(c: ClaimedCase, leader: Leader | null, town: number | null): SweepPlan {
  const escalation = escalationFor(c, leader);
  return {
    changes: { supervision_level: 2, escalate_at: null },
    notice: {
      level: 2,
      orgUnitId: escalation.orgUnitId,
      regionId: town,
      leaderId: leader?.leaderId ?? null,
      backupLeaderId: leader?.backupId ?? null,
      reason: escalation.reason,
      issuedBy: null,
    },
    line: sweepLine(c, 'escalate', escalation.reason, { leader }),
  };
}

/** The sweep's own timeline line: staff read it; it is not news the public's case has moved. */
const sweepLine = (c: ClaimedCase, action: string, note: string, data: Record<string, unknown>): StepLine => ({
  action,
  fromStatus: c.status,
  toStatus: c.status,
  note,
  audience: 'staff',
  data,
});

/** The 回访 message a reporter receives once it is due. */
export const questionnaireNotice = (caseNumber: string) => ({
  title: `回访：事件${caseNumber}的问题真的解决了吗？`,
  body: '请告诉我们问题是否已经解决，您的回答会用于考评承办单位。',
});

export async function superviseOverdue(deps: SweepDeps) {
  const now = deps.clock.now();
  const noticed = await issueNotices(deps, now);
  const escalated = await escalate(deps, now);
  const asked = await sendQuestionnaires(deps, now);
  const folded = await deps.supervision.foldStatusCounts();
  return { noticed, escalated, asked, folded };
}

/** One round of the sweep over the whole county. */
export const sweepSupervision = (ctx: CaseContext) => superviseOverdue(caseDeps(ctx, countyWide(ctx.db)));

async function issueNotices(deps: SweepDeps, now: Date) {
  return deps.transaction(async (tx) => {
    const claimed = await tx.supervision.claimOverdue(now, escalationTimes(deps, now));
    for (const c of claimed) await writeSweepStep(tx, c.id, noticeStep(deps, c, now), now);
    return claimed.length;
  });
}

async function escalate(deps: SweepDeps, now: Date) {
  return deps.transaction(async (tx) => {
    const claimed = await tx.supervision.claimEscalations(now);
    for (const c of claimed) {
      const leader = escalatesToLeader(c) ? await tx.catalogue.leaderInCharge(c.handler_unit_id!) : null;
      const { townOfRegionId } = escalationFor(c, leader);
      const town = townOfRegionId === null ? null : await tx.supervision.townOf(townOfRegionId);
      await writeSweepStep(tx, c.id, escalationStep(c, leader, town), now);
    }
    return claimed.length;
  });
}

/** The 督办单 and the line of a case the claim has already moved (its changes are the claim's). */
async function writeSweepStep(tx: SweepDeps, caseId: number, step: SweepPlan, now: Date) {
  await tx.steps.insertSupervision(noticeRow(caseId, step.notice, now));
  await recordCaseEvent(tx.timeline, { caseId, at: now, actor: SWEEP_ACTOR, ...step.line }, { touchCase: false });
}

async function sendQuestionnaires(deps: SweepDeps, now: Date) {
  return deps.transaction(async (tx) => {
    const due = await tx.supervision.claimDueQuestionnaires(now);
    for (const q of due) {
      await tx.notify([q.userId], {
        kind: 'questionnaire',
        caseId: q.caseId,
        at: now,
        audience: 'public',
        ...questionnaireNotice(q.number),
      });
    }
    return due.length;
  });
}

/**
 * The supervision sweep's advisory lock (beside migrate.ts's 370124, the IoT sweep's 370125 and
 * the rule timers' 370126).
 * Its claims alone would never notice a case twice (UPDATE … RETURNING), but with several
 * processes each round would still be done N times over, waiting on each other's row locks.
 */
const SUPERVISION_SWEEP_LOCK = 370_127;

/**
 * One round in one process at a time across all of them (a try-lock: a process that finds the
 * round under way skips it); null when skipped. The round runs on the lock's connection.
 */
export const sweepSupervisionOnce = (ctx: CaseContext) =>
  withAdvisoryLock(ctx.db, SUPERVISION_SWEEP_LOCK, (conn) => sweepSupervision({ ...ctx, db: conn }), { wait: false });

/** Runs the sweep on a timer until stopped; a failed round is logged and the next one tries again. */
export function startSupervisionSweep(ctx: CaseContext, log: (message: string) => void) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const r = await sweepSupervisionOnce(ctx);
      if (r && (r.noticed || r.escalated || r.asked)) log(`督办：新督办 ${r.noticed} 件，升级 ${r.escalated} 件，回访 ${r.asked} 件`);
    } catch (e) {
      log(`督办扫描失败：${(e as Error).message}`);
    } finally {
      running = false;
    }
  }, ctx.settings.sweepSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * Signs a 督办单 addressed to the viewer (policy.ts addressedTo). A notice addressed to
 * someone else does not exist for them: a county department's handler once signed a grid's
 * notices because the county's path begins every grid's (issue 7, finding 1).
 */
export async function acknowledgeNotice(deps: Pick<CaseDeps, 'supervision' | 'clock'>, viewer: Viewer, noticeId: number) {
  const notice = await deps.supervision.noticeById(noticeId);
  const region =
    notice?.region_id != null && notice.path && notice.level ? { id: notice.region_id, path: notice.path, level: notice.level } : null;
  if (!notice || !addressedTo(viewer, { orgUnitId: notice.org_unit_id, region })) throw notFound('督办单');
  await deps.supervision.acknowledge(noticeId, deps.clock.now(), viewer.userId);
}

/** 督办单: a department handler sees its unit's, the desk those of its region's cases. */
export async function listNotices(
  deps: Pick<CaseDeps, 'supervision'>,
  viewer: Viewer,
  q: { page: number; pageSize: number; open?: 'true' | 'false' },
): Promise<Page<SupervisionNotice>> {
  const unitId = viewer.role === 'dept_handler' ? (viewer.orgUnitId ?? -1) : undefined;
  const { rows, total } = await deps.supervision.notices(
    { unitId, openOnly: q.open === 'true' },
    { offset: offsetOf(q), limit: q.pageSize },
  );
  const lens = staffLens(viewer);
  return { total, items: rows.map((s) => presentNotice(s, lens)) };
}

/** The supervision board of the deps' scope: open cases red and yellow per handling unit and per town, and the totals. */
export async function supervisionBoard(deps: Pick<CaseDeps, 'supervision' | 'clock'>): Promise<SupervisionBoard> {
  return presentBoard(await deps.supervision.board(deps.clock.now()));
}

/** Pure: the period of the statistics, days in Beijing time, by default the 30 days up to now. */
export function statisticsPeriod(q: { from?: string; to?: string }, now: Date) {
  const to = q.to ? new Date(`${q.to}T00:00:00+08:00`) : now;
  const from = q.from ? new Date(`${q.from}T00:00:00+08:00`) : new Date(now.getTime() - 30 * 86_400_000);
  if (!(from < to)) throw invalid('PERIOD', '开始日期须早于结束日期');
  return { from, to };
}

/**
 * Per-unit statistics over the scope's cases reported in the period: received, handled, on time
 * (handled before the promise), average handling hours (dispatch to handled), reopen rate,
 * satisfaction.
 */
export async function caseStatistics(deps: Pick<CaseDeps, 'supervision'>, period: { from: Date; to: Date }): Promise<CaseStatistics> {
  return presentStatistics(await deps.supervision.statistics(period));
}
