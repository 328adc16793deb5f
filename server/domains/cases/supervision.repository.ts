import { sql } from 'kysely';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { pageOf } from '../../platform/paging.js';
import { clockConditions } from './cases.repository.js';
import type { TimeBasis } from '../../platform/calendar/working-calendar.js';

/**
 * 督办 and 考评. The sweep's claims are county-wide (it works for the whole county, in every
 * server process); the board, the statistics and a desk's notices are the viewer's region,
 * through the ScopedDb; a department's notices are its unit's wherever the case lies.
 */
const CLAIMED = ['id', 'status', 'step', 'handler_unit_id', 'handler_region_id', 'region_id'] as const;

export function supervisionRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  return {
    /**
     * Open cases past their next deadline with no notice yet, claimed for a 督办单 with one
     * UPDATE … RETURNING, so two processes never claim the same case.
     */
    claimOverdue: (now: Date, escalateAt: Record<TimeBasis, Date>) =>
      db
        .updateTable('cases')
        .from('case_categories as cat')
        .set({
          supervision_level: 1,
          // A calendar_hours case escalates after real hours, as its promise runs (basisOf in
          // working-calendar.ts; decision 037): a fire's 督办单 is not left until Monday.
          escalate_at: sql<Date>`CASE WHEN cat.sla_unit = 'calendar_hours' THEN ${escalateAt.calendar}::timestamptz ELSE ${escalateAt.working}::timestamptz END`,
        })
        .whereRef('cat.id', '=', 'cases.category_id')
        .where(sql<boolean>`cases.open`)
        .where('cases.paused_at', 'is', null)
        .where('cases.next_deadline_at', '<=', now)
        .where('cases.supervision_level', '=', 0)
        .returning([
          'cases.id',
          'cases.status',
          'cases.step',
          'cases.handler_unit_id',
          'cases.handler_region_id',
          'cases.region_id',
          'cat.sla_unit',
        ])
        .execute(),

    /** Cases still overdue when their 督办单 ran out, claimed for escalation the same way. */
    claimEscalations: (now: Date) =>
      db
        .updateTable('cases')
        .set({ supervision_level: 2, escalate_at: null })
        .where('supervision_level', '=', 1)
        .where('escalate_at', '<=', now)
        .where(sql<boolean>`open`)
        .where('paused_at', 'is', null)
        .where('next_deadline_at', '<=', now)
        .returning(CLAIMED)
        .execute(),

    /** Questionnaires due, claimed for sending, with their case's number. */
    async claimDueQuestionnaires(now: Date) {
      const due = await db
        .updateTable('case_questionnaires')
        .set({ sent_at: now })
        .where('sent_at', 'is', null)
        .where('send_at', '<=', now)
        .returning(['case_id', 'user_id'])
        .execute();
      const caseIds = due.map((q) => q.case_id);
      const cases = caseIds.length ? await db.selectFrom('cases').select(['id', 'number']).where('id', 'in', caseIds).execute() : [];
      const numbers = new Map(cases.map((c) => [c.id, c.number]));
      return due.map((q) => ({ caseId: q.case_id, userId: q.user_id, number: numbers.get(q.case_id)! }));
    },

    /** The town a region lies in (its path's second id), or the region itself above towns. */
    async townOf(regionId: number) {
      const region = await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirstOrThrow();
      const townId = Number(region.path.split('/').filter(Boolean)[1]);
      return Number.isFinite(townId) ? townId : regionId;
    },

    /** A notice with the region it is addressed to, for policy.ts addressedTo. */
    noticeById: (id: number) =>
      db
        .selectFrom('case_supervisions as s')
        .leftJoin('regions as g', 'g.id', 's.region_id')
        .select(['s.org_unit_id', 's.region_id', 'g.path', 'g.level'])
        .where('s.id', '=', id)
        .executeTakeFirst(),

    async acknowledge(id: number, at: Date, userId: number) {
      await db
        .updateTable('case_supervisions')
        .set({ acknowledged_at: at, acknowledged_by: userId })
        .where('id', '=', id)
        .where('acknowledged_at', 'is', null)
        .execute();
    },

    /**
     * Folds the changes appended since the last fold into the counts per region path and status
     * (migrations/0037), in one statement. A change committed meanwhile is not in this statement's
     * snapshot and waits for the next fold; two folds at once never take the same line, as the
     * second's DELETE skips what the first deleted. Returns the lines folded.
     */
    foldStatusCounts: async () => {
      const { rows } = await sql<{ lines: number }>`
        WITH folded AS (DELETE FROM case_status_deltas RETURNING region_path, status, delta),
        summed AS (
          INSERT INTO case_status_counts AS c (region_path, status, n)
          SELECT region_path, status, sum(delta) FROM folded GROUP BY region_path, status HAVING sum(delta) <> 0
          ON CONFLICT (region_path, status) DO UPDATE SET n = c.n + EXCLUDED.n
        )
        SELECT count(*)::int AS lines FROM folded`.execute(db);
      return rows[0].lines;
    },

    /** Notices newest first: a unit's wherever its cases lie, or those of the cases in the scope. */
    notices(f: { unitId?: number; openOnly: boolean }, page: { offset: number; limit: number }) {
      let base =
        f.unitId !== undefined
          ? db.selectFrom('cases').innerJoin('case_supervisions as s', 's.case_id', 'cases.id').where('s.org_unit_id', '=', f.unitId)
          : scoped.selectFrom('cases').innerJoin('case_supervisions as s', 's.case_id', 'cases.id');
      if (f.openOnly) base = base.where('s.acknowledged_at', 'is', null);
      // prettier-ignore
      const rows = base
        .leftJoin('org_units as u', 'u.id', 's.org_unit_id')
        .leftJoin('regions as g', 'g.id', 's.region_id')
        .leftJoin('leaders as l', 'l.id', 's.leader_id')
        .leftJoin('leaders as b', 'b.id', 's.backup_leader_id')
        .select([
          's.id', 's.case_id', 'cases.number', 'cases.title', 'cases.status', 's.level', 's.reason', 's.issued_at', 's.issued_by',
          's.acknowledged_at', sql<string>`coalesce(u.name, g.name)`.as('unit'), 'l.name as leader', 'b.name as backup_leader',
        ])
        .orderBy('s.issued_at', 'desc')
        .orderBy('s.id', 'desc')
        .offset(page.offset)
        .limit(page.limit);
      return pageOf(rows, base);
    },

    /** Open cases of the scope by handling unit (or grid) and by town, by clock colour, and all its cases by status. */
    async board(now: Date) {
      const open = scoped.selectFrom('cases').where(sql<boolean>`cases.open`);
      const colour = clockConditions.colourAt(now);
      // Each grouping counts the open cases by ids and colour first, from the open-cases index
      // alone (migrations/0017), and only then puts names to the few hundred groups.
      const byHandler = open
        .select(['cases.handler_unit_id', 'cases.handler_region_id', colour.as('colour'), (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy([sql`1`, sql`2`, sql`3`])
        .as('c');
      const byPlace = open
        .select(['cases.region_path', colour.as('colour'), (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy([sql`1`, sql`2`])
        .as('c');
      const [byUnit, byTown, byStatus] = await Promise.all([
        // A grid is named with its community: every community has a 第一网格.
        db
          .selectFrom(byHandler)
          .leftJoin('org_units as u', 'u.id', 'c.handler_unit_id')
          .leftJoin('regions as g', 'g.id', 'c.handler_region_id')
          .leftJoin('regions as gp', 'gp.id', 'g.parent_id')
          .select([
            sql<string>`coalesce(u.name, CASE WHEN g.level = 'grid' THEN gp.name || g.name ELSE g.name END, '待派遣')`.as('name'),
            sql<number | null>`c.handler_unit_id`.as('unit_id'),
            sql<number | null>`c.handler_region_id`.as('region_id'),
            'c.colour',
            'c.n',
          ])
          .execute(),
        db
          .selectFrom(byPlace)
          .innerJoin('regions as town', (j) => j.on(sql<boolean>`town.path = substring(c.region_path from '^/[0-9]+/[0-9]+/')`))
          .select(['town.id', 'town.name', 'c.colour', sql<number>`sum(c.n)`.as('n')])
          .groupBy(['town.id', 'town.name', 'c.colour'])
          .execute(),
        // Every case of the scope by status, from the counts kept per region path and status
        // (migrations/0037) and the changes not folded into them yet, in one statement.
        db
          .selectFrom(
            scoped
              .selectFrom('case_status_counts')
              .select(['case_status_counts.status', 'case_status_counts.n'])
              .unionAll(scoped.selectFrom('case_status_deltas').select(['case_status_deltas.status', 'case_status_deltas.delta as n']))
              .as('k'),
          )
          .select(['k.status', sql<number>`sum(k.n)`.as('n')])
          .groupBy('k.status')
          .execute(),
      ]);
      return { byUnit, byTown, byStatus };
    },

    /**
     * Figures over the scope's cases reported in [from, to): per unit (credited with what it signed,
     * 首接, or before signing what was dispatched to it), per top category, per source, per day.
     */
    async statistics(p: { from: Date; to: Date }) {
      const inPeriod = scoped.selectFrom('cases').where('cases.reported_at', '>=', p.from).where('cases.reported_at', '<', p.to);
      const [units, categories, sources, daily] = await Promise.all([
        inPeriod
          .innerJoin('org_units as u', (j) => j.on(sql<boolean>`u.id = coalesce(cases.first_unit_id, cases.handler_unit_id)`))
          .select([
            'u.id',
            'u.name',
            (eb) => eb.fn.countAll<number>().as('received'),
            sql<number>`count(cases.handled_at)`.as('handled'),
            sql<number>`count(*) FILTER (WHERE cases.handled_at <= cases.due_at)`.as('on_time'),
            sql<number | null>`avg(extract(epoch FROM cases.handled_at - cases.dispatched_at) / 3600)`.as('avg_hours'),
            sql<number>`count(*) FILTER (WHERE cases.reopen_count > 0)`.as('reopened'),
            sql<number>`count(cases.satisfaction)`.as('rated'),
            sql<number>`count(*) FILTER (WHERE cases.satisfaction IN ('satisfied','basically_satisfied'))`.as('satisfied'),
          ])
          .groupBy(['u.id', 'u.name'])
          .orderBy(sql`3`, 'desc')
          .execute(),
        inPeriod
          .innerJoin('case_categories as leaf', 'leaf.id', 'cases.category_id')
          .leftJoin('case_categories as top', 'top.id', 'leaf.parent_id')
          .select([sql<string>`coalesce(top.name, leaf.name)`.as('name'), (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(sql`1`)
          .orderBy(sql`2`, 'desc')
          .execute(),
        inPeriod
          .select(['cases.source', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('cases.source')
          .execute(),
        inPeriod
          .select([
            sql<string>`to_char(cases.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
            (eb) => eb.fn.countAll<number>().as('reported'),
            sql<number>`count(cases.handled_at)`.as('handled'),
          ])
          .groupBy(sql`1`)
          .orderBy(sql`1`)
          .execute(),
      ]);
      return { units, categories, sources, daily };
    },
  };
}
export type SupervisionRepository = ReturnType<typeof supervisionRepository>;
