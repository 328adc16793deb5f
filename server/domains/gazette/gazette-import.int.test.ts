import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test-support/cli-process.js';
import { createPostgresDatabase } from '../../test/test-database.js';
import { buildTestApp, loginAs } from '../../test/app.js';
import { buildStaff, seedTestRegions } from '../../test/factories.js';
import { gazetteImportReport } from '../../../common/contracts/gazette.js';

const SEED = path.resolve(import.meta.dirname, '../../../data/seed/pingyin-2023-gazette.txt');
const OTHER = path.resolve(import.meta.dirname, 'test-gazettes/another-county-2024.txt');
// A task notice and two replies, the second naming its proposer twice: the proposals part refuses it.
const REFUSED = path.resolve(import.meta.dirname, 'test-gazettes/proposer-twice-2023.txt');
const NEWS = path.resolve(import.meta.dirname, 'test-gazettes/not-a-gazette-news.txt');

/**
 * `civicgrid import gazette <file> --json` as an operator (and a later check) runs it: on an
 * empty DATA_DIR it migrates first and prints the report alone on stdout; on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
describe('civicgrid import gazette --json', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-gazette-cli-'));
  const env: Record<string, string> = { DATA_DIR: dataDir };
  let dropDatabase = async () => {};
  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) return;
    const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL, 'civicgrid_gazette_cli');
    env.DATABASE_URL = created.url;
    dropDatabase = created.drop;
  });
  afterAll(async () => {
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports the seed gazette into an empty data directory and prints the report as JSON', async () => {
    const run = await runCli(['import', 'gazette', SEED, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const report = gazetteImportReport.parse(JSON.parse(run.stdout));
    expect(report.documents.map((d) => d.number)).toEqual([
      '平政办发〔2023〕4号',
      '平政办发〔2023〕5号',
      '平政办发〔2023〕6号',
      '平政字〔2023〕22号',
      '平政办字〔2023〕7号',
      '平政办字〔2023〕9号',
    ]);
    const reply = report.documents.find((d) => d.number === '平政办字〔2023〕9号')!;
    expect(reply).toMatchObject({ organCode: '平政办字', year: 2023, serial: 9, dateWritten: '2023-09-26', attachments: 2 });
    expect(reply.addressees).toEqual(['白咸勇', '徐坤', '常伟青']);
    const tasks = report.documents.find((d) => d.number === '平政办发〔2023〕5号')!.tasks;
    expect(tasks).toHaveLength(49);
    expect(tasks[46]).toMatchObject({ seq: 47, deadline: 'ongoing', deadlineText: '长期坚持' });
    expect(report.documents.find((d) => d.number === '平政字〔2023〕22号')!.tasks).toHaveLength(16);
    expect(report.imported).toMatchObject({ leaders: 14, orgUnits: 104 });
  });

  it('imports a second gazette beside it, and the seed again without doubling anything', async () => {
    const other = await runCli(['import', 'gazette', OTHER, '--json'], env);
    expect(other.code, other.stderr).toBe(0);
    expect(JSON.parse(other.stdout).imported).toMatchObject({ leaders: 0, orgUnits: 0 });
    const again = await runCli(['import', 'gazette', SEED, '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).imported).toMatchObject({ leaders: 14, orgUnits: 104 });
  });

  it('says what went wrong, in Chinese, for a file that is not there', async () => {
    const run = await runCli(['import', 'gazette', path.join(dataDir, 'missing.txt'), '--json'], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('找不到公报文件');
    expect(run.stdout).toBe('');
  });
});

describe('POST /api/gazette/imports', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let office: string;
  let handler: string;
  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestRegions(t.db);
    office = (await loginAs(t.app, await buildStaff(t.db, 'county_admin', '平阴县'))).cookie;
    handler = (await loginAs(t.app, await buildStaff(t.db, 'dept_handler', '平阴县'))).cookie;
  });
  afterAll(async () => t?.close());
  const post = (cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/gazette/imports', headers: { cookie }, payload });

  it('imports an uploaded gazette for the county office and writes the audit line', async () => {
    const response = await post(office, { fileName: '东阿县公报2024-2.txt', text: readFileSync(OTHER, 'utf8') });
    expect(response.statusCode, response.body).toBe(200);
    const report = gazetteImportReport.parse(response.json());
    expect(report.documents.map((d) => d.number)).toEqual(['东政办发〔2024〕12号', '东政发〔2024〕3号']);
    expect(report.warnings.length).toBeGreaterThan(0);
    const audit = await t.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'import_gazette').execute();
    expect(audit).toEqual([{ detail: expect.objectContaining({ source: '东阿县公报2024-2.txt', documents: 2 }) }]);
  });

  it('puts the seed into the library, supervision and proposals in one import, read through their APIs', async () => {
    const imported = await post(office, { fileName: 'pingyin-2023-gazette.txt', text: readFileSync(SEED, 'utf8') });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().imported).toMatchObject({ documentsCreated: 6, taskLists: 3, tasks: 49 + 16 + 3, proposals: 1 });
    const get = async (url: string, cookie?: string) => (await t.app.inject({ url, headers: cookie ? { cookie } : {} })).json();

    // The public column, without a session: the two documents whose 附注 says public (the
    // other county's gazette, imported above, is of 2024).
    const open = await get('/api/open/documents?year=2023');
    expect(open.items.map((d: { number: string }) => d.number).sort()).toEqual(['平政办发〔2023〕5号', '平政办字〔2023〕7号']);
    expect((await get(`/api/open/documents?q=${encodeURIComponent('废弃汽车')}`)).items[0]).toMatchObject({
      number: '平政办字〔2023〕7号',
    });

    const proposal = await get('/api/proposals?number=1102097', office);
    expect(proposal.items).toEqual([
      expect.objectContaining({ number: '1102097', proposers: ['白咸勇', '徐坤', '常伟青'], replyDocumentNumber: '平政办字〔2023〕9号' }),
    ]);

    // Importing it again changes no count.
    const again = await post(office, { fileName: 'pingyin-2023-gazette.txt', text: readFileSync(SEED, 'utf8') });
    expect(again.json().imported).toMatchObject({ documentsCreated: 0, documentsUpdated: 6, taskLists: 3, proposals: 1 });
    expect((await get('/api/proposals?number=1102097', office)).total).toBe(1);
  });

  it('rolls the whole gazette back when a later part refuses: no document, task list, task or proposal is left', async () => {
    const tables = [
      'documents',
      'task_lists',
      'tasks',
      'proposal_sessions',
      'proposals',
      'proposal_proposers',
      'proposal_replies',
      'audit_log',
    ] as const;
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(
          tables.map(async (table) => {
            const row = await t.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow();
            return [table, Number(row.n)];
          }),
        ),
      );
    const before = await counts();
    const response = await post(office, { fileName: 'proposer-twice-2023.txt', text: readFileSync(REFUSED, 'utf8') });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'GAZETTE_PROPOSER_TWICE',
      message: '平政办字〔2023〕32号（第 35 行）的委员名单中“张敏”出现两次，请核对公报后重新导入',
    });
    // The documents, the task list and the first reply's proposal were written before the refusal.
    expect(await counts()).toEqual(before);
    const left = await t.db
      .selectFrom('documents')
      .select('id')
      .where('number', 'in', ['平政办发〔2023〕31号', '平政办字〔2023〕31号'])
      .execute();
    expect(left).toEqual([]);
  });

  it('imports nothing out of a text with no document in it, and says why', async () => {
    const response = await post(office, { fileName: 'news.txt', text: readFileSync(NEWS, 'utf8') });
    expect(response.statusCode, response.body).toBe(200);
    const report = gazetteImportReport.parse(response.json());
    expect(report.documents).toEqual([]);
    expect(report.warnings.map((w) => w.message)).toEqual([expect.stringContaining('没有读出任何文件')]);
    expect(report.imported).toMatchObject({ documentsCreated: 0, taskLists: 0, proposals: 0 });
  });

  it('refuses an empty text, and anyone without documents.manage', async () => {
    expect((await post(office, { fileName: 'a.txt', text: '' })).statusCode).toBe(400);
    expect((await post(handler, { fileName: 'a.txt', text: '一' })).statusCode).toBe(403);
  });
});
