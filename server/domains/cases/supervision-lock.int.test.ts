import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, reportOverdueCase, type TestApp } from '../../test/app.js';
import { buildStaff, seedCasework } from '../../test/factories.js';
import { sweepSupervisionOnce } from './supervision.js';

/**
 * A round of the supervision sweep runs in one process at a time (docs/decisions/033): on the
 * advisory lock's own connection, so on PGlite's one connection too; skipped while another
 * process holds the round (PostgreSQL).
 */
describe('one supervision round at a time', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await seedCasework(t.db);
  });
  afterAll(() => t?.close());

  it('does a round on the lock’s connection: an overdue case gets its 督办单', async () => {
    const desk = (await loginAs(t.app, await buildStaff(t.db, 'community_staff', '锦源社区'))).cookie;
    const caseId = await reportOverdueCase(t, desk, '路灯不亮，督办测试');
    expect(await sweepSupervisionOnce(t.app.casework)).toMatchObject({ noticed: 1 });
    expect(await t.db.selectFrom('case_supervisions').select('id').where('case_id', '=', caseId).execute()).toHaveLength(1);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('skips the round while another process holds it', async () => {
    const other = new pg.Client({ connectionString: t.database.url });
    await other.connect();
    try {
      await other.query('select pg_advisory_lock(370127)');
      expect(await sweepSupervisionOnce(t.app.casework)).toBeNull();
      await other.query('select pg_advisory_unlock(370127)');
      expect(await sweepSupervisionOnce(t.app.casework)).not.toBeNull();
    } finally {
      await other.end();
    }
  });
});
