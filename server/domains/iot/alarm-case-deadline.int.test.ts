import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildDevice, buildStaff, seedCasework } from '../../test/factories.js';
import { alarmWritesRepository } from './alarms.repository.js';
import { pickUpAlarmCases } from './alarm-cases.js';
import { alarmCasePolicy } from './alarm-case-policy.js';
import { readDeviceTypeFile } from './device-types.js';
import { sweepSupervision } from '../cases/index.js';

/**
 * A fire is due one real hour after dispatch, on any day at any hour (issue 10, decision 037):
 * a smoke alarm on the Saturday evening of 国庆 2026 (October 1–7 off) opens a case due at 20:59
 * that evening, not after the holiday, and the clock, the words and the 督办 sweep all run in
 * real time.
 */
const DISPATCHED = new Date('2026-10-03T19:59:00+08:00');
const HOUR = 3_600_000;
const clock = manualClock(DISPATCHED);
let t: Awaited<ReturnType<typeof buildTestApp>>;
let desk: string;
let caseId: number;

beforeAll(async () => {
  // The app's own alarm sweep stays out of the way: the test runs the round itself.
  t = await buildTestApp({ clock, env: { IOT_SWEEP_SECONDS: '3600' } });
  await seedCasework(t.db);
  const { device } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
  desk = (await loginAs(t.app, await buildStaff(t.db, 'community_staff', '锦源社区'))).cookie;
  const { id: alarmId } = await alarmWritesRepository(t.db).insert({
    deviceId: device.id,
    ruleCode: 'smoke',
    ruleName: '烟雾报警',
    severity: 'critical',
    regionPath: device.region_path,
    estateId: device.estate_id,
    buildingId: device.building_id,
    at: DISPATCHED,
    detail: '烟雾 是',
    value: true,
    readings: { smoke: true },
    snapshotUrl: null,
    flapping: false,
  });
  // Written due from the database's now(); the round at the test's Saturday evening takes it.
  await t.db.updateTable('iot_alarms').set({ case_due_at: DISPATCHED }).where('id', '=', alarmId).execute();
  const round = await pickUpAlarmCases({
    db: t.app.db,
    casework: t.app.casework,
    policy: alarmCasePolicy(readDeviceTypeFile()),
    now: () => DISPATCHED,
    log: () => {},
  });
  expect(round).toMatchObject({ opened: 1, failed: 0 });
  caseId = (await t.db.selectFrom('iot_alarms').select('case_id').where('id', '=', alarmId).executeTakeFirstOrThrow()).case_id!;
});
afterAll(async () => t?.close());

const detail = async () => {
  const res = await t.app.inject({ url: `/api/cases/${caseId}`, headers: { cookie: desk } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('a fire alarm’s case on a holiday Saturday evening', () => {
  it('is due exactly one hour after dispatch, warns at 48 minutes, and its category says calendar_hours', async () => {
    const row = await t.db
      .selectFrom('cases')
      .innerJoin('case_categories as cat', 'cat.id', 'cases.category_id')
      .select([
        'cat.code',
        'cat.sla_unit',
        'cases.status',
        'cases.dispatched_at',
        'cases.due_at',
        'cases.warn_at',
        'cases.step_due_at',
        'cases.next_deadline_at',
      ])
      .where('cases.id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ code: 'iot_fire', sla_unit: 'calendar_hours', status: 'dispatched' });
    expect(row.dispatched_at).toEqual(DISPATCHED);
    expect(row.due_at!.getTime() - DISPATCHED.getTime()).toBe(HOUR);
    expect(row.next_deadline_at).toEqual(row.due_at);
    expect(row.warn_at!.getTime() - DISPATCHED.getTime()).toBe(0.8 * HOUR);
    // 签收 within one real hour too, not at ten on the first morning after the holiday.
    expect(row.step_due_at!.getTime() - DISPATCHED.getTime()).toBe(HOUR);
  });

  it('reads green, then yellow at 80 %, then red in real hours (已超时 2 小时, not 工作小时)', async () => {
    clock.set(new Date(DISPATCHED.getTime() + 30 * 60_000));
    expect(await detail()).toMatchObject({ clock: 'green', clockReading: { state: 'on_time', percent: 50 } });
    clock.set(new Date(DISPATCHED.getTime() + 48 * 60_000));
    expect(await detail()).toMatchObject({ clock: 'yellow', clockReading: { state: 'nearly_due', percent: 80 } });
    clock.set(new Date(DISPATCHED.getTime() + 3 * HOUR));
    expect(await detail()).toMatchObject({
      clock: 'red',
      clockReading: { state: 'overdue', overdue: { days: 0, hours: 2, basis: 'calendar' } },
    });
  });

  it('gets its 督办单 that evening, escalating after real hours, not on the first working day', async () => {
    const noticedAt = new Date(DISPATCHED.getTime() + HOUR + 60_000);
    clock.set(noticedAt);
    expect(await sweepSupervision(t.app.casework)).toMatchObject({ noticed: 1 });
    const row = await t.db
      .selectFrom('cases')
      .select(['supervision_level', 'escalate_at'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.supervision_level).toBe(1);
    expect(row.escalate_at!.getTime() - noticedAt.getTime()).toBe(t.app.casework.settings.escalateHours * HOUR);
  });
});
