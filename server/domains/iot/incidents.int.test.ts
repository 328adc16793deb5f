import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildDevice, buildStaff, raiseSmokeAlarm, seedTestRegions } from '../../test/factories.js';

/**
 * A storm incident acknowledged as one (decision 039): the control room's popup shows the
 * incident as one page, and its 确认 acknowledges every alarm of it nobody has, in the viewer's
 * scope, each with its own history line; a second click finds nothing left and is no error.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  await seedTestRegions(t.db);
  for (const [who, role, region] of [
    ['desk', 'community_staff', '锦源社区'],
    ['neighbourDesk', 'community_staff', '锦东社区'],
    ['leader', 'leader', '平阴县'],
  ] as const)
    cookies[who] = (await loginAs(t.app, await buildStaff(t.db, role, region))).cookie;
});
afterAll(async () => t?.close());

type Device = Awaited<ReturnType<typeof buildDevice>>['device'];
const raise = (device: Device, buildingId: number | null, at: number) => raiseSmokeAlarm(t.db, device, buildingId, at);
const acknowledge = (who: string, incidentId: number) =>
  t.app.inject({ method: 'POST', url: `/api/iot/incidents/${incidentId}/acknowledge`, headers: { cookie: cookies[who] } });
const historyOf = async (alarmId: number) =>
  (await t.app.inject({ url: `/api/iot/alarms/${alarmId}`, headers: { cookie: cookies.desk } })).json().events as {
    action: string;
    by: string | null;
  }[];

/** Two smoke detectors of one building alarming `gapMs` apart, ending `agoMs` ago: one incident. */
async function twoAlarmsInOneBuilding(agoMs: number, gapMs: number) {
  const first = (await buildDevice(t.db, '锦源社区')).device;
  const second = (await buildDevice(t.db, '锦源社区')).device;
  const at = Date.now() - agoMs;
  const [a] = await raise(first, first.building_id, at);
  const [b] = await raise(second, first.building_id, at + gapMs);
  return { a, b };
}

describe('acknowledging a storm incident', () => {
  it('acknowledges every alarm of the incident nobody has, each on its own record, in the viewer’s scope only', async () => {
    const { a, b } = await twoAlarmsInOneBuilding(60_000, 20_000);
    expect(a).toMatchObject({ incidentAlarmCount: 1, flapping: false });
    expect(b).toMatchObject({ incidentId: a.incidentId, joinedIncident: true, incidentAlarmCount: 2 });

    expect((await acknowledge('neighbourDesk', a.incidentId!)).statusCode).toBe(404);
    expect((await acknowledge('leader', a.incidentId!)).statusCode).toBe(403); // a leader watches, the desk acts
    expect((await acknowledge('desk', 999_999)).statusCode).toBe(404);

    const done = await acknowledge('desk', a.incidentId!);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ incidentId: a.incidentId, acknowledgedAlarmIds: [a.alarmId, b.alarmId] });
    for (const id of [a.alarmId, b.alarmId]) expect((await historyOf(id)).map((e) => e.action)).toEqual(['raise', 'acknowledge']);
    expect((await historyOf(b.alarmId))[1].by).toBeTruthy();
    const waiting = await t.app.inject({ url: '/api/iot/alarms?status=unacknowledged', headers: { cookie: cookies.desk } });
    expect(waiting.json().items.map((x: { id: number }) => x.id)).not.toContain(a.alarmId);

    // Another operator was quicker: nothing left, and no error.
    expect((await acknowledge('desk', a.incidentId!)).json()).toEqual({ incidentId: a.incidentId, acknowledgedAlarmIds: [] });
  });

  it('leaves alarms already acknowledged or closed as they are', async () => {
    const { a, b } = await twoAlarmsInOneBuilding(30_000, 5_000);
    const act = await t.app.inject({
      method: 'POST',
      url: `/api/iot/alarms/${a.alarmId}/actions`,
      headers: { cookie: cookies.desk },
      payload: { action: 'acknowledge' },
    });
    expect(act.statusCode).toBe(200);
    expect((await acknowledge('desk', a.incidentId!)).json().acknowledgedAlarmIds).toEqual([b.alarmId]);
    expect((await historyOf(a.alarmId)).filter((e) => e.action === 'acknowledge')).toHaveLength(1);
  });
});
