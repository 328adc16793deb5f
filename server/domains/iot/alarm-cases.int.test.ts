import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENTS_CHANNEL } from '../../platform/events/publish.js';
import { buildSecondTestApp, buildTestApp, loginAs } from '../../test/app.js';
import { buildDevice, buildStaff, buildUser, seedCasework } from '../../test/factories.js';
import { alarmWritesRepository } from './alarms.repository.js';
import { alarmStores, writeAlarmTransitions } from './alarm-writer.js';
import { SMOKE_RULE } from '../../test/factories.js';
import { pickUpAlarmCases, type AlarmCasesDeps } from './alarm-cases.js';
import { alarmCasePolicy } from './alarm-case-policy.js';
import { readDeviceTypeFile } from './device-types.js';

/**
 * The alarm → case outbox (docs/decisions/030): an alarm whose case cannot be opened keeps its
 * error and is tried again, later, until it opens exactly one; several pick-ups at once (on
 * PostgreSQL, two server processes) open one case per alarm; an alarm of no case is let go; and
 * the case's 结案 closes a cleared alarm as real, or notes on an alarm whose condition holds.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let t: Awaited<ReturnType<typeof buildTestApp>>;
let built: Awaited<ReturnType<typeof buildDevice>>;
let desk: string;
let grid: string;
const policy = alarmCasePolicy(readDeviceTypeFile());

beforeAll(async () => {
  // The app's own sweep stays out of the way: these tests run the rounds themselves.
  t = await buildTestApp({ env: { IOT_SWEEP_SECONDS: '3600' } });
  await seedCasework(t.db);
  built = await buildDevice(t.db, '锦源社区', 'smoke_detector');
  desk = (await loginAs(t.app, await buildStaff(t.db, 'community_staff', '锦源社区'))).cookie;
  grid = (await loginAs(t.app, await buildUser(t.db, 'grid_worker', built.house.grid_id!))).cookie;
});
afterAll(async () => t?.close());

const deps = (now = new Date(), app = t.app): AlarmCasesDeps => ({
  db: app.db,
  casework: app.casework,
  policy,
  now: () => now,
  log: () => {},
});

/** An alarm as the rules write it, due for its case from the moment it is written. */
async function alarm(ruleCode = 'smoke', severity: 'critical' | 'warning' = 'critical') {
  const { id } = await alarmWritesRepository(t.db).insert({
    deviceId: built.device.id,
    ruleCode: `${ruleCode}`,
    ruleName: ruleCode === 'smoke' ? '烟雾报警' : '电量低',
    severity,
    regionPath: built.device.region_path,
    estateId: built.device.estate_id,
    buildingId: built.device.building_id,
    at: new Date(),
    detail: '烟雾 是',
    value: true,
    readings: { smoke: true, battery: 80 },
    snapshotUrl: null,
    flapping: false,
  });
  return id;
}
const row = (id: number) => t.db.selectFrom('iot_alarms').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** Closes the alarms a test left open, so the next may raise the same rule (one open alarm per device and rule). */
const finish = (id: number) =>
  t.db.updateTable('iot_alarms').set({ closed_at: new Date(), case_due_at: null }).where('id', '=', id).execute();
const act = (cookie: string, caseId: number, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/actions`, headers: { cookie }, payload });

describe('alarm → case', () => {
  it('keeps an alarm whose case failed, with the error, and opens exactly one case when it is tried again', async () => {
    await t.db.updateTable('case_categories').set({ active: false }).where('code', '=', 'iot_fire').execute();
    const id = await alarm();
    expect(await pickUpAlarmCases(deps())).toMatchObject({ failed: 1, opened: 0 });
    const failed = await row(id);
    expect(failed).toMatchObject({ case_id: null, case_attempts: 1, case_error: '事件分类“iot_fire”不存在或已停用' });
    expect(failed.case_due_at!.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: the next round leaves it.
    expect(await pickUpAlarmCases(deps())).toMatchObject({ failed: 0, opened: 0 });

    await t.db.updateTable('case_categories').set({ active: true }).where('code', '=', 'iot_fire').execute();
    expect(await pickUpAlarmCases(deps(new Date(Date.now() + 3600_000)))).toMatchObject({ opened: 1, failed: 0 });
    const opened = await row(id);
    expect(opened).toMatchObject({ case_due_at: null, case_error: null });
    expect(opened.case_id).not.toBeNull();
    expect(await pickUpAlarmCases(deps(new Date(Date.now() + 7200_000)))).toMatchObject({ opened: 0 });
    await finish(id);
  });

  it('lets an alarm go that opens no case (a low battery), and a closed one', async () => {
    const battery = await alarm('battery_low', 'warning');
    const closed = await alarm();
    await finish(closed);
    await t.db.updateTable('iot_alarms').set({ case_due_at: new Date() }).where('id', '=', closed).execute();
    expect(await pickUpAlarmCases(deps())).toMatchObject({ none: 2, opened: 0 });
    for (const id of [battery, closed]) expect(await row(id)).toMatchObject({ case_id: null, case_due_at: null });
    await finish(battery);
  });

  it('opens one case per alarm however many pick-ups run at once', async () => {
    const devices = await Promise.all([1, 2, 3, 4, 5].map(() => buildDevice(t.db, '锦源社区', 'smoke_detector')));
    const ids = await Promise.all(
      devices.map(
        async (d) =>
          (
            await alarmWritesRepository(t.db).insert({
              deviceId: d.device.id,
              ruleCode: 'smoke',
              ruleName: '烟雾报警',
              severity: 'critical',
              regionPath: d.device.region_path,
              estateId: d.device.estate_id,
              buildingId: d.device.building_id,
              at: new Date(),
              detail: '烟雾 是',
              value: true,
              readings: { smoke: true },
              snapshotUrl: null,
              flapping: false,
            })
          ).id,
      ),
    );
    // On PostgreSQL a second server process joins in, with its own pool.
    const second = onPostgres ? await buildSecondTestApp(t) : null;
    try {
      // (The second process's own pick-up, started with it, may take some too: as many as it likes, once each.)
      const rounds = await Promise.all([deps(), deps(), deps(new Date(), second?.app ?? t.app)].map(pickUpAlarmCases));
      expect(rounds.reduce((n, r) => n + r.failed, 0)).toBe(0);
    } finally {
      await second?.close();
    }
    const rows = await t.db.selectFrom('iot_alarms').select(['case_id']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.case_id !== null)).toBe(true);
    expect(new Set(rows.map((r) => r.case_id)).size).toBe(5);
    const sources = await t.db
      .selectFrom('case_sources')
      .select('reference')
      .where(
        'reference',
        'in',
        ids.map((id) => `告警${id}`),
      )
      .execute();
    expect(sources).toHaveLength(5);
    for (const id of ids) await finish(id);
  });

  it('closes a cleared alarm as real when its case is closed, and only notes one whose condition holds', async () => {
    const cleared = await alarm();
    await pickUpAlarmCases(deps());
    const { case_id: caseId } = await row(cleared);
    await t.db.updateTable('iot_alarms').set({ condition_active: false, cleared_at: new Date() }).where('id', '=', cleared).execute();
    await pickUpAlarmCases(deps());
    expect(await row(cleared)).toMatchObject({ case_clear_noted: true });
    for (const [who, payload] of [
      [grid, { action: 'sign' }],
      [grid, { action: 'handle', result: '现场核实为厨房失火，已扑灭' }],
      [desk, { action: 'verify' }],
      [desk, { action: 'close' }],
    ] as const) {
      const res = await act(who, caseId!, payload);
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await row(cleared)).toMatchObject({ outcome: 'real' });
    expect((await row(cleared)).closed_at).not.toBeNull();

    const holding = await alarm();
    await pickUpAlarmCases(deps());
    const other = (await row(holding)).case_id!;
    for (const [who, payload] of [
      [grid, { action: 'sign' }],
      [grid, { action: 'handle', result: '探测器误报，已联系维保' }],
      [desk, { action: 'verify' }],
      [desk, { action: 'close' }],
    ] as const)
      expect((await act(who, other, payload)).statusCode).toBe(200);
    expect(await row(holding)).toMatchObject({ closed_at: null, outcome: null });
    const detail = (await t.app.inject({ url: `/api/iot/alarms/${holding}`, headers: { cookie: desk } })).json();
    expect(detail.events.at(-1)).toMatchObject({ action: 'note', note: expect.stringContaining('告警条件仍然存在') });
  });

  it('opens one case for a storm: the other alarms of its incident join it while it is open, a new one after it closed', async () => {
    // Devices of their own: the tests before leave built's smoke alarm open on purpose.
    const opener = (await buildDevice(t.db, '锦源社区', 'smoke_detector')).device;
    const neighbour = (await buildDevice(t.db, '锦源社区', 'smoke_detector')).device;
    const third = (await buildDevice(t.db, '锦源社区', 'smoke_detector')).device;
    const at = Date.now();
    // Three detectors of one building, as the rules write them: one incident (decision 035).
    const raise = (device: typeof neighbour, ms: number) =>
      t.db.transaction().execute((trx) =>
        writeAlarmTransitions(
          alarmStores(trx),
          {
            id: device.id,
            typeCode: 'smoke_detector',
            regionPath: built.device.region_path,
            estateId: built.device.estate_id,
            buildingId: built.device.building_id,
            snapshotUrl: null,
            values: { smoke: true },
          },
          new Map([['smoke', SMOKE_RULE]]),
          new Map([['smoke', [{ kind: 'raise' as const, at: at + ms, severity: 'critical' as const, detail: '烟雾 是' }]]]),
        ),
      );
    const [first] = await raise(opener, 0);
    const [second] = await raise(neighbour, 20_000);
    expect(second).toMatchObject({ joinedIncident: true, incidentId: first.incidentId });
    const heard: string[] = [];
    const stop = await t.database.listen(EVENTS_CHANNEL, (p) => p && heard.push(p)); // null: the listener reconnected
    expect(await pickUpAlarmCases(deps())).toMatchObject({ opened: 1, joined: 1, failed: 0 });
    const [a, b] = [await row(first.alarmId), await row(second.alarmId)];
    expect(a.case_id).not.toBeNull();
    expect(b.case_id).toBe(a.case_id);
    // Each alarm's case goes on the live stream at its commit, the joined one's too (decision 039).
    const { number } = await t.db.selectFrom('cases').select('number').where('id', '=', a.case_id!).executeTakeFirstOrThrow();
    await vi.waitFor(() => expect(heard.filter((p) => p.includes('alarm.case_opened'))).toHaveLength(2));
    await stop();
    const opened = heard.map((p) => JSON.parse(p)).filter((e) => e.type === 'alarm.case_opened');
    expect(opened.map((e) => e.data)).toEqual(
      [first, second].map((x) => ({ alarmId: x.alarmId, caseId: a.case_id, caseNumber: number, incidentId: first.incidentId })),
    );
    expect(opened[1]).toMatchObject({ regionPath: built.device.region_path, audience: { permissions: ['iot.read'] } });
    const lines = await t.db.selectFrom('case_events').select(['action', 'note']).where('case_id', '=', a.case_id!).execute();
    expect(lines.filter((l) => l.action === 'iot_alarm_joined')).toHaveLength(1);

    // Once that case is closed, a later alarm of the incident opens a case of its own.
    await t.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', a.case_id!).execute();
    const [late] = await raise(third, 60_000);
    expect(late.incidentId).toBe(first.incidentId);
    expect(await pickUpAlarmCases(deps())).toMatchObject({ opened: 1, joined: 0 });
    const c = await row(late.alarmId);
    expect(c.case_id).not.toBeNull();
    expect(c.case_id).not.toBe(a.case_id);
    for (const id of [first.alarmId, second.alarmId, late.alarmId]) await finish(id);
  });
});
