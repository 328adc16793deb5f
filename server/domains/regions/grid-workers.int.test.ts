import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSentence } from '../../../common/audit-words.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import {
  auditLinesOf,
  buildGrid,
  buildGridWorker,
  buildHouse,
  buildResident,
  buildUser,
  regionByName,
  seedTestRegions,
} from '../../test/factories.js';

/**
 * 网格员 managed through the API (docs/decisions/047): a community's staff for their own grids,
 * another community 404, read-only roles read; phones masked everywhere and whole only through
 * the audited reveal; refused input changes nothing; special groups follow their supervisor.
 */
describe('managing a grid’s workers', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  const who: Record<string, { cookie: string }> = {};
  let staffName: string;
  let grid: Awaited<ReturnType<typeof buildGrid>>;
  let otherGrid: Awaited<ReturnType<typeof buildGrid>>;
  let account: number;
  let house: Awaited<ReturnType<typeof buildHouse>>;

  const userId = async (username: string) =>
    (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const rows = () => t.db.selectFrom('grid_workers').selectAll().where('grid_id', '=', grid.id).orderBy('id').execute();
  const send = (method: 'POST' | 'PATCH' | 'GET' | 'DELETE', url: string, as: { cookie: string }, payload?: object, headers = {}) =>
    t.app.inject({ method, url, headers: { ...as, ...headers }, ...(payload ? { payload } : {}) });
  const form = { name: '赵雅琴', phone: '+86 138 0531 1234', employment: 'full_time' };

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    const jinyuan = await regionByName(t.db, '锦源社区');
    house = await buildHouse(t.db, '锦源社区');
    const houseGrid = await t.db
      .selectFrom('regions')
      .select(['id', 'path', 'name'])
      .where('id', '=', house.grid_id!)
      .executeTakeFirstOrThrow();
    grid = { ...houseGrid, communityId: jinyuan.id };
    otherGrid = await buildGrid(t.db, '锦东社区');
    staffName = await buildUser(t.db, 'community_staff', jinyuan.id);
    who.staff = await loginAs(t.app, staffName);
    who.other = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦东社区')).id));
    who.leader = await loginAs(t.app, await buildUser(t.db, 'leader', (await regionByName(t.db, '平阴县')).id));
    const gridAccount = await buildUser(t.db, 'grid_worker', grid.id);
    who.grid = await loginAs(t.app, gridAccount);
    account = await userId(gridAccount);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('adds a worker once under one Idempotency-Key, masked in the answer, whole in the table, audited in words', async () => {
    const key = { 'idempotency-key': 'add-worker-0001' };
    const res = await send('POST', `/api/grids/${grid.id}/workers`, who.staff, { ...form, userId: account }, key);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: '赵雅琴',
      phone: '138****1234',
      phoneRevealable: true,
      employment: 'full_time',
      userId: account,
    });
    const again = await send('POST', `/api/grids/${grid.id}/workers`, who.staff, { ...form, userId: account }, key);
    expect([again.statusCode, again.json().id]).toEqual([200, res.json().id]);
    const changed = await send('POST', `/api/grids/${grid.id}/workers`, who.staff, { ...form, name: '钱多多' }, key);
    expect([changed.statusCode, changed.json().code]).toEqual([422, 'IDEMPOTENCY_MISMATCH']);
    expect((await rows()).map((r) => [r.name, r.phone, r.user_id])).toEqual([['赵雅琴', '13805311234', account]]);
    const lines = await auditLinesOf(t.db, staffName, 'create_grid_worker');
    expect(lines).toHaveLength(1);
    expect(auditSentence('张三', 'create_grid_worker', { subject: '', detail: lines[0].detail as Record<string, unknown> })).toBe(
      `张三 在${grid.name}新增了网格员 赵雅琴`,
    );
  });

  it('refuses a bad name, phone, employment or account with a reason, and changes nothing', async () => {
    const before = await rows();
    const otherAccount = await userId(await buildUser(t.db, 'grid_worker', otherGrid.id));
    const staffAccount = await userId(staffName);
    const refusals: [object, number, string][] = [
      [{ ...form, name: 'Zhang San' }, 400, 'VALIDATION'],
      [{ ...form, name: '李' }, 400, 'VALIDATION'],
      [{ ...form, phone: '12345678' }, 400, 'VALIDATION'],
      [{ ...form, employment: 'hourly' }, 400, 'VALIDATION'],
      [{ ...form, userId: otherAccount }, 400, 'WORKER_ACCOUNT_NOT_IN_GRID'],
      [{ ...form, userId: staffAccount }, 400, 'WORKER_ACCOUNT_NOT_IN_GRID'],
      [{ ...form, name: '孙立', userId: account }, 409, 'WORKER_ACCOUNT_TAKEN'],
    ];
    for (const [payload, status, code] of refusals) {
      const res = await send('POST', `/api/grids/${grid.id}/workers`, who.staff, payload);
      expect([res.statusCode, res.json().code], JSON.stringify(payload)).toEqual([status, code]);
    }
    const name = await send('POST', `/api/grids/${grid.id}/workers`, who.staff, { ...form, name: 'Zhang San' });
    expect(name.json().details.fields).toEqual([{ field: 'body.name', message: '请填写中文姓名（少数民族姓名用“·”分隔）' }]);
    expect(await rows()).toEqual(before);
    expect(await auditLinesOf(t.db, staffName, 'create_grid_worker')).toHaveLength(1);
  });

  it('takes a landline and a minority name written with any dot', async () => {
    const res = await send('POST', `/api/grids/${grid.id}/workers`, who.staff, {
      name: '买买提•艾力',
      phone: '0531-87881234',
      employment: 'part_time',
    });
    expect(res.json()).toMatchObject({ name: '买买提·艾力', phone: '053******1234' });
  });

  it('corrects a phone and a name: the log says which fields, not the number; special groups follow the name', async () => {
    const [worker] = await rows();
    const resident = await buildResident(t.db, house);
    await t.db
      .insertInto('special_group_records')
      .values({ resident_id: resident.id, category: 'released_prisoner', since_on: null, supervisor: '赵雅琴（网格员）', note: null })
      .execute();
    const res = await send('PATCH', `/api/grids/${grid.id}/workers/${worker.id}`, who.staff, {
      ...form,
      name: '赵雅芹',
      phone: '13905319876',
      userId: account,
    });
    expect(res.json()).toMatchObject({ name: '赵雅芹', phone: '139****9876' });
    const [line] = await auditLinesOf(t.db, staffName, 'update_grid_worker');
    expect(line.detail).toMatchObject({ changed: ['name', 'phone'], from: '赵雅琴', supervision: 1 });
    expect(JSON.stringify(line.detail)).not.toContain('9876');
    const record = await t.db
      .selectFrom('special_group_records')
      .select('supervisor')
      .where('resident_id', '=', resident.id)
      .executeTakeFirstOrThrow();
    // The form never holds the stored number: sent without one, the phone stays and nothing is logged.
    const same = await send('PATCH', `/api/grids/${grid.id}/workers/${worker.id}`, who.staff, {
      name: '赵雅芹',
      employment: 'full_time',
      userId: account,
    });
    expect(same.json().phone).toBe('139****9876');
    expect(await auditLinesOf(t.db, staffName, 'update_grid_worker')).toHaveLength(1);
    expect(record.supervisor).toBe('赵雅芹（网格员）');
  });

  it('shows phones masked on the grid to every role, and reveals one with a reason to who may edit, audited', async () => {
    const [worker] = await rows();
    for (const as of [who.staff, who.leader, who.grid]) {
      const detail = (await send('GET', `/api/grids/${grid.id}`, as)).json();
      expect(detail.workers.map((w: { phone: string }) => w.phone)).toContain('139****9876');
      expect(JSON.stringify(detail)).not.toContain('13905319876');
    }
    expect((await send('GET', `/api/grids/${grid.id}`, who.leader)).json().workers[0].phoneRevealable).toBe(false);
    const reveal = (as: { cookie: string }, reason: string) =>
      send('POST', `/api/grids/${grid.id}/workers/${worker.id}/reveal`, as, { reason });
    expect((await reveal(who.staff, '短')).json().code).toBe('VALIDATION');
    expect((await reveal(who.staff, '通知参加网格例会')).json()).toEqual({ value: '13905319876' });
    expect((await reveal(who.leader, '通知参加网格例会')).statusCode).toBe(403);
    expect((await reveal(who.other, '通知参加网格例会')).statusCode).toBe(404);
    const lines = await auditLinesOf(t.db, staffName, 'reveal_grid_worker_phone');
    expect(lines).toHaveLength(1);
    expect(lines[0].detail).toMatchObject({ reason: '通知参加网格例会', name: '赵雅芹' });
  });

  it("keeps another community's grid and workers out of reach (404) and read-only roles out of the writes (403)", async () => {
    const [worker] = await rows();
    const stranger = await buildGridWorker(t.db, otherGrid);
    expect((await send('POST', `/api/grids/${grid.id}/workers`, who.other, form)).statusCode).toBe(404);
    expect((await send('PATCH', `/api/grids/${grid.id}/workers/${worker.id}`, who.other, form)).statusCode).toBe(404);
    expect((await send('DELETE', `/api/grids/${grid.id}/workers/${worker.id}`, who.other)).statusCode).toBe(404);
    expect((await send('GET', `/api/grids/${grid.id}/worker-accounts`, who.other)).statusCode).toBe(404);
    // A worker of another grid named under this one is not found either.
    expect((await send('PATCH', `/api/grids/${grid.id}/workers/${stranger.id}`, who.staff, form)).statusCode).toBe(404);
    expect((await send('POST', `/api/grids/${grid.id}/workers`, who.leader, form)).statusCode).toBe(403);
    expect((await send('DELETE', `/api/grids/${grid.id}/workers/${worker.id}`, who.grid)).statusCode).toBe(403);
    expect((await rows()).map((r) => r.name)).toEqual(['赵雅芹', '买买提·艾力']);
  });

  it('lists the grid’s worker accounts with the one already linked', async () => {
    const [worker] = await rows();
    const res = (await send('GET', `/api/grids/${grid.id}/worker-accounts`, who.staff)).json();
    expect(res.items).toEqual([expect.objectContaining({ id: account, workerId: worker.id, active: true })]);
  });

  it('removes a worker, keeping their account and handing their special groups on; the last one responsible stays', async () => {
    const [first, second] = await rows();
    const res = await send('DELETE', `/api/grids/${grid.id}/workers/${first.id}`, who.staff);
    expect(res.statusCode).toBe(204);
    expect(await t.db.selectFrom('users').select('id').where('id', '=', account).executeTakeFirst()).toBeDefined();
    const records = await t.db.selectFrom('special_group_records').select('supervisor').where('supervisor', 'like', '%网格员%').execute();
    expect(records.map((r) => r.supervisor)).toContain('买买提·艾力（网格员）');
    const [line] = await auditLinesOf(t.db, staffName, 'remove_grid_worker');
    expect(line.detail).toMatchObject({ name: '赵雅芹', handedTo: '买买提·艾力', supervised: 1 });

    const last = await send('DELETE', `/api/grids/${grid.id}/workers/${second.id}`, who.staff);
    expect([last.statusCode, last.json().code]).toEqual([409, 'GRID_WORKER_SUPERVISES']);
    expect((await rows()).map((r) => r.id)).toEqual([second.id]);
    expect((await send('DELETE', `/api/grids/${grid.id}/workers/${first.id}`, who.staff)).statusCode).toBe(404);
  });
});
