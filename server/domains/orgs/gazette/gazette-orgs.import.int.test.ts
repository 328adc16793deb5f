import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/use-test-database.js';
import { importGazette, readGazette } from '../../gazette/index.js';
import { importDivisionOfLabour } from './gazette-orgs.import.js';

const gazette = readFileSync(new URL('../../../../data/seed/pingyin-2023-gazette.txt', import.meta.url), 'utf8');

/** The orgs part of a gazette import, as the importer calls it. */
const importGazetteOrgs = (db: Parameters<typeof importDivisionOfLabour>[0], text: string) =>
  importDivisionOfLabour(db, readGazette(text).documents);

describe('importDivisionOfLabour', () => {
  const t = useTestDatabase();
  let firstRun: Awaited<ReturnType<typeof importGazetteOrgs>>;
  // Every test reads the gazette as imported once here; none writes rows another relies on.
  beforeAll(async () => {
    firstRun = await importGazetteOrgs(t.db, gazette);
  });

  /** The gazette import refuses the text with the code, naming what it could not read, and rolls back. */
  const refuses = (text: string, code: string, naming: string) =>
    expect(importGazette(t.db, text, { source: 'test', actor: null })).rejects.toMatchObject({
      code,
      message: expect.stringContaining(naming),
    });

  const snapshot = async () => {
    const { db } = t;
    return {
      units: await db.selectFrom('org_units').selectAll().orderBy('id').execute(),
      leaders: await db.selectFrom('leaders').selectAll().orderBy('id').execute(),
      posts: await db.selectFrom('leader_posts').selectAll().orderBy('leader_id').orderBy('body').execute(),
      duties: await db
        .selectFrom('leader_duties')
        .select(['leader_id', 'duty', 'work_area', 'org_unit_id', 'assists_leader_id', 'source_doc'])
        .orderBy('id')
        .execute(),
      pairs: await db.selectFrom('leader_ab_pairs').selectAll().orderBy('leader_a').execute(),
    };
  };
  const leaderId = async (name: string) =>
    (await t.db.selectFrom('leaders').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const unitRow = (name: string) => t.db.selectFrom('org_units').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

  it('writes the leaders, duties, units and AB pairs of 4号 and 6号', async () => {
    // 4号: 5 leaders, 46 duties, 16 units; 6号: 10 leaders, 153 duties, 90 units, 3 pairs;
    // 县政府办公室 and 县机关事务服务中心 are named by both, and 赵传资 sits in both 班子.
    expect(firstRun).toEqual({ documents: 2, leaders: 14, posts: 15, duties: 199, units: 104, abPairs: 3 });
    const rows = await snapshot();
    expect(rows.units).toHaveLength(104);
    expect(rows.leaders).toHaveLength(14);
    expect(rows.posts).toHaveLength(15);
    expect(rows.duties).toHaveLength(199);
    expect(rows.pairs).toHaveLength(3);
  });

  it('leaves exactly the same rows when run again', async () => {
    const before = await snapshot();
    expect(await importGazetteOrgs(t.db, gazette)).toEqual(firstRun);
    // Units and leaders keep their ids; duties are replaced with identical content.
    expect(await snapshot()).toEqual(before);
  });

  it('keeps 赵传资 as one leader with a post in each 班子, his duties from both notices on that one row', async () => {
    expect(await t.db.selectFrom('leaders').select('id').where('name', '=', '赵传资').execute()).toHaveLength(1);
    const zhao = await leaderId('赵传资');
    const posts = await t.db
      .selectFrom('leader_posts')
      .select(['body', 'rank', 'source_doc'])
      .where('leader_id', '=', zhao)
      .orderBy('body')
      .execute();
    expect(posts).toEqual([
      { body: '县政府', rank: 10, source_doc: '平政办发〔2023〕6号' },
      { body: '县政府办公室', rank: 1, source_doc: '平政办发〔2023〕4号' },
    ]);
    const sources = await t.db.selectFrom('leader_duties').select('source_doc').distinct().where('leader_id', '=', zhao).execute();
    expect(sources.map((r) => r.source_doc).sort()).toEqual(['平政办发〔2023〕4号', '平政办发〔2023〕6号']);
  });

  it('stores units with their aliases, kinds and the office sections under the office', async () => {
    expect(await unitRow('县城市管理局')).toMatchObject({ kind: 'department', aliases: ['综合行政执法局'] });
    expect(await unitRow('县自然资源局')).toMatchObject({ aliases: ['林业局'] });
    const officeRow = await unitRow('县政府办公室');
    expect(officeRow).toMatchObject({ kind: 'government_office', aliases: ['研究室', '大数据局'], parent_id: null });
    expect(await unitRow('热线办')).toMatchObject({ kind: 'internal_section', parent_id: officeRow.id });
  });

  it('links duties to units and assisted leaders', async () => {
    const { db } = t;
    const zhangWei = await leaderId('张伟');
    const inCharge = await db
      .selectFrom('leader_duties')
      .innerJoin('org_units', 'org_units.id', 'leader_duties.org_unit_id')
      .select('org_units.name')
      .where('leader_id', '=', zhangWei)
      .where('duty', '=', 'in_charge')
      .execute();
    expect(inCharge.map((r) => r.name)).toEqual(expect.arrayContaining(['县城市管理局', '县自然资源局']));

    const wangLi = await db
      .selectFrom('leader_duties')
      .select('assists_leader_id')
      .where('leader_id', '=', await leaderId('王力'))
      .distinct()
      .execute();
    expect(wangLi.map((r) => r.assists_leader_id).sort()).toEqual([await leaderId('李培振'), await leaderId('丁新普')].sort());

    const dingTao = await db
      .selectFrom('leader_duties')
      .innerJoin('org_units', 'org_units.id', 'leader_duties.org_unit_id')
      .select(['org_units.name', 'leader_duties.source_doc'])
      .where('leader_id', '=', await leaderId('丁韬'))
      .where('duty', '=', 'in_charge')
      .execute();
    expect(dingTao.map((r) => r.name)).toEqual(expect.arrayContaining(['督查室', '热线办']));
    expect(new Set(dingTao.map((r) => r.source_doc))).toEqual(new Set(['平政办发〔2023〕4号']));
  });

  it('stores the AB pairs of 6号', async () => {
    const pairs = await t.db
      .selectFrom('leader_ab_pairs')
      .innerJoin('leaders as a', 'a.id', 'leader_ab_pairs.leader_a')
      .innerJoin('leaders as b', 'b.id', 'leader_ab_pairs.leader_b')
      .select(['a.name as a', 'b.name as b', 'leader_ab_pairs.source_doc'])
      .orderBy('a.id')
      .execute();
    expect(pairs).toEqual([
      { a: '李培振', b: '张伟', source_doc: '平政办发〔2023〕6号' },
      { a: '丁芳', b: '丁新普', source_doc: '平政办发〔2023〕6号' },
      { a: '陈剑', b: '赵鹏', source_doc: '平政办发〔2023〕6号' },
    ]);
  });

  it('finds the 分工 notices by their titles, not their numbers, and writes nothing for a gazette without one', async () => {
    const renumbered = gazette.replace('平政办发〔2023〕6号', '平政办发〔2024〕60号');
    expect(await importGazetteOrgs(t.db, renumbered)).toMatchObject({ documents: 2, leaders: 14 });
    await importGazetteOrgs(t.db, gazette);
    const before = await snapshot();
    const without =
      '平阴县人民政府办公室关于印发某方案的通知\n平政办发〔2024〕1号\n各部门：\n现印发给你们。\n平阴县人民政府办公室\n2024年1月2日\n';
    expect(await importGazetteOrgs(t.db, without)).toEqual({ documents: 0, leaders: 0, posts: 0, duties: 0, units: 0, abPairs: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a notice with a sentence it cannot read rather than import part of it', async () => {
    const before = await snapshot();
    const altered = gazette.replace('联系县民族宗教局。', '兼顾县民族宗教局。');
    await refuses(altered, 'GAZETTE_NOTICE_UNPARSED', '兼顾县民族宗教局');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a notice whose AB角 sentence it cannot read: a lost pair would leave a 督办单 without its backup', async () => {
    const before = await snapshot();
    const altered = gazette.replace('陈剑同志和赵鹏同志互为', '陈剑同志、赵鹏同志互为');
    await refuses(altered, 'GAZETTE_NOTICE_UNPARSED', 'AB角：陈剑同志');
    expect(await snapshot()).toEqual(before);
  });
});
