import { sql } from 'kysely';
import type { Viewer } from '../../platform/auth/viewer.js';
import { scopePath, under } from '../../platform/scope.js';
import { notFound } from '../../platform/errors.js';
import { addressedTo } from './case-policy.js';
import { leaderInCharge } from './case-routing.js';
import type { CaseContext } from './case-context.js';
import { notifyUsers, recordCaseEvent } from './case-timeline.js';

/**
 * 督办. The sweep runs every minute in every server process; each of its steps claims rows with
 * one UPDATE … RETURNING, so two processes never issue the same notice twice.
 *  1. An open case past its next deadline with no notice gets a 督办单 to its handling unit
 *     (or grid), and a time after which it escalates.
 *  2. A case still overdue at that time goes to the leader in charge of the unit, with the
 *     leader's AB角 copied (division of labour from the gazette).
 *  3. Questionnaires due are put into the reporters' inboxes.
 */
export async function sweepSupervision(ctx: CaseContext) {
  const now = ctx.clock.now();
  const noticed = await issueNotices(ctx, now);
  const escalated = await escalate(ctx, now);
  const asked = await sendQuestionnaires(ctx, now);
  return { noticed, escalated, asked };
}

async function issueNotices(ctx: CaseContext, now: Date) {
  const escalateAt = ctx.calendar.addWorkingHours(now, ctx.settings.escalateHours);
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx.updateTable('cases').set({ supervision_level: 1, escalate_at: escalateAt })
      .where(sql<boolean>`open`).where('paused_at', 'is', null).where('next_deadline_at', '<=', now).where('supervision_level', '=', 0)
      .returning(['id', 'status', 'step', 'handler_unit_id', 'handler_region_id', 'region_id']).execute();
    for (const c of claimed) {
      const reason = `${STEP_ZH[c.step] ?? '办理'}已超时限，请立即办理并反馈`;
      // 受理, 派遣, 核查 and 结案 wait on the desk of the case's region, not on the handling unit.
      const unitStep = HANDLER_STEPS.has(c.step);
      await trx.insertInto('case_supervisions').values({
        case_id: c.id, level: 1, reason, issued_at: now,
        org_unit_id: unitStep ? c.handler_unit_id : null,
        region_id: unitStep ? (c.handler_unit_id ? null : (c.handler_region_id ?? c.region_id)) : c.region_id,
      }).execute();
      await systemEvent(trx, c.id, c.status, 'supervise', reason, now, {});
    }
    return claimed.length;
  });
}

async function escalate(ctx: CaseContext, now: Date) {
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx.updateTable('cases').set({ supervision_level: 2, escalate_at: null })
      .where('supervision_level', '=', 1).where('escalate_at', '<=', now).where(sql<boolean>`open`).where('paused_at', 'is', null)
      .where('next_deadline_at', '<=', now)
      .returning(['id', 'status', 'step', 'handler_unit_id', 'handler_region_id', 'region_id']).execute();
    for (const c of claimed) {
      const unitStep = HANDLER_STEPS.has(c.step);
      const leader = unitStep && c.handler_unit_id ? await leaderInCharge(trx, c.handler_unit_id) : null;
      const reason = leader
        ? `督办后仍未办结，报分管领导${leader.leaderName}${leader.backupName ? `（AB角：${leader.backupName}）` : ''}`
        : '督办后仍未办结，报属地镇街';
      await trx.insertInto('case_supervisions').values({
        case_id: c.id, level: 2, org_unit_id: leader ? c.handler_unit_id : null,
        region_id: leader ? null : await townOf(trx, unitStep ? (c.handler_region_id ?? c.region_id) : c.region_id),
        leader_id: leader?.leaderId ?? null, backup_leader_id: leader?.backupId ?? null, reason, issued_at: now,
      }).execute();
      await systemEvent(trx, c.id, c.status, 'escalate', reason, now, { leader });
    }
    return claimed.length;
  });
}

async function sendQuestionnaires(ctx: CaseContext, now: Date) {
  return ctx.db.transaction().execute(async (trx) => {
    const due = await trx.updateTable('case_questionnaires').set({ sent_at: now })
      .where('sent_at', 'is', null).where('send_at', '<=', now).returning(['case_id', 'user_id']).execute();
    for (const q of due) {
      const c = await trx.selectFrom('cases').select('number').where('id', '=', q.case_id).executeTakeFirstOrThrow();
      await notifyUsers(trx, [q.user_id], {
        kind: 'questionnaire', caseId: q.case_id, at: now, audience: 'public',
        title: `回访：事件${c.number}的问题真的解决了吗？`, body: '请告诉我们问题是否已经解决，您的回答会用于考评承办单位。',
      });
    }
    return due.length;
  });
}

/** The steps a handling unit (or grid) owes; the others are the desk's. */
const HANDLER_STEPS = new Set(['sign', 'handle']);
const STEP_ZH: Record<string, string> = { accept: '受理', dispatch: '派遣', sign: '签收', handle: '处置', verify: '核查', close: '结案' };

/** The sweep's own timeline line: staff read it; it is not news the public's case has moved. */
async function systemEvent(db: CaseContext['db'], caseId: number, status: string, action: string, note: string, now: Date, data: Record<string, unknown>) {
  await recordCaseEvent(db, {
    caseId, at: now, actor: { userId: null, name: '系统', unit: '督办' }, action, fromStatus: status, toStatus: status, note, audience: 'staff', data,
  }, { touchCase: false });
}

async function townOf(db: CaseContext['db'], regionId: number) {
  const region = await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirstOrThrow();
  const townId = Number(region.path.split('/').filter(Boolean)[1]);
  return Number.isFinite(townId) ? townId : regionId;
}

/** Runs the sweep on a timer until stopped; a failed round is logged and the next one tries again. */
export function startSupervisionSweep(ctx: CaseContext, log: (message: string) => void) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const r = await sweepSupervision(ctx);
      if (r.noticed || r.escalated || r.asked) log(`督办：新督办 ${r.noticed} 件，升级 ${r.escalated} 件，回访 ${r.asked} 件`);
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
 * Signs a 督办单 addressed to the viewer (case-policy.ts addressedTo). A notice addressed to
 * someone else does not exist for them: a county department's handler once signed a grid's
 * notices because the county's path begins every grid's (issue 7, finding 1).
 */
export async function acknowledgeNotice(ctx: CaseContext, viewer: Viewer, noticeId: number) {
  const notice = await ctx.db.selectFrom('case_supervisions as s').leftJoin('regions as g', 'g.id', 's.region_id')
    .select(['s.org_unit_id', 's.region_id', 'g.path', 'g.level']).where('s.id', '=', noticeId).executeTakeFirst();
  const region = notice?.region_id != null && notice.path && notice.level ? { id: notice.region_id, path: notice.path, level: notice.level } : null;
  if (!notice || !addressedTo(viewer, { orgUnitId: notice.org_unit_id, region })) throw notFound('督办单');
  await ctx.db.updateTable('case_supervisions').set({ acknowledged_at: ctx.clock.now(), acknowledged_by: viewer.userId })
    .where('id', '=', noticeId).where('acknowledged_at', 'is', null).execute();
}

/**
 * The supervision board: open cases red and yellow per handling unit and per town, and the
 * totals the big screen shows (事件总计, 已处理, 未处理).
 */
export async function supervisionBoard(ctx: CaseContext, viewer: Viewer, regionId?: number) {
  const path = await scopePath(ctx.db, viewer, regionId);
  const now = ctx.clock.now();
  const open = ctx.db.selectFrom('cases').where('cases.region_path', 'like', under(path)).where(sql<boolean>`cases.open`);
  const colour = sql<string>`CASE WHEN cases.paused_at IS NOT NULL THEN 'paused' WHEN cases.next_deadline_at <= ${now} THEN 'red' WHEN cases.warn_at <= ${now} THEN 'yellow' ELSE 'green' END`;
  const [byUnit, byTown, totals] = await Promise.all([
    // A grid is named with its community: every community has a 第一网格.
    open.leftJoin('org_units as u', 'u.id', 'cases.handler_unit_id').leftJoin('regions as g', 'g.id', 'cases.handler_region_id')
      .leftJoin('regions as gp', 'gp.id', 'g.parent_id')
      .select([
        sql<string>`coalesce(u.name, CASE WHEN g.level = 'grid' THEN gp.name || g.name ELSE g.name END, '待派遣')`.as('name'),
        sql<number | null>`cases.handler_unit_id`.as('unit_id'), sql<number | null>`cases.handler_region_id`.as('region_id'),
        colour.as('colour'), (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .groupBy([sql`1`, sql`2`, sql`3`, sql`4`]).execute(),
    open.innerJoin('regions as town', (j) => j.on(sql<boolean>`town.path = substring(cases.region_path from '^/[0-9]+/[0-9]+/')`))
      .select(['town.id', 'town.name', colour.as('colour'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['town.id', 'town.name', sql`3`]).execute(),
    ctx.db.selectFrom('cases').where('cases.region_path', 'like', under(path))
      .select([
        // 事件总计 = 已处理 + 未处理 (+ 不予受理); merged cases live on in the case they joined.
        sql<number>`count(*) FILTER (WHERE status <> 'merged')`.as('total'),
        sql<number>`count(*) FILTER (WHERE status IN ('handled','verified','closed','evaluated'))`.as('handled'),
        sql<number>`count(*) FILTER (WHERE status IN ('reported','accepted','registered','dispatched','in_progress','suspended'))`.as('open'),
        sql<number>`count(*) FILTER (WHERE status = 'rejected')`.as('rejected'),
        sql<number>`count(*) FILTER (WHERE open AND paused_at IS NULL AND next_deadline_at <= ${now})`.as('overdue'),
      ]).executeTakeFirstOrThrow(),
  ]);
  return {
    totals: { total: Number(totals.total), handled: Number(totals.handled), open: Number(totals.open), rejected: Number(totals.rejected), overdue: Number(totals.overdue) },
    units: pivot(byUnit.map((r) => ({ key: r.unit_id ? `unit:${r.unit_id}` : `region:${r.region_id ?? 'none'}`, name: r.name, unitId: r.unit_id, regionId: r.region_id, colour: r.colour, n: Number(r.n) }))),
    towns: pivot(byTown.map((r) => ({ key: String(r.id), name: r.name, regionId: r.id, colour: r.colour, n: Number(r.n) }))),
  };
}

function pivot(rows: { key: string; name: string; colour: string; n: number; unitId?: number | null; regionId?: number | null }[]) {
  const out = new Map<string, { name: string; unitId: number | null; regionId: number | null; red: number; yellow: number; green: number; paused: number; open: number }>();
  for (const r of rows) {
    const row = out.get(r.key) ?? { name: r.name, unitId: r.unitId ?? null, regionId: r.regionId ?? null, red: 0, yellow: 0, green: 0, paused: 0, open: 0 };
    row[r.colour as 'red' | 'yellow' | 'green' | 'paused'] += r.n;
    row.open += r.n;
    out.set(r.key, row);
  }
  return [...out.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || b.open - a.open);
}

/**
 * Per-unit statistics over cases reported in a period: received, handled, on time (handled
 * before the promise), average handling hours (dispatch to handled), reopen rate, satisfaction.
 */
export async function caseStatistics(ctx: CaseContext, viewer: Viewer, p: { regionId?: number; from: Date; to: Date }) {
  const path = await scopePath(ctx.db, viewer, p.regionId);
  const inPeriod = ctx.db.selectFrom('cases').where('cases.region_path', 'like', under(path))
    .where('cases.reported_at', '>=', p.from).where('cases.reported_at', '<', p.to);
  const [units, categories, sources, daily] = await Promise.all([
    // A unit answers for what it signed (首接) or, before signing, for what was dispatched to it.
    inPeriod.innerJoin('org_units as u', (j) => j.on(sql<boolean>`u.id = coalesce(cases.first_unit_id, cases.handler_unit_id)`))
      .select([
        'u.id', 'u.name',
        (eb) => eb.fn.countAll<number>().as('received'),
        sql<number>`count(cases.handled_at)`.as('handled'),
        sql<number>`count(*) FILTER (WHERE cases.handled_at <= cases.due_at)`.as('on_time'),
        sql<number | null>`avg(extract(epoch FROM cases.handled_at - cases.dispatched_at) / 3600)`.as('avg_hours'),
        sql<number>`count(*) FILTER (WHERE cases.reopen_count > 0)`.as('reopened'),
        sql<number>`count(cases.satisfaction)`.as('rated'),
        sql<number>`count(*) FILTER (WHERE cases.satisfaction IN ('satisfied','basically_satisfied'))`.as('satisfied'),
      ]).groupBy(['u.id', 'u.name']).orderBy(sql`3`, 'desc').execute(),
    inPeriod.innerJoin('case_categories as leaf', 'leaf.id', 'cases.category_id').leftJoin('case_categories as top', 'top.id', 'leaf.parent_id')
      .select([sql<string>`coalesce(top.name, leaf.name)`.as('name'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy(sql`1`).orderBy(sql`2`, 'desc').execute(),
    inPeriod.select(['cases.source', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('cases.source').execute(),
    inPeriod.select([sql<string>`to_char(cases.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'), (eb) => eb.fn.countAll<number>().as('reported'),
      sql<number>`count(cases.handled_at)`.as('handled')]).groupBy(sql`1`).orderBy(sql`1`).execute(),
  ]);
  const rate = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);
  return {
    units: units.map((u) => ({
      unitId: u.id, name: u.name, received: Number(u.received), handled: Number(u.handled),
      onTimeRate: rate(Number(u.on_time), Number(u.handled)), avgHandlingHours: u.avg_hours === null ? null : Math.round(Number(u.avg_hours) * 10) / 10,
      reopenRate: rate(Number(u.reopened), Number(u.received)), satisfactionRate: rate(Number(u.satisfied), Number(u.rated)), rated: Number(u.rated),
    })),
    categories: categories.map((c) => ({ name: c.name, count: Number(c.n) })),
    sources: sources.map((s) => ({ source: s.source, count: Number(s.n) })),
    daily: daily.map((d) => ({ day: d.day, reported: Number(d.reported), handled: Number(d.handled) })),
  };
}
