import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { loadBaseData } from '../../cli/demo-county.js';
import { createDemoAccounts } from '../identity/demo-accounts.js';
import { generateCounty } from '../../seed/generate-county.js';
import { generateCases } from '../../seed/cases.js';
import { QUEUES } from '../../../common/case-queues.js';

/**
 * The workbench as each role opens it, on a generated demo county: the tab totals of one request
 * agree with what each tab lists, and the clock colours a list is filtered by are the colours its
 * rows show.
 */
const NOW = new Date('2026-11-30T15:20:00+08:00'); // a Monday afternoon
const PASSWORD = 'Demo@2023pass';
let t: Awaited<ReturnType<typeof buildTestApp>>;
const cookies: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await buildTestApp({ clock: manualClock(NOW), mode: 'demo' });
  await loadBaseData(t.db, () => {});
  await generateCounty(t.db, { residents: 1200, seed: 5 });
  await createDemoAccounts(t.db, PASSWORD);
  await generateCases(t.db, { cases: 400, seed: 5, now: NOW });
  for (const who of ['county.admin', 'county.leader', 'chengguan.handler', 'jinyuan.grid', 'yushan.staff', 'jinyuan.staff'])
    cookies[who] = { cookie: (await loginAs(t.app, who, PASSWORD)).cookie };
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const get = async (who: string, url: string) => {
  const res = await t.app.inject({ url, headers: cookies[who] });
  expect(res.statusCode, url).toBe(200);
  return res.json();
};

/** The list query of a tab, as the admin's workbench sends it (web/admin/modules/cases/case-queues.ts). */
const TAB_QUERY: Record<string, string> = {
  mine: 'queue=mine',
  reported: 'status=reported',
  accepted: 'status=accepted',
  registered: 'status=registered',
  working: 'status=dispatched,in_progress',
  handled: 'status=handled',
  verified: 'status=verified',
  suspended: 'status=suspended',
  all: '',
};

describe('GET /api/cases/totals', () => {
  it.each(['county.admin', 'chengguan.handler', 'jinyuan.grid', 'yushan.staff'])(
    'gives %s every tab total in one answer, each equal to the tab list total',
    async (who) => {
      for (const filter of ['', 'clock=red', 'source=hotline']) {
        const { totals, allEstimated } = await get(who, `/api/cases/totals?${filter}`);
        expect(Object.keys(totals).sort()).toEqual([...QUEUES].sort());
        expect(allEstimated).toBe(false);
        for (const queue of QUEUES) {
          const list = await get(who, `/api/cases?pageSize=1&${TAB_QUERY[queue]}&${filter}`);
          expect(totals[queue], `${who} ${queue} ${filter}`).toBe(list.total);
        }
      }
      // Something to count: the demo county gives every desk work.
      expect((await get(who, '/api/cases/totals')).totals.all).toBeGreaterThan(0);
    },
  );

  it('refuses a bad filter with a stable code and counts nothing', async () => {
    const res = await t.app.inject({ url: '/api/cases/totals?clock=purple', headers: cookies['county.admin'] });
    expect(res.statusCode).toBe(400);
  });
});

describe('clock colours agree between the filters and the rows', () => {
  it.each(['red', 'yellow'] as const)(
    'every row of clock=%s shows that colour, and every open row of it is in the filter',
    async (colour) => {
      const filtered = await get('county.admin', `/api/cases?clock=${colour}&pageSize=200`);
      expect(filtered.total).toBeGreaterThan(0);
      for (const c of filtered.items) expect(c.clock, c.number).toBe(colour);
      const open = await get('county.admin', '/api/cases?open=true&pageSize=200');
      expect(open.total).toBeLessThanOrEqual(200);
      expect(open.items.filter((c: { clock: string }) => c.clock === colour)).toHaveLength(filtered.total);
    },
  );

  it('says how late a red case is in working days, and gives no percentage past 99', async () => {
    const open = await get('county.admin', '/api/cases?open=true&pageSize=200');
    for (const c of open.items) {
      const { state, percent, overdue } = c.clockReading;
      if (c.clock === 'red') expect([state, percent, overdue?.workingHours > 0]).toEqual(['overdue', null, true]);
      else expect(overdue).toBeNull();
      if (percent !== null) expect(percent).toBeLessThan(100);
      if (c.clock === 'yellow') expect(percent).toBeGreaterThanOrEqual(80);
      if (c.clock === 'green' && percent !== null) expect(percent).toBeLessThan(80);
    }
  });
});

describe('GET /api/cases/home: each role lands on its own desk', () => {
  /** The desk each demo account works at, and the workbench list that is that desk's queue. */
  const DESKS: [string, string, string][] = [
    ['chengguan.handler', 'unit', 'queue=mine'],
    ['jinyuan.grid', 'grid', 'queue=mine'],
    ['jinyuan.staff', 'intake', 'status=reported'],
    ['yushan.staff', 'intake', 'status=reported'],
    ['county.leader', 'overview', 'open=true'],
    ['county.admin', 'overview', 'open=true'],
  ];

  it.each(DESKS)('%s: the %s desk, its figures those of the workbench list %s', async (who, desk, queue) => {
    const home = await get(who, '/api/cases/home');
    expect(home.desk).toBe(desk);
    const total = async (extra: string) => (await get(who, `/api/cases?pageSize=1&${queue}&${extra}`)).total;
    expect(home.waiting).toBe(await total(''));
    expect(home.overdue).toBe(await total('clock=red'));
    expect(home.nearlyDue).toBe(await total('clock=yellow'));
    expect(home.dueToday).toBeLessThanOrEqual(home.waiting - home.overdue);
    // The most urgent are the queue's first by deadline.
    const first = await get(who, `/api/cases?pageSize=5&sort=deadline&${queue}`);
    expect(home.urgent.map((c: { id: number }) => c.id)).toEqual(first.items.map((c: { id: number }) => c.id));
    if (desk === 'overview') {
      expect(home.reportedToday).toBeGreaterThanOrEqual(0);
      expect(home.areas.length).toBeGreaterThan(1);
      expect(home.areas.reduce((n: number, a: { open: number }) => n + a.open, 0)).toBe(home.waiting);
      expect(home.areas.reduce((n: number, a: { overdue: number }) => n + a.overdue, 0)).toBe(home.overdue);
    } else {
      expect([home.reportedToday, home.areas]).toEqual([null, []]);
    }
  });

  it('gives the demo desks work to show (one grid of 400 cases may have none waiting)', async () => {
    for (const [who] of DESKS.filter(([, desk]) => desk !== 'grid'))
      expect((await get(who, '/api/cases/home')).waiting, who).toBeGreaterThan(0);
  });
});
