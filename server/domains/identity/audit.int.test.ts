import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildResident, buildUser, regionByName, seedTestRegions } from '../../test/factories.js';
import { opennessPoints } from '../documents/documents.fixtures.js';
import { importGazetteDocuments } from '../documents/index.js';

/** 审计日志 in words, filtered by user, action, days and record, as a county administrator reads it. */
describe('identity: the audit log in words', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: { cookie: string };
  let staffName: string;
  let address: string;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    admin = await loginAs(t.app, await buildUser(t.db, 'county_admin', (await regionByName(t.db, '平阴县')).id));
    staffName = await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id, { username: 'jy.auditee' });
    await t.db.updateTable('users').set({ display_name: '张审计' }).where('username', '=', staffName).execute();
    const house = await buildHouse(t.db, '锦源社区');
    address = house.standard_address;
    const subject = await buildResident(t.db, house, { name: '李特殊', tags: ['special'] });
    const other = await buildResident(t.db, await buildHouse(t.db, '锦源社区'), { name: '王旁人' });
    const staff = await loginAs(t.app, staffName);
    for (const id of [subject.id, subject.id, other.id]) {
      expect((await t.app.inject({ url: `/api/residents/${id}/special-groups`, headers: staff })).statusCode).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const read = async (query: string) => {
    const res = await t.app.inject({ url: `/api/audit?${query}`, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      total: number;
      items: { sentence: string; actionLabel: string; subject: string | null; address: string | null }[];
    };
  };

  it('says each line in words: who, what, about whom, and where that record is', async () => {
    const page = await read('action=read_special_groups');
    expect(page.total).toBe(3);
    expect(page.items[1]).toMatchObject({
      sentence: '张审计 查看了 李特殊 的特殊人群信息',
      actionLabel: '查看特殊人群',
      subject: '李特殊',
      address,
    });
    expect(page.items[0].sentence).toBe('张审计 查看了 王旁人 的特殊人群信息');
    // A sign-in is a line too, in its own words.
    expect((await read(`action=login&user=jy.`)).items[0].sentence).toBe('张审计 登录了系统');
  });

  it('filters by user (the start of a username, or part of the name), by record (a name or an address) and by day', async () => {
    expect((await read('action=read_special_groups&user=jy.aud')).total).toBe(3);
    expect((await read('action=read_special_groups&user=审计')).total).toBe(3);
    expect((await read('action=read_special_groups&user=nobody')).total).toBe(0);
    expect((await read('action=read_special_groups&record=李特')).total).toBe(2);
    expect((await read(`action=read_special_groups&record=${encodeURIComponent(address)}`)).total).toBe(2);
    expect((await read('action=read_special_groups&record=王旁人')).total).toBe(1);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await read(`action=read_special_groups&from=${today}&to=${today}`)).total).toBe(3);
    expect((await read('action=read_special_groups&from=2020-01-01&to=2020-12-31')).total).toBe(0);
  });

  it('refuses a range that ends before it starts, an impossible day and a NUL, with a stable code', async () => {
    for (const [query, code] of [
      ['from=2026-03-02&to=2026-03-01', 'VALIDATION'],
      ['from=2026-02-30', 'VALIDATION'],
      ['user=%00', 'NUL_CHARACTER'],
    ]) {
      const res = await t.app.inject({ url: `/api/audit?${query}`, headers: admin });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code, query).toBe(code);
    }
  });

  it("names the county office's records by their numbers: a document imported by the system, then withdrawn by a person", async () => {
    const { ids } = await t.db.transaction().execute((trx) => importGazetteDocuments(trx, [opennessPoints()], { source: '公报.txt' }));
    const five = ids.get('平政办发〔2023〕5号')!;
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${five}/withdraw`,
      headers: admin,
      payload: { reason: '附件表格排版有误' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await read('action=documents_imported')).items[0]).toMatchObject({
      sentence: '系统 把公报 公报.txt 的文件收入文件库（新增 1 份，更新 0 份）',
      actionLabel: '文件入库',
    });
    const line = (await read('action=document_withdrawn')).items[0];
    expect(line).toMatchObject({ actionLabel: '撤回发布', subject: '平政办发〔2023〕5号' });
    expect(line.sentence).toMatch(/^\S+ 撤回了文件 平政办发〔2023〕5号 的发布（原因：附件表格排版有误）$/);
  });
});
