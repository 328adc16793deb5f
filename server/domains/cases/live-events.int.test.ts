import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildResident, buildStaff, buildUser, categoryByCode, seedCasework } from '../../test/factories.js';
import { listening, openAdmitted, type EventStreamClient } from '../../test/sse-client.js';
import type { LiveEvent } from '../../../common/contracts/events.js';

/**
 * Casework on the live stream, through the API and a real socket: each step reaches the people
 * the case policy lets read its line — the desk of the case's region, the unit it is dispatched
 * to, the reporter for public lines — and no one else.
 */
let t: Awaited<ReturnType<typeof buildTestApp>>;
let base: string;
const cookies: Record<string, string> = {};
let streetlight: { id: number };
const streams: EventStreamClient[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  await seedCasework(t.db);
  const house = await buildHouse(t.db, '锦源社区');
  const resident = await buildResident(t.db, house);
  const otherHouse = await buildHouse(t.db, '锦东社区');
  const users = {
    resident: await buildStaff(t.db, 'resident', '锦源社区', { residentId: resident.id }),
    desk: await buildStaff(t.db, 'community_staff', '锦源社区'),
    otherDesk: await buildStaff(t.db, 'community_staff', '锦东社区'),
    otherGrid: await buildUser(t.db, 'grid_worker', otherHouse.grid_id!),
    handler: await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县城市管理局' }),
    otherHandler: await buildStaff(t.db, 'dept_handler', '平阴县', { orgUnit: '县水务局' }),
    leader: await buildStaff(t.db, 'leader', '平阴县'),
  };
  for (const [who, username] of Object.entries(users)) cookies[who] = (await loginAs(t.app, username)).cookie;
  streetlight = await categoryByCode(t.db, 'streetlight');
  base = await listening(t.app);
});
afterAll(async () => {
  streams.forEach((s) => s.close());
  await t.close();
});

const open = async (who: string) => {
  const stream = await openAdmitted(base, cookies[who]);
  streams.push(stream);
  return stream;
};
const act = (who: string, id: number, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions`, headers: { cookie: cookies[who] }, payload });
const ofCase = (caseId: number, type?: LiveEvent['type']) => (m: { data: string; event: string }) =>
  m.event === 'message' && JSON.parse(m.data).data.caseId === caseId && (!type || JSON.parse(m.data).type === type);
/** Lets events that would arrive arrive, before saying one did not. */
const settle = () => new Promise((r) => setTimeout(r, 300));

async function reportStreetlight() {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: cookies.resident },
    payload: { categoryId: streetlight.id, description: '路灯不亮，晚上很黑', lon: 116.4551, lat: 36.2869 },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().caseId as number;
}

describe('casework on the live stream', () => {
  it('tells the desk of a new report and the unit of its dispatch; another community and another unit hear nothing', async () => {
    const [desk, otherDesk, otherGrid, handler, otherHandler, leader] = await Promise.all(
      ['desk', 'otherDesk', 'otherGrid', 'handler', 'otherHandler', 'leader'].map(open),
    );
    const caseId = await reportStreetlight();
    const reported = await desk.next(ofCase(caseId, 'case.reported'));
    expect(JSON.parse(reported.data)).toMatchObject({ type: 'case.reported', data: { caseId } });
    expect(reported.id).toBe(JSON.parse(reported.data).id);
    await leader.next(ofCase(caseId, 'case.reported')); // county-wide cases.read

    for (const action of ['accept', 'register', 'dispatch']) expect((await act('desk', caseId, { action })).statusCode).toBe(200);
    const dispatched = JSON.parse((await handler.next(ofCase(caseId, 'case.dispatched'))).data);
    expect(dispatched.data).toMatchObject({ caseId, action: 'dispatch', status: 'dispatched' });
    await desk.next(ofCase(caseId, 'case.dispatched'));

    await settle();
    for (const outsider of [otherDesk, otherGrid, otherHandler])
      expect(outsider.events().filter((e) => e.data.caseId === caseId)).toEqual([]);
    // The unit hears of the case from its dispatch on, not of the steps before it.
    expect(
      handler
        .events()
        .filter((e) => e.data.caseId === caseId)
        .map((e) => e.type),
    ).toEqual(['case.dispatched']);
    // Each line once.
    expect(
      desk
        .events()
        .filter((e) => e.data.caseId === caseId)
        .map((e) => e.type),
    ).toEqual(['case.reported', 'case.step', 'case.step', 'case.dispatched']);
  });

  it("gives the reporter their own case's public steps, never an internal note, and the unit its notes", async () => {
    const [resident, handler] = await Promise.all(['resident', 'handler'].map(open));
    const caseId = await reportStreetlight();
    for (const action of ['accept', 'register', 'dispatch']) expect((await act('desk', caseId, { action })).statusCode).toBe(200);
    await resident.next(ofCase(caseId, 'case.dispatched'));
    const note = await act('handler', caseId, { action: 'comment', note: '需协调供电公司', internal: true });
    expect(note.statusCode, note.body).toBe(200);
    const noteEvent = JSON.parse((await handler.next((m) => ofCase(caseId)(m) && JSON.parse(m.data).data.action === 'comment')).data);
    expect((await act('handler', caseId, { action: 'sign' })).statusCode).toBe(200);
    await resident.next((m) => ofCase(caseId)(m) && JSON.parse(m.data).data.action === 'sign');
    await settle();
    const heard = resident.events().filter((e) => e.data.caseId === caseId);
    expect(heard.map((e) => e.data)).not.toContainEqual(expect.objectContaining({ action: 'comment' }));
    expect(resident.text).not.toContain(noteEvent.id);
    // The new case itself is the desk's news, not the reporter's: they just made it.
    expect(heard.map((e) => e.type)).toEqual(['case.step', 'case.step', 'case.dispatched', 'case.step']);
  });

  it("keeps another reporter's case from a resident", async () => {
    const resident = await open('resident');
    const otherCase = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: cookies.otherDesk },
      payload: { categoryId: streetlight.id, description: '锦东社区路灯不亮' },
    });
    const caseId = otherCase.json().caseId as number;
    expect((await act('otherDesk', caseId, { action: 'accept' })).statusCode).toBe(200);
    await settle();
    expect(resident.events().filter((e) => e.data.caseId === caseId)).toEqual([]);
  });
});
