import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildHouse, buildResident, buildUser, regionByName, seedTestRegions } from '../../test/factories.js';

/**
 * Security review (issue 7), item 4: an export is audited before its first row is read, so an
 * export the client aborts is not lost; its end (done or aborted, with the row count) follows.
 * And the numbers searched for are masked in the audit line, which a county administrator —
 * masked everywhere else — reads at /api/audit.
 */
describe('export audit', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: { cookie: string };
  let auditor: { cookie: string };
  let house: Awaited<ReturnType<typeof buildHouse>>;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    const county = (await regionByName(t.db, '平阴县')).id;
    house = await buildHouse(t.db, '锦源社区');
    admin = await loginAs(t.app, await buildUser(t.db, 'community_staff', (await regionByName(t.db, '锦源社区')).id));
    auditor = await loginAs(t.app, await buildUser(t.db, 'county_admin', county));
  });
  afterAll(async () => {
    await t?.close();
  });

  const auditLines = (action: string, afterId: number) =>
    t.db.selectFrom('audit_log').selectAll().where('action', 'like', `${action}%`).where('id', '>', afterId).orderBy('id').execute();
  const lastAuditId = async () =>
    Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst()
      )?.id ?? 0,
    );

  async function closingLine(action: string, startedAs: number) {
    for (let i = 0; i < 200; i++) {
      const lines = (await auditLines(action, startedAs)).filter((l) => (l.detail as { startedAs?: number }).startedAs === startedAs);
      if (lines.length > 0) return lines[0];
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no closing line for ${action} ${startedAs}`);
  }

  it('writes the start line first, and records an export the client closed mid-stream as aborted', async () => {
    // Enough rows (ten pages) that the export is still being written when the client goes.
    await sql`insert into residents (id_card, name, gender, birth_date, population_type, house_id, community_id, grid_id, region_path)
      select '99' || lpad(g::text, 16, '0'), '导出' || g, 'male', date '1980-01-01', 'registered', ${house.id}, ${house.community_id}, ${house.grid_id}, ${house.region_path}
      from generate_series(1, 20000) g`.execute(t.db);
    const before = await lastAuditId();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port, path: `/api/exports/residents.xlsx?q=${encodeURIComponent('导出')}`, headers: admin },
        (res) => {
          // A real client that takes the first bytes and closes its socket.
          res.once('data', () => {
            request.destroy();
            resolve(res.statusCode!);
          });
        },
      );
      request.on('error', (e) => {
        if (!request.destroyed) reject(e);
      });
    });
    expect(status).toBe(200);

    const [start] = await auditLines('export_residents', before);
    expect(start).toMatchObject({ action: 'export_residents', entity: 'resident' });
    expect((start.detail as { filter: { q: string } }).filter.q).toBe('导出');
    const end = await closingLine('export_residents_', Number(start.id));
    expect(end.action).toBe('export_residents_aborted');
    expect(end.detail).toMatchObject({ reason: 'client_closed' });
    expect((end.detail as { rows: number }).rows).toBeLessThan(20000);
  });

  it('records a completed export with its row count', async () => {
    const before = await lastAuditId();
    const res = await t.app.inject({ url: '/api/exports/houses.xlsx', headers: admin });
    expect(res.statusCode).toBe(200);
    const [start] = await auditLines('export_houses', before);
    const end = await closingLine('export_houses_', Number(start.id));
    expect(end).toMatchObject({ action: 'export_houses_done', detail: { startedAs: Number(start.id), rows: 1 } });
  });

  it('masks an ID or phone number searched for, in the database and at /api/audit', async () => {
    const person = await buildResident(t.db, house, { phone: '13912349001' });
    const before = await lastAuditId();
    for (const q of [person.id_card, '13912349001']) {
      const res = await t.app.inject({ url: `/api/exports/residents.xlsx?q=${q}`, headers: admin });
      expect(res.statusCode).toBe(200);
    }
    const lines = await auditLines('export_residents', before);
    const stored = JSON.stringify(lines.map((l) => l.detail));
    expect(stored).toContain(`${person.id_card.slice(0, 6)}********${person.id_card.slice(-4)}`);
    expect(stored).toContain('139****9001');
    const read = await t.app.inject({ url: '/api/audit?action=export_residents&pageSize=50', headers: auditor });
    expect(read.statusCode).toBe(200);
    for (const body of [stored, read.body]) {
      expect(body).not.toContain(person.id_card);
      expect(body).not.toContain('13912349001');
    }
    expect(read.json().items.length).toBeGreaterThan(0);
  });
});
