import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../platform/db/schema.js';
import { manualClock } from '../platform/clock.js';
import { isInsideCounty } from '../platform/geo/county-boundary.js';
import { localDateOf, type SlaUnit } from '../platform/calendar/working-calendar.js';
import { buildTestApp, loginAs } from '../test/app.js';
import { loadBaseData } from '../cli/demo-county.js';
import { createDemoAccounts } from '../domains/identity/demo-accounts.js';
import { loadCalendar } from '../domains/cases/context.js';
import { estimatedRows } from '../domains/cases/cases.repository.js';
import { generateCounty } from './generate-county.js';
import { generateCases, type CasesSummary } from './cases.js';

/**
 * Demo cases on a small county: every row as the casework engine would have left it, so the
 * workbench, the overdue list, supervision and the resident's "我的事件" all have something real.
 */
const NOW = new Date('2026-11-30T15:20:00+08:00'); // a Monday afternoon
const PASSWORD = 'Demo@2023pass';
const CASES = 400;
let t: Awaited<ReturnType<typeof buildTestApp>>;
let db: Kysely<DB>;
let summary: CasesSummary;

beforeAll(async () => {
  t = await buildTestApp({ clock: manualClock(NOW), mode: 'demo' });
  db = t.db;
  await loadBaseData(db, () => {});
  await generateCounty(db, { residents: 1200, seed: 5 });
  await createDemoAccounts(db, PASSWORD);
  summary = await generateCases(db, { cases: CASES, seed: 5, now: NOW });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const rows = <T>(query: ReturnType<typeof sql<T>>) => query.execute(db).then((r) => r.rows);

describe('generateCases', () => {
  it('writes the asked number of cases over the last 120 days, numbered as reportCase numbers them', async () => {
    const cases = await db.selectFrom('cases').select(['number', 'reported_at']).orderBy('id').execute();
    expect(cases).toHaveLength(CASES);
    expect(summary.cases).toBe(CASES);
    for (const c of cases) {
      expect(c.number).toMatch(/^PY\d{14}$/);
      expect(c.number.slice(2, 10)).toBe(localDateOf(c.reported_at).replaceAll('-', ''));
      expect(c.reported_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(c.reported_at.getTime()).toBeGreaterThan(NOW.getTime() - 121 * 86_400_000);
    }
    const seqs = cases.map((c) => Number(c.number.slice(10)));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b)); // numbers rise with time
    const [{ next }] = await rows(sql<{ next: string }>`select nextval('case_number_seq') as next`);
    expect(Number(next)).toBeGreaterThan(Math.max(...seqs));
  });

  it('keeps the clocks as the engine keeps them', async () => {
    const cases = await db.selectFrom('cases').selectAll().execute();
    for (const c of cases) {
      if (c.open && c.status !== 'suspended') expect(c.next_deadline_at, c.number).not.toBeNull();
      if (c.status === 'suspended') expect(c.paused_at).not.toBeNull();
      if (c.accepted_at) expect(c.due_at).not.toBeNull();
      const order = [c.reported_at, c.accepted_at, c.dispatched_at, c.signed_at, c.handled_at, c.verified_at, c.closed_at].filter(
        (d): d is Date => d !== null,
      );
      for (let i = 1; i < order.length; i++)
        expect(order[i].getTime(), `${c.number} step ${i}`).toBeGreaterThanOrEqual(order[i - 1].getTime());
      if (c.handled_at)
        expect(c.handled_at >= c.dispatched_at! && c.dispatched_at! >= c.accepted_at! && c.accepted_at! >= c.reported_at).toBe(true);
      if (c.status === 'evaluated') expect(c.satisfaction).not.toBeNull();
      if (['dispatched', 'in_progress', 'handled'].includes(c.status)) expect(c.handler_unit_id ?? c.handler_region_id).not.toBeNull();
      if (c.status === 'in_progress' && c.handler_unit_id) expect(c.first_unit_id).toBe(c.handler_unit_id);
    }
    // Spot-check against the calendar: a unit's handling limit runs from dispatch (cases/clocks.ts 'sign').
    const calendar = await loadCalendar(db);
    const plain = await db
      .selectFrom('cases')
      .innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
      .select(['cases.number', 'cases.dispatched_at', 'cases.step_due_at', 'cat.sla_amount', 'cat.sla_unit'])
      .where('cases.status', '=', 'in_progress')
      .where('cases.reopen_count', '=', 0)
      .where('cases.id', 'not in', db.selectFrom('case_events').select('case_id').where('action', 'in', ['approve_request', 'verify_fail']))
      .execute();
    expect(plain.length).toBeGreaterThan(0);
    for (const c of plain) {
      expect(c.step_due_at!.toISOString(), c.number).toBe(
        calendar.deadline(c.dispatched_at!, c.sla_amount, c.sla_unit as SlaUnit).toISOString(),
      );
    }
  });

  it('has open cases red and yellow relative to now, and 督办 notices for overdue ones', async () => {
    const [colours] = await rows(sql<{ red: number; yellow: number; open: number; noticed: number }>`
      select count(*) filter (where next_deadline_at <= ${NOW})::int as red,
        count(*) filter (where next_deadline_at > ${NOW} and warn_at <= ${NOW})::int as yellow, count(*)::int as open,
        count(*) filter (where supervision_level > 0)::int as noticed
      from cases where open and paused_at is null`);
    expect(colours.red).toBeGreaterThan(0);
    expect(colours.yellow).toBeGreaterThan(0);
    expect(colours.red).toBeLessThan(colours.open);
    expect(colours.noticed).toBeGreaterThan(0);
    const notices = await db
      .selectFrom('case_supervisions')
      .innerJoin('cases', 'cases.id', 'case_supervisions.case_id')
      .select(['case_supervisions.issued_at', 'cases.reported_at'])
      .execute();
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) expect(n.issued_at >= n.reported_at && n.issued_at <= NOW).toBe(true);
  });

  it('writes each case a timeline in order that ends where the case is, and one source', async () => {
    const events = await db
      .selectFrom('case_events')
      .select(['case_id', 'id', 'at', 'action', 'from_status', 'to_status'])
      .orderBy('case_id')
      .orderBy('id')
      .execute();
    const cases = new Map((await db.selectFrom('cases').select(['id', 'status']).execute()).map((c) => [c.id, c.status]));
    const byCase = new Map<number, typeof events>();
    for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
    expect(byCase.size).toBe(CASES);
    for (const [caseId, timeline] of byCase) {
      expect(timeline[0].action).toBe('report');
      let status = 'reported';
      for (let i = 1; i < timeline.length; i++) {
        expect(timeline[i].at.getTime()).toBeGreaterThanOrEqual(timeline[i - 1].at.getTime());
        expect(timeline[i].from_status).toBe(status);
        status = timeline[i].to_status!;
      }
      expect(status).toBe(cases.get(caseId));
    }
    const sources = await rows(sql<{ n: number; hotline_without_number: number }>`
      select count(*)::int as n, count(*) filter (where source = 'hotline' and reference is null)::int as hotline_without_number from case_sources`);
    expect(sources[0]).toEqual({ n: CASES, hotline_without_number: 0 });
  });

  it('puts every point inside the county outline, most of them around the county seat', async () => {
    const points = await db.selectFrom('cases').select(['lon', 'lat']).where('lat', 'is not', null).execute();
    expect(points.length).toBeGreaterThan(CASES / 2);
    for (const p of points) expect(isInsideCounty(p.lon!, p.lat!)).toBe(true);
  });

  it('spreads categories, sources and handling units like a county desk sees them', async () => {
    const top = await rows(sql<{ name: string; n: number }>`
      select coalesce(p.name, c.name) as name, count(*)::int as n from cases join case_categories c on c.id = cases.category_id
      left join case_categories p on p.id = c.parent_id group by 1 order by 2 desc`);
    expect(
      top
        .slice(0, 2)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['公共设施', '市容环境']);
    const sources = new Set((await db.selectFrom('cases').select('source').distinct().execute()).map((s) => s.source));
    expect(sources).toEqual(new Set(['resident', 'grid_patrol', 'hotline', 'open311']));
    const units = await db.selectFrom('cases').select('handler_unit_id').distinct().where('handler_unit_id', 'is not', null).execute();
    expect(units.length).toBeGreaterThan(4);
  });

  it('gives the demo resident cases in several states, and the overdue list answers through the API', async () => {
    expect(summary.demoResidentCases).toBeGreaterThanOrEqual(4);
    const resident = await loginAs(t.app, 'resident.demo', PASSWORD);
    const mine = (await t.app.inject({ url: '/api/me/cases', headers: resident })).json();
    expect(mine.total).toBe(summary.demoResidentCases);
    expect(new Set(mine.items.map((c: { status: string }) => c.status)).size).toBeGreaterThanOrEqual(4);
    const inbox = (await t.app.inject({ url: '/api/me/notifications', headers: resident })).json();
    expect(inbox.total).toBeGreaterThan(0);

    const admin = await loginAs(t.app, 'county.admin', PASSWORD);
    const red = (await t.app.inject({ url: '/api/cases?clock=red&open=true&sort=deadline', headers: admin })).json();
    const [{ n }] = await rows(
      // Red as common/case-clock.ts reads it: a deadline passed, or the promise broken while it binds the case.
      sql<{ n: number }>`select count(*)::int as n from cases where open and paused_at is null
        and (next_deadline_at <= ${NOW} or (due_at <= ${NOW} and status in ('accepted','registered','dispatched','in_progress')))`,
    );
    expect(red.total).toBe(n);
    expect(red.items.every((c: { clock: string }) => c.clock === 'red')).toBe(true);
  });

  it("lists a unit's cases and the ones it answers for after a transfer, nearest deadline first, with the exact total", async () => {
    const unit = await db.selectFrom('org_units').select('id').where('name', '=', '县城市管理局').executeTakeFirstOrThrow();
    // 首接负责: a case the unit signed and then transferred still shows in its queue.
    const moved = await db
      .selectFrom('cases')
      .select('id')
      .where('status', '=', 'in_progress')
      .where('handler_unit_id', 'is not', null)
      .where('handler_unit_id', '!=', unit.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('cases').set({ first_unit_id: unit.id }).where('id', '=', moved.id).execute();
    const handler = await loginAs(t.app, 'chengguan.handler', PASSWORD);
    for (const qs of ['sort=deadline', 'status=dispatched,in_progress&sort=deadline', 'sort=newest']) {
      const page = (await t.app.inject({ url: `/api/cases?${qs}&pageSize=200`, headers: handler })).json();
      const statuses = qs.startsWith('status=') ? ['dispatched', 'in_progress'] : null;
      const order = qs.endsWith('newest') ? sql`reported_at desc, id desc` : sql`next_deadline_at asc nulls last, id`;
      const expected = await rows(sql<{
        id: number;
      }>`select id from cases where (handler_unit_id = ${unit.id} or first_unit_id = ${unit.id})
        ${statuses ? sql`and status in ('dispatched', 'in_progress')` : sql``} order by ${order}`);
      expect(page.total, qs).toBe(expected.length);
      expect(
        page.items.map((c: { id: number }) => c.id),
        qs,
      ).toEqual(expected.slice(0, 200).map((r) => r.id));
      expect(expected.map((r) => r.id)).toContain(moved.id);
    }
    // Past EXACT_COUNT_UP_TO the total is the planner's estimate; after ANALYZE it is near the truth.
    const estimate = await estimatedRows(db, db.selectFrom('cases').select('id').where('handler_unit_id', '=', unit.id));
    const [{ n }] = await rows(sql<{ n: number }>`select count(*)::int as n from cases where handler_unit_id = ${unit.id}`);
    expect(estimate).toBeGreaterThan(n * 0.7);
    expect(estimate).toBeLessThan(n * 1.3);
    const second = (await t.app.inject({ url: '/api/cases?sort=deadline&page=2&pageSize=7', headers: handler })).json();
    const all = await rows(
      sql<{
        id: number;
      }>`select id from cases where handler_unit_id = ${unit.id} or first_unit_id = ${unit.id} order by next_deadline_at asc nulls last, id`,
    );
    expect(second.items.map((c: { id: number }) => c.id)).toEqual(all.slice(7, 14).map((r) => r.id));
  });

  it('is deterministic: the same seed and now give the same cases again', async () => {
    const digest = async (fromId: number) => {
      const hash = createHash('sha256');
      const cases =
        await rows(sql`select category_id, status, source, title, description, lon, lat, region_id, handler_unit_id, reported_at,
        handled_at, next_deadline_at, satisfaction from cases where id > ${fromId} order by id limit ${CASES}`);
      const events = await rows(sql`select e.action, e.at, e.actor_name, e.note from case_events e where e.case_id > ${fromId}
        and e.case_id <= ${fromId + CASES} and e.action not in ('report', 'evaluate', 'reopen') order by e.case_id, e.id`);
      hash.update(JSON.stringify(cases)).update(JSON.stringify(events));
      return hash.digest('hex');
    };
    const first = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.min('id').as('id'))
      .executeTakeFirstOrThrow();
    await generateCases(db, { cases: CASES, seed: 5, now: NOW });
    expect(await digest(first.id - 1 + CASES)).toBe(await digest(first.id - 1));
  });
});
