import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app.js';
import { buildDevice, raiseSmokeAlarm, seedTestRegions } from '../../test/factories.js';
import { prepareTelemetry } from './telemetry.maintenance.js';
import { startRuleTimers, tickRules } from './rule-timers.js';

/**
 * The rule timers through the real ingest and database: silence becomes an offline alarm and the
 * next message ends it; a hold that no later reading completes is completed by the clock; alarms
 * of one rule in one building within the storm window share one incident, closed once they are.
 */
describe('rule timers and storm incidents', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    t = await buildTestApp({ env: { IOT_BATCH_MS: '5' } });
    await seedTestRegions(t.db);
    await prepareTelemetry(t.db, t.app.config.iot);
  });
  afterAll(async () => t?.close());

  const send = async (token: string, readings: unknown[]) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/iot/telemetry',
      headers: { authorization: `Bearer ${token}` },
      payload: { readings },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const alarmsOf = (deviceId: number) =>
    t.db.selectFrom('iot_alarms').selectAll().where('device_id', '=', deviceId).orderBy('id').execute();
  const minutes = (n: number) => n * 60_000;

  it('raises an offline alarm when a device falls silent, once, and clears it when it speaks again', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    await send(credentials.httpToken, [
      { msgId: 'o1', ts: new Date(Date.now() - minutes(80)).toISOString(), values: { smoke: false, battery: 90 } },
    ]);
    // Heard from 70 minutes ago, as if it had been silent since.
    const heard = Date.now() - minutes(70);
    await t.db
      .updateTable('iot_devices')
      .set({ last_seen_at: new Date(heard) })
      .where('id', '=', device.id)
      .execute();

    // Before the type's 60 minutes nothing; after them one alarm, dated when the silence reached the limit.
    expect((await tickRules(t.db, new Date(heard + minutes(59)))).changes.filter((c) => c.deviceId === device.id)).toEqual([]);
    const late = await tickRules(t.db, new Date(heard + minutes(61)));
    expect(late.changes.filter((c) => c.deviceId === device.id).map((c) => [c.ruleCode, c.change])).toEqual([['offline', 'raised']]);
    await tickRules(t.db, new Date(heard + minutes(65)));
    let alarms = await alarmsOf(device.id);
    expect(alarms.map((a) => [a.rule_code, a.raised_at.getTime(), a.cleared_at])).toEqual([['offline', heard + minutes(60), null]]);

    // A reading ends the silence.
    await send(credentials.httpToken, [{ msgId: 'o2', values: { smoke: false } }]);
    alarms = await alarmsOf(device.id);
    expect(alarms[0].cleared_at).not.toBeNull();
    expect(alarms).toHaveLength(1);
  });

  it('completes a hold when no later reading does: CO above 50 ppm held for 30 s', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'gas_detector');
    const at = Date.now() - 2000;
    await send(credentials.httpToken, [{ msgId: 'c1', ts: new Date(at).toISOString(), values: { lel: 0, co: 80 } }]);
    expect((await alarmsOf(device.id)).filter((a) => a.rule_code === 'co_high')).toEqual([]);

    await tickRules(t.db, new Date(at + 10_000));
    expect((await alarmsOf(device.id)).filter((a) => a.rule_code === 'co_high')).toEqual([]);
    const held = await tickRules(t.db, new Date(at + 31_000));
    expect(held.changes.filter((c) => c.deviceId === device.id).map((c) => [c.ruleCode, c.change])).toEqual([['co_high', 'raised']]);
    const [alarm] = (await alarmsOf(device.id)).filter((a) => a.rule_code === 'co_high');
    expect(alarm.raised_at.getTime()).toBe(at + 30_000);
    // The state was saved: another round raises nothing more.
    expect((await tickRules(t.db, new Date(at + 40_000))).changes.filter((c) => c.deviceId === device.id)).toEqual([]);
  });

  it('groups alarms of one rule in one building into one incident, and closes it once they are closed', async () => {
    const first = (await buildDevice(t.db, '锦源社区', 'smoke_detector')).device;
    const second = (await buildDevice(t.db, '锦源社区', 'smoke_detector')).device;
    const elsewhere = (await buildDevice(t.db, '锦源社区', 'smoke_detector')).device;
    const at = Date.now();
    const raise = (device: typeof first, buildingId: number | null, ms: number) => raiseSmokeAlarm(t.db, device, buildingId, at + ms);
    const [a] = await raise(first, first.building_id, 0);
    const [b] = await raise(second, first.building_id, 40_000);
    const [c] = await raise(elsewhere, elsewhere.building_id, 50_000);
    expect(a).toMatchObject({ change: 'raised', joinedIncident: false });
    expect(b).toMatchObject({ change: 'raised', joinedIncident: true, incidentId: a.incidentId });
    expect(c.incidentId).not.toBe(a.incidentId);
    const incident = await t.db.selectFrom('iot_incidents').selectAll().where('id', '=', a.incidentId!).executeTakeFirstOrThrow();
    expect(incident).toMatchObject({
      alarm_count: 2,
      building_id: first.building_id,
      rule_code: 'smoke',
      type_code: 'smoke_detector',
      closed_at: null,
    });
    expect(incident.last_at.getTime()).toBe(at + 40_000);

    // Open while one of its alarms is; closed by the timers once both are closed and the window has passed.
    const later = new Date(at + minutes(10));
    await t.db.updateTable('iot_alarms').set({ closed_at: later }).where('id', '=', a.alarmId).execute();
    await tickRules(t.db, later);
    expect(
      (await t.db.selectFrom('iot_incidents').select('closed_at').where('id', '=', a.incidentId!).executeTakeFirstOrThrow()).closed_at,
    ).toBeNull();
    await t.db.updateTable('iot_alarms').set({ closed_at: later }).where('id', '=', b.alarmId).execute();
    await tickRules(t.db, later);
    expect(
      (await t.db.selectFrom('iot_incidents').select('closed_at').where('id', '=', a.incidentId!).executeTakeFirstOrThrow()).closed_at,
    ).toEqual(later);
  });

  it('ticks on its own timer, under the lock that keeps it to one process, and tells what changed', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'elevator_monitor');
    await send(credentials.httpToken, [{ msgId: 'e1', ts: new Date(Date.now() - minutes(30)).toISOString(), values: { floor: 2 } }]);
    await t.db
      .updateTable('iot_devices')
      .set({ last_seen_at: new Date(Date.now() - minutes(20)) })
      .where('id', '=', device.id)
      .execute();
    const told: string[] = [];
    const timers = startRuleTimers(
      t.db,
      { ruleTickSeconds: 1 },
      { onAlarms: (changes) => told.push(...changes.map((c) => `${c.deviceId}:${c.ruleCode}:${c.change}`)) },
    );
    try {
      await expect.poll(() => told, { timeout: 10_000 }).toContain(`${device.id}:offline:raised`);
    } finally {
      timers.stop();
    }
  });
});
