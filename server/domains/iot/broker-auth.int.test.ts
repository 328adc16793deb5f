import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app.js';
import { buildDevice, seedTestRegions } from '../../test/factories.js';
import { dayOf } from './telemetry.days.js';

const SECRET = 'broker-secret-for-the-test-0123456789';
const CONSUMER = { MQTT_USERNAME: 'civicgrid-consumer', MQTT_PASSWORD: 'consumer-password-42' };

/**
 * The EMQX HTTP authenticator and authorizer endpoints (docs/decisions/033): only the broker with
 * the shared secret may ask; a device signs in with its credentials (a refusal counted as ingest
 * counts it) and may publish only under its own serial; the consumer account may subscribe.
 */
describe('broker authentication and authorization for EMQX', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  beforeAll(async () => {
    t = await buildTestApp({ env: { BROKER_AUTH_SECRET: SECRET, ...CONSUMER } });
    await seedTestRegions(t.db);
  });
  afterAll(() => t?.close());

  const ask = (what: 'authenticate' | 'authorize', payload: object, secret: string | null = SECRET) =>
    t.app.inject({
      method: 'POST',
      url: `/api/iot/broker/${what}`,
      headers: secret === null ? {} : { authorization: `Bearer ${secret}` },
      payload,
    });
  const result = async (what: 'authenticate' | 'authorize', payload: object) => {
    const res = await ask(what, payload);
    expect(res.statusCode).toBe(200);
    return res.json().result;
  };
  const refusedToday = async () =>
    Number(
      (
        await t.db
          .selectFrom('iot_ingest_counts')
          .select('n')
          .where('day', '=', dayOf(new Date()))
          .where('counter', '=', 'auth_refused')
          .executeTakeFirst()
      )?.n ?? 0,
    );

  it('answers only the broker that sends the shared secret', async () => {
    const body = { username: 'x', password: 'y' };
    expect((await ask('authenticate', body, null)).statusCode).toBe(401);
    expect((await ask('authenticate', body, 'wrong-secret-wrong-secret-wrong')).statusCode).toBe(401);
    expect((await ask('authorize', { username: 'x', topic: 'a', action: 'publish' }, null)).json().code).toBe('BROKER_AUTH_SECRET');
  });

  it('is off, with a clear reason, when no secret is configured', async () => {
    const off = await buildTestApp({ env: { BROKER_AUTH_SECRET: '' } });
    try {
      const res = await off.app.inject({ method: 'POST', url: '/api/iot/broker/authenticate', payload: { username: 'x', password: 'y' } });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'BROKER_AUTH_OFF' });
      expect(res.json().message).toContain('BROKER_AUTH_SECRET');
    } finally {
      await off.close();
    }
  });

  it('signs a device in with its own secret only, counting the refusals, and never as a superuser', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    const res = await ask('authenticate', { username: credentials.username, password: credentials.password, clientid: device.serial });
    expect(res.json()).toEqual({ result: 'allow', is_superuser: false });
    const before = await refusedToday();
    expect(await result('authenticate', { username: credentials.username, password: 'not-the-secret' })).toBe('deny');
    expect(await result('authenticate', { username: 'nobody.00000000', password: 'x' })).toBe('deny');
    await expect.poll(refusedToday).toBe(before + 2);
    const row = await t.db.selectFrom('iot_devices').select('auth_failures').where('id', '=', device.id).executeTakeFirstOrThrow();
    expect(row.auth_failures).toBe(1);

    await t.db.updateTable('iot_devices').set({ status: 'disabled' }).where('id', '=', device.id).execute();
    await expect.poll(() => result('authenticate', { username: credentials.username, password: credentials.password })).toBe('deny');
  });

  it('lets a device publish under its own serial and subscribe to its command topic, nothing else', async () => {
    const { device, credentials } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    const { device: other } = await buildDevice(t.db, '锦源社区', 'smoke_detector');
    const may = (action: 'publish' | 'subscribe', topic: string) => result('authorize', { username: credentials.username, topic, action });
    expect(await may('publish', `civicgrid/v1/${device.serial}/telemetry`)).toBe('allow');
    expect(await may('publish', `civicgrid/v1/${device.serial}/event`)).toBe('allow');
    expect(await may('publish', `civicgrid/v1/${other.serial}/telemetry`)).toBe('deny');
    expect(await may('publish', `civicgrid/v1/${device.serial}/command`)).toBe('deny');
    expect(await may('publish', 'civicgrid/v1/+/telemetry')).toBe('deny');
    expect(await may('subscribe', `civicgrid/v1/${device.serial}/command`)).toBe('allow');
    expect(await may('subscribe', 'civicgrid/v1/#')).toBe('deny');
    expect(await result('authorize', { username: 'nobody.0', topic: `civicgrid/v1/${device.serial}/telemetry`, action: 'publish' })).toBe(
      'deny',
    );
  });

  it('signs the consumer account in and lets it subscribe to the devices, shared or not, but not publish', async () => {
    const { MQTT_USERNAME: username, MQTT_PASSWORD: password } = CONSUMER;
    expect((await ask('authenticate', { username, password })).json()).toEqual({ result: 'allow', is_superuser: false });
    expect(await result('authenticate', { username, password: 'guess' })).toBe('deny');
    const may = (action: 'publish' | 'subscribe', topic: string) => result('authorize', { username, topic, action });
    expect(await may('subscribe', '$share/civicgrid/civicgrid/v1/+/+')).toBe('allow');
    expect(await may('subscribe', 'civicgrid/v1/#')).toBe('allow');
    expect(await may('subscribe', '#')).toBe('deny');
    expect(await may('subscribe', '$share/civicgrid/#')).toBe('deny');
    expect(await may('publish', 'civicgrid/v1/X/telemetry')).toBe('deny');
  });

  it('refuses a malformed question with the field named', async () => {
    const res = await ask('authorize', { username: 'x', topic: 't', action: 'retain' });
    expect(res.statusCode).toBe(400);
  });
});
