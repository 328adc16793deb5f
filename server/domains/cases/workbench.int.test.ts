import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { loadBaseData } from '../../cli/demo-county.js';
import { createDemoAccounts } from '../identity/demo-accounts.js';
import { generateCounty } from '../../seed/generate-county.js';
import { generateCases } from '../../seed/cases.js';
import { QUEUES } from '../../../common/case-queues.js';
import { syncCaseCatalogue } from './catalogue.js';

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
      if (c.clock === 'red') expect([state, percent, overdue?.hours > 0]).toEqual(['overdue', null, true]);
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

  it('gives the overview something to show: the demo county has open cases', async () => {
    // The desks' own queues depend on where 400 generated cases fell; the county's cannot be empty.
    for (const who of ['county.admin', 'county.leader']) expect((await get(who, '/api/cases/home')).waiting, who).toBeGreaterThan(0);
  });
});

describe('dispatch that leads somewhere', () => {
  const send = (who: string, method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    t.app.inject({ method, url, payload: payload as Record<string, unknown>, headers: cookies[who] });
  const unitNamed = (name: string) =>
    t.db.selectFrom('org_units').select(['id', 'kind']).where('name', '=', name).executeTakeFirstOrThrow();
  /** A leaf category routed by default to a unit where no demo account could sign for it. */
  const unattendedCategory = () =>
    t.db
      .selectFrom('case_categories as c')
      .innerJoin('org_units as u', 'u.id', 'c.default_org_unit_id')
      .select(['c.id', 'u.name as unit'])
      .where('u.name', '=', '县水务局')
      .where('c.active', '=', true)
      .where('c.case_type', '=', 'general')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('case_categories as k').select('k.id').whereRef('k.parent_id', '=', 'c.id'))),
      )
      .executeTakeFirstOrThrow();
  const jinyuan = () => t.db.selectFrom('regions').select('id').where('name', '=', '锦源社区').executeTakeFirstOrThrow();
  /** A 12345 order of 锦源社区 in a category routed to a unit no demo account works for, to be registered on entry. */
  const hotlineOrder = async (extra: Record<string, unknown>) => ({
    categoryId: (await unattendedCategory()).id,
    description: '来电反映：小区门口自来水管破裂漏水（测试）',
    regionId: (await jinyuan()).id,
    reporterName: '张女士',
    register: true,
    ...extra,
  });
  const caseCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lists as targets only the units that handle cases, and the communities and grids of the desk', async () => {
    const targets = await get('jinyuan.staff', '/api/case-dispatch-targets');
    const names = targets.units.map((u: { name: string }) => u.name);
    expect(names).toContain('县城市管理局');
    expect(names).toContain('县水务局');
    expect(names).not.toContain('县法院');
    const internal = await t.db.selectFrom('org_units').select('name').where('kind', '=', 'internal_section').execute();
    expect(internal.length).toBeGreaterThan(0);
    for (const { name } of internal) expect(names).not.toContain(name);
    expect(targets.units.find((u: { name: string }) => u.name === '县城市管理局').handlers).toBeGreaterThan(0);
    const regions = targets.regions.map((r: { name: string; level: string }) => `${r.level}:${r.name}`);
    expect(regions).toContain('community:锦源社区');
    expect(regions).not.toContain('community:锦东社区');
  });

  it('files a 12345 order accepted and registered in one step, and warns that its suggested unit has no one to sign', async () => {
    const category = await unattendedCategory();
    const res = await send('jinyuan.staff', 'POST', '/api/cases', await hotlineOrder({ hotlineOrderNo: 'PY12345-0901' }));
    expect(res.statusCode).toBe(201);
    const detail = await get('jinyuan.staff', `/api/cases/${res.json().caseId}`);
    expect(detail.status).toBe('registered');
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['report', 'accept', 'register']);
    const { suggestion } = detail;
    expect(suggestion.target.name).toBe(category.unit);
    expect(suggestion.handlers).toBe(0);
    expect(suggestion.warning).toContain('尚无可签收事件的承办人账号');
    expect(suggestion.fallback.target.kind).toBe('grid');
    expect(suggestion.fallback.handlers).toBeGreaterThan(0);
  });

  it('refuses to register anything but a 12345 order, and a refused step leaves no case behind', async () => {
    const before = await caseCount();
    const plain = await send('jinyuan.staff', 'POST', '/api/cases', await hotlineOrder({ hotlineOrderNo: undefined }));
    expect([plain.statusCode, plain.json().code]).toEqual([400, 'REGISTER_HOTLINE_ONLY']);
    // A grid worker may report in the grid but not accept: the order is written, then refused
    // at 受理, and the transaction takes the order back with it.
    const grid = await t.db.selectFrom('users').select('region_id').where('username', '=', 'jinyuan.grid').executeTakeFirstOrThrow();
    const refused = await send(
      'jinyuan.grid',
      'POST',
      '/api/cases',
      await hotlineOrder({ hotlineOrderNo: 'PY12345-0902', regionId: grid.region_id }),
    );
    expect(refused.statusCode, refused.body).toBe(403);
    expect(await caseCount()).toBe(before);
  });

  it('lets the county administrator take a unit off the handling units, after which a dispatch there is refused', async () => {
    const chengguan = await unitNamed('县城市管理局');
    const list = await get('county.admin', '/api/case-handling-units');
    const row = list.items.find((u: { id: number }) => u.id === chengguan.id);
    expect([row.handles, row.source]).toEqual([true, 'catalogue']);
    expect(list.items.find((u: { name: string }) => u.name === '县法院').handles).toBe(false);

    expect((await send('county.admin', 'PATCH', `/api/case-handling-units/${chengguan.id}`, { handles: false })).statusCode).toBe(204);
    const after = (await get('county.admin', '/api/case-handling-units')).items.find((u: { id: number }) => u.id === chengguan.id);
    expect([after.handles, after.source]).toEqual([false, 'administrator']);
    const registered = (await get('jinyuan.staff', '/api/cases?status=registered&pageSize=1')).items[0];
    expect(registered, 'a registered case of 锦源社区').toBeTruthy();
    const refused = await send('jinyuan.staff', 'POST', `/api/cases/${registered.id}/actions`, {
      action: 'dispatch',
      target: { orgUnitId: chengguan.id },
      reason: '测试',
    });
    expect([refused.statusCode, refused.json().code]).toEqual([400, 'UNIT_NOT_HANDLING_CASES']);
    expect((await get('jinyuan.staff', `/api/cases/${registered.id}`)).status).toBe('registered');
    // Not a target any more; the administrator's choice survives the catalogue's next sync.
    expect((await get('jinyuan.staff', '/api/case-dispatch-targets')).units.map((u: { id: number }) => u.id)).not.toContain(chengguan.id);
    await syncCaseCatalogue(t.db);
    expect((await get('county.admin', '/api/case-handling-units')).items.find((u: { id: number }) => u.id === chengguan.id).handles).toBe(
      false,
    );
    await send('county.admin', 'PATCH', `/api/case-handling-units/${chengguan.id}`, { handles: true });
    // Only the administrator configures; a desk may not.
    expect((await send('jinyuan.staff', 'PATCH', `/api/case-handling-units/${chengguan.id}`, { handles: false })).statusCode).toBe(403);
    expect((await send('county.admin', 'PATCH', '/api/case-handling-units/999999', { handles: true })).statusCode).toBe(404);
  });
});
