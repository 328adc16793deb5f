import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildDevice, buildStaff, seedTestRegions, SMOKE_RULE } from '../../test/factories.js';
import { onReading } from './rules/engine.js';
import type { Transition } from './rules/transitions.js';
import { alarmStores, writeAlarmTransitions } from './alarm-writer.js';

/**
 * Alarms from the rules to the alarm centre: the engine's transitions written as alarms (one
 * open alarm per device and rule, repeats counted, a clear marking the condition gone), listed
 * inside the viewer's scope, and acted on through their lifecycle with who did what.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let w: Awaited<ReturnType<typeof world>>;

async function world() {
  await seedTestRegions(t.db);
  const ours = await buildDevice(t.db, '锦源社区', 'smoke_detector');
  const theirs = await buildDevice(t.db, '锦东社区', 'smoke_detector');
  const cookie = async (u: string) => (await loginAs(t.app, u)).cookie;
  return {
    ours,
    theirs,
    desk: await cookie(await buildStaff(t.db, 'community_staff', '锦源社区')),
    neighbourDesk: await cookie(await buildStaff(t.db, 'community_staff', '锦东社区')),
    leader: await cookie(await buildStaff(t.db, 'leader', '平阴县')),
  };
}

/** Readings through the engine, and what it decides written as the ingest writes it. */
async function readings(device: Awaited<ReturnType<typeof buildDevice>>['device'], values: { ts: number; smoke: boolean }[]) {
  let state: unknown;
  const transitions: Transition[] = [];
  for (const v of values) {
    const step = onReading(SMOKE_RULE, state as never, { ts: v.ts, values: { smoke: v.smoke } });
    state = step.state;
    transitions.push(...step.transitions);
  }
  return t.db.transaction().execute((trx) =>
    writeAlarmTransitions(
      alarmStores(trx),
      {
        id: device.id,
        typeCode: device.type_code,
        regionPath: device.region_path,
        estateId: device.estate_id,
        buildingId: device.building_id,
        snapshotUrl: null,
        values: { smoke: values.at(-1)!.smoke },
      },
      new Map([['smoke', SMOKE_RULE]]),
      new Map([['smoke', transitions]]),
    ),
  );
}

beforeAll(async () => {
  t = await buildTestApp();
  w = await world();
});
afterAll(async () => t?.close());

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });
const act = (cookie: string, id: number, body: object) =>
  t.app.inject({ method: 'POST', url: `/api/iot/alarms/${id}/actions`, headers: { cookie }, payload: body });

describe('alarms', () => {
  it('raises one critical alarm for smoke, counts a second reading milliseconds later, and keeps it in its community', async () => {
    const t0 = Date.now() - 30 * 60_000;
    const changes = await readings(w.ours.device, [
      { ts: t0, smoke: false },
      { ts: t0 + 1000, smoke: true },
      { ts: t0 + 1003, smoke: true },
    ]);
    expect(changes.map((c) => c.change)).toEqual(['raised']);
    await readings(w.theirs.device, [{ ts: t0, smoke: true }]);

    const list = (await get(w.desk, '/api/iot/alarms?status=active')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      deviceId: w.ours.device.id,
      type: 'smoke',
      severity: 'critical',
      status: 'active_unacknowledged',
      awaitsAcknowledgement: true,
      count: 1,
      caseId: null,
      caseNumber: null,
      outcome: null,
    });
    expect((await get(w.neighbourDesk, '/api/iot/alarms?status=active')).json().items.map((a: { deviceId: number }) => a.deviceId)).toEqual(
      [w.theirs.device.id],
    );
    expect((await get(w.leader, '/api/iot/alarms?status=active')).json().total).toBe(2);
    expect((await get(w.neighbourDesk, `/api/iot/alarms/${list.items[0].id}`)).statusCode).toBe(404);
  });

  it('is acknowledged once, needs a note to close while the smoke is still there, and keeps who did what', async () => {
    const [alarm] = (await get(w.desk, `/api/iot/alarms?deviceId=${w.ours.device.id}`)).json().items;
    expect((await act(w.neighbourDesk, alarm.id, { action: 'acknowledge' })).statusCode).toBe(404);
    expect((await act(w.leader, alarm.id, { action: 'acknowledge' })).statusCode).toBe(403); // a leader watches, the desk acts
    const acknowledged = await act(w.desk, alarm.id, { action: 'acknowledge' });
    expect(acknowledged.json()).toMatchObject({ status: 'acknowledged', awaitsAcknowledgement: false });
    expect((await act(w.desk, alarm.id, { action: 'acknowledge' })).json()).toMatchObject({ code: 'ALREADY_ACKNOWLEDGED' });
    const noOutcome = await act(w.desk, alarm.id, { action: 'close', note: '现场核实：厨房油烟，已通风' });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.body).toContain('关闭告警须选择处置结论');
    expect((await act(w.desk, alarm.id, { action: 'acknowledge', outcome: 'real' })).statusCode).toBe(400);
    expect((await act(w.desk, alarm.id, { action: 'close', outcome: 'maybe' })).statusCode).toBe(400);
    expect((await act(w.desk, alarm.id, { action: 'close', outcome: 'false_alarm' })).json()).toMatchObject({ code: 'NOTE_REQUIRED' });
    const closed = (await act(w.desk, alarm.id, { action: 'close', outcome: 'false_alarm', note: '现场核实：厨房油烟，已通风' })).json();
    expect(closed).toMatchObject({ status: 'closed', outcome: 'false_alarm' });
    expect(closed.events.map((e: { action: string }) => e.action)).toEqual(['raise', 'acknowledge', 'close']);
    expect(closed.events[2]).toMatchObject({ note: '现场核实：厨房油烟，已通风' });
    expect(closed.acknowledgedBy).toBeTruthy();
    expect((await get(w.desk, '/api/iot/alarms?status=active')).json().total).toBe(0);
  });

  it('clears by itself when the smoke is gone, and a new fire after that is a new alarm', async () => {
    const t0 = Date.now() - 10 * 60_000;
    const changes = await readings(w.ours.device, [
      { ts: t0, smoke: true },
      { ts: t0 + 60_000, smoke: false },
      { ts: t0 + 120_000, smoke: true },
    ]);
    expect(changes.map((c) => c.change)).toEqual(['raised', 'cleared', 'raised']);
    const all = (await get(w.desk, `/api/iot/alarms?deviceId=${w.ours.device.id}&status=all`)).json();
    expect(all.items.map((a: { status: string }) => a.status).sort()).toEqual(['active_unacknowledged', 'cleared', 'closed']);
    const cleared = all.items.find((a: { status: string }) => a.status === 'cleared');
    // Cleared but nobody looked: a critical popup still waits for someone.
    expect(cleared).toMatchObject({ awaitsAcknowledgement: true, conditionActive: false });
    expect((await get(w.desk, `/api/iot/alarms/${cleared.id}`)).json()).toMatchObject({ clearedBy: '条件恢复（自动解除）' });
  });
});
