import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSecondTestApp, buildTestApp, loginAs, type TestApp } from '../../test/app.js';
import { buildHouse, buildStaff, categoryByCode, regionByName, seedCasework } from '../../test/factories.js';
import { listening, openAdmitted, openEventStream, type EventStreamClient } from '../../test/sse-client.js';
import { publishEvent, type EventDraft } from './publish.js';

/**
 * GET /api/events over a real socket: who may open it, what ends it (sign-out, a disabled
 * account, expiry, the server closing), the limits, the keep-alive, replay after a reconnect, and
 * on PostgreSQL an event raised in one process reaching a stream held by another.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let t: TestApp;
let base: string;
let jinyuanPath: string;
const users: Record<string, string> = {};
const open: EventStreamClient[] = [];

beforeAll(async () => {
  t = await buildTestApp({ env: { EVENTS_STREAMS_PER_USER: '2', EVENTS_HEARTBEAT_SECONDS: '0.2' } });
  await seedCasework(t.db);
  jinyuanPath = (await regionByName(t.db, '锦源社区')).path;
  for (const name of ['desk', 'leaving', 'disabled', 'expiring', 'capped', 'replay'])
    users[name] = await buildStaff(t.db, 'community_staff', '锦源社区');
  base = await listening(t.app);
});
afterAll(async () => {
  open.forEach((s) => s.close());
  await t.close();
});

const signIn = async (who: string) => (await loginAs(t.app, users[who])).cookie;
async function stream(cookie: string, headers: Record<string, string> = {}, at = base) {
  const s = await openAdmitted(at, cookie, headers);
  open.push(s);
  return s;
}
/** An event for the desk of 锦源社区, raised as any publisher would. */
const deskEvent = (caseId: number): EventDraft => ({
  type: 'case.step',
  regionPath: jinyuanPath,
  estateId: null,
  audience: { permissions: ['cases.read'], userIds: [] },
  data: { caseId, lineId: caseId, action: 'comment', status: 'accepted' },
});
const endOf = async (s: EventStreamClient) => JSON.parse((await s.next((m) => m.event === 'end')).data).reason;

describe('the event stream', () => {
  it('needs a session: 401 without one, or with one that ended', async () => {
    const none = await openEventStream(base);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text)).toMatchObject({ code: 'AUTH_REQUIRED' });
    const forged = await openEventStream(base, { cookie: 'cg_session=forged' });
    expect(forged.status).toBe(401);
  });

  it('is a text/event-stream sent as it is written, with a reconnect hint and keep-alive comments', async () => {
    const s = await stream(await signIn('desk'), { 'accept-encoding': 'gzip, br' });
    expect(s.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(s.headers['cache-control']).toBe('no-store, no-transform');
    expect(s.headers['content-encoding']).toBeUndefined();
    expect(s.messages[0]).toMatchObject({ event: 'retry', data: '3000' });
    await s.next((m) => m.event === 'comment' && m.data === 'keep-alive');
  });

  it('ends when its session is signed out', async () => {
    const cookie = await signIn('leaving');
    const s = await stream(cookie);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect(await endOf(s)).toBe('session_ended');
    await s.ended;
  });

  it('ends when the account is disabled or moved, by whatever process writes it', async () => {
    const s = await stream(await signIn('disabled'));
    // As `civicgrid` on the command line, or another server process, would write it: the trigger's notice.
    await t.db.updateTable('users').set({ active: false }).where('username', '=', users.disabled).execute();
    expect(await endOf(s)).toBe('session_ended');

    const moved = await stream(await signIn('capped'));
    await t.db
      .updateTable('users')
      .set({ region_id: (await regionByName(t.db, '锦东社区')).id })
      .where('username', '=', users.capped)
      .execute();
    expect(await endOf(moved)).toBe('account_changed');
    await t.db
      .updateTable('users')
      .set({ region_id: (await regionByName(t.db, '锦源社区')).id })
      .where('username', '=', users.capped)
      .execute();
  });

  it('ends when its session expires', async () => {
    const cookie = await signIn('expiring');
    const s = await stream(cookie);
    const userId = (await t.db.selectFrom('users').select('id').where('username', '=', users.expiring).executeTakeFirstOrThrow()).id;
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() + 1000) })
      .where('user_id', '=', userId)
      .execute();
    expect(await endOf(s)).toBe('session_ended');
  });

  it('holds a limited number of streams for one account, refusing one more with a clear error', async () => {
    const cookie = await signIn('capped');
    const first = await stream(cookie);
    await stream(cookie);
    const third = await openEventStream(base, { cookie });
    expect(third.status).toBe(429);
    expect(JSON.parse(third.text)).toMatchObject({ code: 'EVENT_STREAMS_PER_USER', details: { limit: 2 } });
    first.close();
    await expect.poll(async () => (await openEventStream(base, { cookie })).status).toBe(200);
  });

  it('sends again what a reconnecting client missed if this process still has it, and a reset if not', async () => {
    const cookie = await signIn('replay');
    const s = await stream(cookie);
    for (const caseId of [901, 902, 903]) await publishEvent(t.db, deskEvent(caseId));
    await s.next((m) => m.event === 'message' && JSON.parse(m.data).data.caseId === 903);
    const [first] = s.events().filter((e) => e.data.caseId === 901);
    s.close();

    const again = await stream(cookie, { 'last-event-id': first.id });
    await again.next((m) => m.event === 'message' && JSON.parse(m.data).data.caseId === 903);
    expect(again.events().map((e) => e.data.caseId)).toEqual([902, 903]);
    // A client that cannot set the header says it in the query.
    again.close();
    const viaQuery = await openEventStream(base, { cookie }, `/api/events?lastEventId=${first.id}`);
    open.push(viaQuery);
    await viaQuery.next((m) => m.event === 'message' && JSON.parse(m.data).data.caseId === 903);
    viaQuery.close();

    const unknown = await stream(cookie, { 'last-event-id': 'no-such-event' });
    await unknown.next((m) => m.event === 'reset');
  });

  it('refuses, in development and in production, an event too long for one notice instead of cutting it', async () => {
    const long: EventDraft = {
      ...deskEvent(904),
      type: 'case.step',
      data: { caseId: 904, lineId: 1, action: 'x'.repeat(41), status: 'accepted' },
    };
    await expect(publishEvent(t.db, long)).rejects.toThrow();
    const manyUsers = { ...deskEvent(905), audience: { permissions: [], userIds: Array.from({ length: 3000 }, (_, i) => i + 1) } };
    // Many users: several notices of one event, none too long.
    await publishEvent(t.db, manyUsers as EventDraft);
  });

  it('ends its streams when the server closes, so closing does not wait on them', async () => {
    const other = await buildTestApp();
    try {
      await seedCasework(other.db);
      const username = await buildStaff(other.db, 'community_staff', '锦源社区');
      const s = await openAdmitted(await listening(other.app), (await loginAs(other.app, username)).cookie);
      const started = Date.now();
      await other.app.close();
      expect(await endOf(s)).toBe('server_closing');
      await s.ended;
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await other.database.close();
    }
  });

  describe.skipIf(!onPostgres)('with two server processes on one PostgreSQL', () => {
    let b: Awaited<ReturnType<typeof buildSecondTestApp>>;
    beforeAll(async () => {
      b = await buildSecondTestApp(t);
    });
    afterAll(async () => b?.close());

    it('an event raised through one process reaches a stream held by the other, and a sign-out there ends it', async () => {
      const house = await buildHouse(t.db, '锦源社区');
      const handler = await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县城市管理局' });
      const handlerCookie = (await loginAs(b.app, handler)).cookie;
      const onB = await stream(handlerCookie, {}, await listening(b.app));
      const desk = await signIn('desk');
      const report = await t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { cookie: desk },
        payload: { categoryId: (await categoryByCode(t.db, 'streetlight')).id, description: '路灯不亮', houseId: house.id },
      });
      const caseId = report.json().caseId as number;
      for (const action of ['accept', 'register', 'dispatch'])
        expect(
          (await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/actions`, headers: { cookie: desk }, payload: { action } }))
            .statusCode,
        ).toBe(200);
      const heard = await onB.next((m) => m.event === 'message' && JSON.parse(m.data).type === 'case.dispatched');
      expect(JSON.parse(heard.data).data).toMatchObject({ caseId, action: 'dispatch' });

      // Signed out through the first process: the second hears the sessions' notice.
      await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: handlerCookie } });
      expect(await endOf(onB)).toBe('session_ended');
    });
  });
});
