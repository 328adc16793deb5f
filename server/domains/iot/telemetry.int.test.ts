import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildDevice, buildUser, regionByName, seedTestRegions } from '../../test/factories.js';
import { telemetryRepository } from './telemetry.repository.js';
import { maintainTelemetry, prepareTelemetry, rollUpTelemetry } from './telemetry.maintenance.js';
import { addDays, dayOf, partitionName } from './telemetry.days.js';

describe('telemetry partitions and the downsampled read', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  beforeAll(async () => {
    t = await buildTestApp({ env: { IOT_BATCH_MS: '5', IOT_RETENTION_DAYS: '3' } });
    await seedTestRegions(t.db);
  });
  afterAll(async () => t?.close());

  it('makes day partitions from the retention to two days ahead, and drops the expired ones whole', async () => {
    const settings = { retentionDays: 3, deadLetterCap: 100, hourlyRetentionDays: 30 };
    const now = new Date();
    const today = dayOf(now);
    expect((await maintainTelemetry(t.db, settings, now)).created).toBe(6);
    const names = await telemetryRepository(t.db).partitions();
    expect(names).toEqual([-3, -2, -1, 0, 1, 2].map((n) => partitionName(addDays(today, n))));
    expect(await maintainTelemetry(t.db, settings, now)).toMatchObject({ created: 0, dropped: 0 });

    // Two days on: two new days ahead, the two oldest gone.
    const later = new Date(now.getTime() + 2 * 86_400_000);
    expect(await maintainTelemetry(t.db, settings, later)).toMatchObject({ created: 2, dropped: 2 });
    expect(await telemetryRepository(t.db).partitions()).toEqual([-1, 0, 1, 2, 3, 4].map((n) => partitionName(addDays(today, n))));
  });

  it('keeps the newest dead letters up to the cap and marks silent devices offline', async () => {
    const { device } = await buildDevice(t.db, '锦源社区', 'elevator_monitor');
    await t.db
      .updateTable('iot_devices')
      .set({ online: true, last_seen_at: new Date(Date.now() - 11 * 60_000) })
      .where('id', '=', device.id)
      .execute();
    const letter = { transport: 'http' as const, reason: 'NOT_JSON', detail: '报文不是合法的 JSON', payload: 'x' };
    await t.db
      .insertInto('iot_dead_letters')
      .values(Array.from({ length: 130 }, () => letter))
      .execute();
    const r = await maintainTelemetry(t.db, { retentionDays: 3, deadLetterCap: 100, hourlyRetentionDays: 30 }, new Date());
    expect(r).toMatchObject({ trimmed: 30 });
    expect(r.offline).toBeGreaterThanOrEqual(1);
    expect((await t.db.selectFrom('iot_devices').select('online').where('id', '=', device.id).executeTakeFirstOrThrow()).online).toBe(
      false,
    );
  });

  it('answers a device history in buckets: lowest, highest and mean of numbers, the share of true and the last of booleans', async () => {
    await prepareTelemetry(t.db, { retentionDays: 3, deadLetterCap: 100, hourlyRetentionDays: 30 });
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'gas_detector');
    const other = await buildDevice(t.db, '锦东社区', 'gas_detector');
    // Two hours ending at a whole minute, a reading every 10 s: 30-second buckets of three readings.
    const to = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const from = new Date(to.getTime() - 2 * 3600_000);
    const readings = Array.from({ length: 720 }, (_, i) => ({
      ts: new Date(from.getTime() + i * 10_000).toISOString(),
      msgId: `r${i}`,
      values: { lel: i % 3, valve_closed: i % 3 === 2 },
    }));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/iot/telemetry',
      headers: { authorization: `Bearer ${credentials.httpToken}` },
      payload: { readings },
    });
    expect(res.json()).toMatchObject({ stored: 720, refused: 0 });

    const admin = await loginAs(t.app, await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id));
    const get = (cookie: string, id: number, query = `from=${from.toISOString()}&to=${to.toISOString()}`) =>
      t.app.inject({ url: `/api/iot/devices/${id}/telemetry?${query}`, headers: { cookie } });
    const series = await get(admin.cookie, device.id);
    expect(series.statusCode, series.body).toBe(200);
    const body = series.json();
    expect(body.bucketSeconds).toBe(30);
    const lel = body.fields.find((f: { key: string }) => f.key === 'lel');
    const valve = body.fields.find((f: { key: string }) => f.key === 'valve_closed');
    expect(lel.points).toHaveLength(240);
    expect(lel.points[0]).toEqual({ t: from.toISOString(), min: 0, max: 2, avg: 1, n: 3 });
    expect(valve.points[0]).toEqual({ t: from.toISOString(), last: true, trueShare: 1 / 3, n: 3 });
    expect(body.fields.map((f: { key: string }) => f.key)).toEqual(['lel', 'co', 'valve_closed']);

    const one = (await get(admin.cookie, device.id, `from=${from.toISOString()}&to=${to.toISOString()}&field=lel`)).json();
    expect(one.fields.map((f: { key: string }) => f.key)).toEqual(['lel']);
    // A year asks for no more buckets than a day does.
    const year = (
      await get(admin.cookie, device.id, `from=${new Date(to.getTime() - 365 * 86_400_000).toISOString()}&to=${to.toISOString()}`)
    ).json();
    expect(year.bucketSeconds).toBe(86_400);

    // Out of the viewer's scope: as if it did not exist.
    const jinyuan = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id));
    expect((await get(jinyuan.cookie, device.id)).statusCode).toBe(200);
    expect((await get(jinyuan.cookie, other.device.id)).statusCode).toBe(404);
    expect((await get(admin.cookie, device.id, 'field=nothing')).statusCode).toBe(400);
  });

  it('rolls up the hours that have ended, and answers long ranges from them exactly as from the readings', async () => {
    const settings = { retentionDays: 3, deadLetterCap: 100, hourlyRetentionDays: 30 };
    await prepareTelemetry(t.db, settings);
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'gas_detector');
    // Two days of a reading every 5 minutes, up to a few minutes ago.
    const now = new Date();
    const first = now.getTime() - 48 * 3600_000;
    const readings = Array.from({ length: 576 }, (_, i) => ({
      ts: new Date(first + i * 300_000).toISOString(),
      msgId: `h${i}`,
      values: { lel: (i * 7) % 11, co: i % 5 === 0 ? 60 : 3, valve_closed: i % 4 === 0 },
    }));
    const post = (batch: unknown[]) =>
      t.app.inject({
        method: 'POST',
        url: '/api/iot/telemetry',
        headers: { authorization: `Bearer ${credentials.httpToken}` },
        payload: { readings: batch },
      });
    expect((await post(readings)).json()).toMatchObject({ stored: 576 });
    const admin = await loginAs(t.app, await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id));
    const month = `from=${new Date(now.getTime() - 30 * 86_400_000).toISOString()}&to=${now.toISOString()}`;
    const series = async () =>
      (await t.app.inject({ url: `/api/iot/devices/${device.id}/telemetry?${month}`, headers: { cookie: admin.cookie } })).json();

    const fromReadings = await series();
    expect(fromReadings.bucketSeconds).toBe(7200);
    expect(new Date(fromReadings.from).getTime() % 3600_000, 'buckets of hours start on the hour').toBe(0);
    const written = await rollUpTelemetry(t.db, settings, now);
    expect(written).toBeGreaterThanOrEqual(3 * 47);
    expect(await series()).toEqual(fromReadings);

    // The hours rolled up answer from the roll-up: a row changed there shows; readings after the roll-up still count.
    const rolledUntil = await telemetryRepository(t.db).rolledUntil();
    expect(rolledUntil!.getTime() % 3600_000).toBe(0);
    expect(rolledUntil!.getTime()).toBeLessThanOrEqual(now.getTime() - 10 * 60_000);
    await t.db.updateTable('iot_telemetry_hourly').set({ max: 99 }).where('device_id', '=', device.id).execute();
    const lel = (await series()).fields.find((f: { key: string }) => f.key === 'lel');
    expect(Math.max(...lel.points.map((p: { max: number }) => p.max))).toBe(99);
    expect(lel.points.at(-1).t >= new Date(rolledUntil!.getTime() - 7200_000).toISOString()).toBe(true);

    // A second round with nothing new ended writes nothing and keeps its place.
    expect(await rollUpTelemetry(t.db, settings, now)).toBe(0);
  });
});
