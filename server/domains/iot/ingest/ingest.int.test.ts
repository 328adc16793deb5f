import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { buildTestApp } from '../../../test/app.js';
import { freePort } from '../../../test/free-port.js';
import { buildDevice, seedTestRegions } from '../../../test/factories.js';
import { prepareTelemetry } from '../telemetry.maintenance.js';
import { dayOf } from '../telemetry.days.js';
import { startIngest } from './ingest.live.js';
import { DEAD_LETTERS_PER_MINUTE } from './batch-writer.js';

describe('ingest through the embedded broker and HTTP', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let port: number;
  const clients: mqtt.MqttClient[] = [];
  const connect = async (username: string, password: string) => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username, password, reconnectPeriod: 0, connectTimeout: 5000 });
    clients.push(client);
    return client;
  };
  const rowsOf = (deviceId: number) =>
    t.db.selectFrom('iot_telemetry').selectAll().where('device_id', '=', deviceId).orderBy('ts').execute();
  const count = async (counter: string) =>
    Number(
      (
        await t.db
          .selectFrom('iot_ingest_counts')
          .select('n')
          .where('day', '=', dayOf(new Date()))
          .where('counter', '=', counter)
          .executeTakeFirst()
      )?.n ?? 0,
    );

  beforeAll(async () => {
    port = await freePort();
    t = await buildTestApp({ env: { MQTT_PORT: String(port), IOT_BATCH_MS: '5', IOT_RETENTION_DAYS: '3' } });
    await seedTestRegions(t.db);
    await prepareTelemetry(t.db, t.app.config.iot);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await t?.close();
  });

  it('stores a reading published at QoS 1 once, though published twice with the same ts and msgId, and keeps the device state', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    const client = await connect(credentials.username, credentials.password);
    const topic = `civicgrid/v1/${device.serial}/telemetry`;
    const reading = JSON.stringify({
      ts: new Date(Date.now() - 60_000).toISOString(),
      msgId: 'm-1',
      values: { smoke: false, battery: 87 },
    });
    const storedBefore = await count('stored');
    // The PUBACK comes only after the commit: once publishAsync resolves, the row is there.
    await client.publishAsync(topic, reading, { qos: 1 });
    expect(await rowsOf(device.id)).toHaveLength(1);
    await client.publishAsync(topic, reading, { qos: 1 });
    const rows = await rowsOf(device.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ msg_key: 'm-1', values: { smoke: false, battery: 87 } });
    expect(await count('stored')).toBe(storedBefore + 1);
    expect(await count('duplicate')).toBeGreaterThanOrEqual(1);

    await client.publishAsync(`civicgrid/v1/${device.serial}/status`, JSON.stringify({ firmware: 'v2.1.0' }), { qos: 1 });
    const after = await t.db.selectFrom('iot_devices').selectAll().where('id', '=', device.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ online: true, battery: 87, firmware: 'v2.1.0' });
    expect(after.last_seen_at).not.toBeNull();
    const state = await t.db.selectFrom('iot_device_state').selectAll().where('device_id', '=', device.id).executeTakeFirstOrThrow();
    expect(state.values).toEqual({ smoke: false, battery: 87 });
  });

  it('refuses a wrong secret and an unknown name, and counts both', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    const refusedBefore = await count('auth_refused');
    await expect(connect(credentials.username, 'not-the-secret')).rejects.toThrow(/username or password/i);
    await expect(connect('nobody.00000000', 'x')).rejects.toThrow(/username or password/i);
    const row = await t.db
      .selectFrom('iot_devices')
      .select(['auth_failures', 'last_auth_failure_at'])
      .where('id', '=', device.id)
      .executeTakeFirstOrThrow();
    expect(row.auth_failures).toBe(1);
    expect(row.last_auth_failure_at).not.toBeNull();
    await expect.poll(() => count('auth_refused')).toBe(refusedBefore + 2);
  });

  it('refuses a disabled device, and signs out one disabled while connected', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    const client = await connect(credentials.username, credentials.password);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await t.db.updateTable('iot_devices').set({ status: 'disabled' }).where('id', '=', device.id).execute();
    await closed;
    await expect(connect(credentials.username, credentials.password)).rejects.toThrow(/username or password/i);
  });

  it("refuses publishing to another device's topic, and subscribing beyond its own command topic", async () => {
    const mine = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    const other = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    const client = await connect(mine.credentials.username, mine.credentials.password);
    expect((await client.subscribeAsync(`civicgrid/v1/${mine.device.serial}/command`, { qos: 1 })).map((g) => g.qos)).toEqual([1]);
    // Refused in the SUBACK (0x80), which mqtt.js reports as an error; the connection stays.
    await expect(client.subscribeAsync(`civicgrid/v1/${other.device.serial}/command`, { qos: 1 })).rejects.toThrow(/Unspecified error/);
    await expect(client.subscribeAsync('civicgrid/v1/#', { qos: 1 })).rejects.toThrow(/Unspecified error/);
    expect(client.connected).toBe(true);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(`civicgrid/v1/${other.device.serial}/telemetry`, JSON.stringify({ values: { smoke: true } }), { qos: 1 });
    await closed;
    expect(await rowsOf(other.device.id)).toHaveLength(0);
  });

  it('counts every refusal of a flood but keeps only a sample of each device and reason a minute', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'gas_detector');
    const client = await connect(credentials.username, credentials.password);
    const before = await count('malformed:NOT_JSON');
    await Promise.all(
      Array.from({ length: 3 * DEAD_LETTERS_PER_MINUTE }, (_, i) =>
        client.publishAsync(`civicgrid/v1/${device.serial}/telemetry`, `broken ${i}`, { qos: 1 }),
      ),
    );
    await expect.poll(() => count('malformed:NOT_JSON')).toBe(before + 3 * DEAD_LETTERS_PER_MINUTE);
    const kept = await t.db.selectFrom('iot_dead_letters').select('reason').where('device_id', '=', device.id).execute();
    // A minute may turn during the flood, so up to twice the sample; never the whole flood.
    expect(kept.length).toBeGreaterThanOrEqual(DEAD_LETTERS_PER_MINUTE);
    expect(kept.length).toBeLessThanOrEqual(2 * DEAD_LETTERS_PER_MINUTE);
  });

  it('keeps malformed messages as dead letters with their reasons, and stores the valid ones around them', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'gas_detector');
    const client = await connect(credentials.username, credentials.password);
    const topic = `civicgrid/v1/${device.serial}/telemetry`;
    const messages: [string, string | null][] = [
      [JSON.stringify({ msgId: 'ok-1', values: { lel: 3 } }), null],
      ['not json at all', 'NOT_JSON'],
      [JSON.stringify({ values: { lel: 250 } }), 'OUT_OF_RANGE'],
      [JSON.stringify({ values: { smoke: true } }), 'UNKNOWN_FIELD'],
      [JSON.stringify({ values: { lel: 'high' } }), 'WRONG_TYPE'],
      [JSON.stringify({ ts: '2001-01-01T00:00:00Z', values: { lel: 1 } }), 'TS_OUT_OF_WINDOW'],
      [JSON.stringify({ values: { '\u0000': 1 } }), 'UNKNOWN_FIELD'],
      [JSON.stringify({ msgId: 'ok-2', values: { lel: 4, co: 12 } }), null],
    ];
    // Every one is acknowledged (a device must not resend a message that can never be taken).
    await Promise.all(messages.map(([payload]) => client.publishAsync(topic, payload, { qos: 1 })));
    expect((await rowsOf(device.id)).map((r) => r.msg_key).sort()).toEqual(['ok-1', 'ok-2']);
    await expect
      .poll(async () =>
        (await t.db.selectFrom('iot_dead_letters').select('reason').where('device_id', '=', device.id).execute())
          .map((r) => r.reason)
          .sort(),
      )
      .toEqual(messages.flatMap(([, reason]) => (reason ? [reason] : [])).sort());
    const letter = await t.db
      .selectFrom('iot_dead_letters')
      .selectAll()
      .where('device_id', '=', device.id)
      .where('reason', '=', 'OUT_OF_RANGE')
      .executeTakeFirstOrThrow();
    expect(letter).toMatchObject({ transport: 'mqtt', topic, serial: device.serial, payload: messages[2][0] });
    expect(letter.detail).toContain('超出范围');
    expect(await count('malformed:OUT_OF_RANGE')).toBeGreaterThanOrEqual(1);
  });

  it('takes an HTTP batch with a device token and answers per reading', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'elevator_monitor');
    const ts = new Date(Date.now() - 5000).toISOString();
    const post = (token: string, readings: unknown[]) =>
      t.app.inject({ method: 'POST', url: '/api/iot/telemetry', headers: { authorization: `Bearer ${token}` }, payload: { readings } });
    expect((await post('x:y', [{ values: { floor: 1 } }])).statusCode).toBe(401);
    expect((await post(`${credentials.username}:wrong`, [{ values: { floor: 1 } }])).json().code).toBe('DEVICE_AUTH');
    const res = await post(credentials.httpToken, [
      { ts, msgId: 'h1', values: { floor: 3, moving: true } },
      { ts, msgId: 'h1', values: { floor: 3, moving: true } },
      { values: { floor: 999 } },
      { event: { type: 'fault', detail: '门锁故障' } },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      stored: 2,
      duplicates: 1,
      refused: 1,
      results: [
        { index: 0, outcome: 'stored' },
        { index: 1, outcome: 'duplicate' },
        { index: 2, outcome: 'refused', reason: 'OUT_OF_RANGE' },
        { index: 3, outcome: 'stored' },
      ],
    });
    const rows = await rowsOf(device.id);
    expect(rows.map((r) => r.values)).toContainEqual({ _event: 'fault', _detail: '门锁故障' });
    expect((await post(credentials.httpToken, [])).statusCode).toBe(400);
  });

  it('takes MQTT over WebSocket at /mqtt on the HTTP port', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const client = await mqtt.connectAsync(`${address.replace('http', 'ws')}/mqtt`, {
      username: credentials.username,
      password: credentials.password,
      reconnectPeriod: 0,
    });
    clients.push(client);
    await client.publishAsync(`civicgrid/v1/${device.serial}/telemetry`, JSON.stringify({ msgId: 'ws-1', values: { smoke: false } }), {
      qos: 1,
    });
    expect((await rowsOf(device.id)).map((r) => r.msg_key)).toEqual(['ws-1']);
  });

  it('says clearly when its MQTT port is taken, and goes on taking readings', async () => {
    const lines: string[] = [];
    const second = await startIngest(t.database, {
      settings: { ...t.app.config.iot, mqttPort: port },
      host: '127.0.0.1',
      log: (l) => lines.push(l),
    });
    try {
      expect(second.mqttPort).toBeNull();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`MQTT 端口 ${port} 已被占用.*MQTT_PORT`));
      const { device } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
      expect((await second.ingest.fromHttp(device, { values: { smoke: false } })).outcome).toBe('stored');
    } finally {
      await second.stop();
    }
  });
});
