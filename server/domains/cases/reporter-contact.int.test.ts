import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { auditLinesOf, buildHouse, buildResident, buildStaff, categoryByCode, seedCasework } from '../../test/factories.js';
import { REVEAL_WINDOW } from '../../platform/reveal-limit.js';

/**
 * 回访报告人 (docs/decisions/019): a resident reports from their account, leaving no number with
 * the report; the desk that holds the case calls back on the number of the resident's own record.
 * Town staff see it masked and reveal it with a reason, audited; a leader who only reads the case
 * sees it masked and may not reveal it; anonymous reporters keep their number.
 */
describe('calling the reporter back', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  const cookies: Record<string, { cookie: string }> = {};
  const users: Record<string, string> = {};
  let caseId: number;
  let anonymousCaseId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedCasework(t.db);
    const house = await buildHouse(t.db, '锦源社区');
    const resident = await buildResident(t.db, house, { name: '王秀兰', phone: '13805319876' });
    users.resident = await buildStaff(t.db, 'resident', '锦源社区', { residentId: resident.id });
    await t.db.updateTable('users').set({ display_name: '王秀兰' }).where('username', '=', users.resident).execute();
    users.desk = await buildStaff(t.db, 'community_staff', '锦源社区');
    users.town = await buildStaff(t.db, 'town_staff', '榆山街道');
    users.otherTown = await buildStaff(t.db, 'town_staff', '锦水街道');
    users.leader = await buildStaff(t.db, 'leader', '平阴县');
    for (const [who, username] of Object.entries(users)) cookies[who] = await loginAs(t.app, username);
    const category = await categoryByCode(t.db, 'neighbour_dispute');
    const report = (anonymous: boolean) =>
      t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: cookies.resident,
        payload: { categoryId: category.id, description: '楼上漏水引发邻里矛盾', regionId: house.grid_id, anonymous },
      });
    caseId = (await report(false)).json().caseId;
    anonymousCaseId = (await report(true)).json().caseId;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const contacts = (who: string, id = caseId) => t.app.inject({ url: `/api/cases/${id}/reporter-contacts`, headers: cookies[who] });
  const reveal = (who: string, body: Record<string, unknown>, id = caseId) =>
    t.app.inject({ method: 'POST', url: `/api/cases/${id}/reporter-contacts/reveal`, headers: cookies[who], payload: body });

  it("gives the community desk the reporter's own number in full, to call", async () => {
    const body = (await contacts('desk')).json();
    expect(body).toMatchObject({ callsBack: true, items: [{ name: '王秀兰', phone: '13805319876', phoneFull: true, revealable: false }] });
  });

  it('masks it for town staff, who reveal it with a reason, audited in the same request', async () => {
    const listed = (await contacts('town')).json();
    expect(listed.items[0]).toMatchObject({ name: '王**', phone: '138****9876', phoneFull: false, revealable: true });
    const before = (await auditLinesOf(t.db, users.town, 'reveal_reporter_phone')).length;

    const refused = await reveal('town', { sourceId: listed.items[0].sourceId, reason: ' ' });
    expect(refused.statusCode).toBe(400);
    expect((await auditLinesOf(t.db, users.town, 'reveal_reporter_phone')).length).toBe(before);

    const revealed = await reveal('town', { sourceId: listed.items[0].sourceId, reason: '回访核实漏水处理情况' });
    expect(revealed.json()).toEqual({ value: '13805319876' });
    const lines = await auditLinesOf(t.db, users.town, 'reveal_reporter_phone');
    expect(lines.length).toBe(before + 1);
    expect(lines.at(-1)).toMatchObject({ entity: 'case', entity_id: String(caseId) });
    expect(JSON.stringify(lines.at(-1)!.detail)).toContain('回访核实漏水处理情况');
    // The reveal is its own answer: the case page and the contacts stay masked.
    expect((await contacts('town')).body).not.toContain('13805319876');
    expect((await t.app.inject({ url: `/api/cases/${caseId}`, headers: cookies.town })).body).not.toContain('13805319876');
  });

  it('refuses a leader who only reads the case, another town (404) and an anonymous reporter', async () => {
    const sourceId = (await contacts('leader')).json().items[0].sourceId;
    expect((await contacts('leader')).json()).toMatchObject({ callsBack: false, items: [{ revealable: false }] });
    expect((await reveal('leader', { sourceId, reason: '想了解一下情况' })).statusCode).toBe(403);
    expect((await contacts('otherTown')).statusCode).toBe(404);
    expect((await reveal('otherTown', { sourceId, reason: '想了解一下情况' })).statusCode).toBe(404);
    const anonymous = (await contacts('town', anonymousCaseId)).json().items[0];
    expect(anonymous).toMatchObject({ name: '匿名', phone: null, revealable: false });
    const refused = await reveal('town', { sourceId: anonymous.sourceId, reason: '回访核实处理情况' }, anonymousCaseId);
    expect(refused.json().code).toBe('REPORTER_ANONYMOUS');
  });

  it('stops an account after the hour’s allowance of reveals', async () => {
    const sourceId = (await contacts('desk')).json().items[0].sourceId;
    const codes: number[] = [];
    for (let i = 0; i <= REVEAL_WINDOW.limit; i++)
      codes.push((await reveal('desk', { sourceId, reason: `第${i + 1}次回访报告人` })).statusCode);
    expect(codes.slice(0, REVEAL_WINDOW.limit).every((c) => c === 200)).toBe(true);
    const last = await reveal('desk', { sourceId, reason: '再次回访报告人' });
    expect(last.statusCode).toBe(429);
    expect(last.json().code).toBe('REVEAL_RATE_LIMITED');
  });
});
