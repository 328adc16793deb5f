import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildDevice, buildStaff, seedTestRegions, SMOKE_RULE } from '../../test/factories.js';
import type { AlarmOverview } from '../../../common/contracts/iot-overview.js';
import { alarmStores, writeAlarmTransitions } from './alarm-writer.js';
import type { Transition } from './rules/transitions.js';

/**
 * GET /api/iot/alarm-overview (the big screen's figures): counted inside the viewer's scope, an
 * alarm counted by where it stands, and the hours of the last day with their alarms.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;

beforeAll(async () => {
  t = await buildTestApp();
  await seedTestRegions(t.db);
});
afterAll(async () => t?.close());

/** A smoke alarm raised on a device at `at`, and cleared too when told. */
async function smokeAlarm(community: string, at: number, cleared: boolean) {
  const { device } = await buildDevice(t.db, community, 'smoke_detector');
  const transitions: Transition[] = [
    { kind: 'raise', at, severity: 'critical', value: true, detail: '烟雾：是' },
    ...(cleared ? [{ kind: 'clear' as const, at: at + 1000, value: false }] : []),
  ];
  await t.db.transaction().execute((trx) =>
    writeAlarmTransitions(
      alarmStores(trx),
      {
        id: device.id,
        typeCode: device.type_code,
        regionPath: device.region_path,
        estateId: device.estate_id,
        buildingId: device.building_id,
        snapshotUrl: null,
        values: { smoke: !cleared },
      },
      new Map([['smoke', SMOKE_RULE]]),
      new Map([['smoke', transitions]]),
    ),
  );
}

const overview = async (user: string) => {
  const { cookie } = await loginAs(t.app, user);
  const res = await t.app.inject({ url: '/api/iot/alarm-overview', headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AlarmOverview>();
};

describe('the alarm overview', () => {
  it('counts open alarms by severity and status, and the last day by hour, in each viewer’s scope', async () => {
    const now = Date.now();
    await smokeAlarm('锦源社区', now, false);
    await smokeAlarm('锦东社区', now, true);
    await smokeAlarm('锦东社区', now - 30 * 3_600_000, false); // a day and more ago: open, but not in the day's bars

    const ours = await overview(await buildStaff(t.db, 'community_staff', '锦源社区'));
    expect(ours.openBySeverity).toEqual({ critical: 1, major: 0, minor: 0, warning: 0 });
    expect(ours.openByStatus).toEqual({ active_unacknowledged: 1, acknowledged: 0, cleared: 0 });
    expect(ours.raisedByHour.reduce((n, h) => n + h.count, 0)).toBe(1);

    const theirs = await overview(await buildStaff(t.db, 'community_staff', '锦东社区'));
    expect(theirs.openByStatus).toEqual({ active_unacknowledged: 1, acknowledged: 0, cleared: 1 });
    expect(theirs.raisedByHour.reduce((n, h) => n + h.count, 0)).toBe(1);

    const county = await overview(await buildStaff(t.db, 'leader', '平阴县'));
    expect(county.openBySeverity.critical).toBe(3);
    expect(county.raisedByHour.map((h) => h.hour)).toEqual([new Date(Math.floor(now / 3_600_000) * 3_600_000).toISOString()]);
    expect(county.raisedByHour[0].count).toBe(2);
  });
});
