/**
 * Chinese full-text search over the document library (issue 11: p95 under 50 ms on PostgreSQL
 * over 100 000 documents): the library's own search (jieba words in a 'simple' tsvector, ranked,
 * a page of 20 and its count: documentsRepository.list as GET /api/open/documents runs it)
 * beside a LIKE '%…%' scan of title and text of the same documents, in the same run, for 20
 * queries; and the recall of the search against that scan (every document the scan finds for a
 * query, did the search find it?). Three measured runs; the median and spread are printed.
 *
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_documents_bench npx tsx bench/documents-search.bench.ts
 *   BENCH_DOCUMENTS=10000 BENCH_DATABASE_URL=… npx tsx bench/documents-search.bench.ts   # quick
 *
 * The documents are generated once per database from the seed gazette's sentences (seeded, so
 * the same every time) and reused by later runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { ScopedDb } from '../server/platform/db/scoped-db.js';
import { searchQueryOf, searchVectorOf } from '../server/platform/search/chinese-words.js';
import { documentsRepository } from '../server/domains/documents/documents.repository.js';
import { containing } from '../server/platform/db/text-search.js';
import { REPO_ROOT } from '../server/cli/paths.js';
import { ms, openBenchDatabase, percentile } from './county.js';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SEARCH_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const LIKE_ROUNDS = Number(process.env.BENCH_LIKE_ROUNDS ?? 1);
const QUERIES = [
  '政务公开',
  '废弃汽车',
  '数字人民币',
  '智慧社区',
  '信息公开',
  '行政执法',
  '养老服务',
  '营商环境',
  '政策解读',
  '社会救助',
  '就业创业',
  '重大行政决策',
  '大数据平台',
  '考核',
  '应急管理',
  '提案',
  '消费场景',
  '试点',
  '黄河',
  '政务服务 工作',
];

if (!process.env.BENCH_DATABASE_URL) throw new Error('BENCH_DATABASE_URL is required: the issue asks for PostgreSQL');
const database = await openBenchDatabase('documents-search');
const db = database.db;

// ── the documents ───────────────────────────────────────────────────────────

/** A small seeded generator (mulberry32), so every database gets the same documents. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A county's library is about many things: each generated document has one of TOPICS for its
 * subject (its title and two sentences name it) over filler sentences of the seed gazette that
 * name none of the queries' words. So a query's words are in a few per cent of the documents,
 * as a subject is in a real library, rather than in half of them (as a corpus of one gazette's
 * sentences would have it, where 数字人民币 is in every second document).
 */
const TOPICS = [
  ...QUERIES.map((q) => q.split(' ')[0]),
  '安全生产',
  '乡村振兴',
  '义务教育',
  '医疗卫生',
  '文化旅游',
  '生态环境',
  '交通运输',
  '住房保障',
  '农业农村',
  '水利工程',
  '森林防火',
  '市场监管',
  '食品安全',
  '消防安全',
  '城市管理',
  '财政预算',
  '粮食储备',
  '退役军人',
  '残疾人',
  '科技创新',
  '招商引资',
  '人才引进',
  '档案管理',
  '信访工作',
];

async function generate(from: number, count: number) {
  const gazette = readFileSync(path.join(REPO_ROOT, 'data/seed/pingyin-2023-gazette.txt'), 'utf8');
  const queryParts = QUERIES.flatMap((q) => q.split(' '));
  const filler = gazette
    .split(/[。\n]/)
    .map((s) => s.replace(/\s+/g, '').trim())
    .filter((s) => s.length >= 8 && s.length <= 200 && !queryParts.some((w) => s.includes(w)));
  const organs = ['平阴县人民政府', '平阴县人民政府办公室', '平阴县教育和体育局', '平阴县民政局', '平阴县城市管理局', '平阴县商务发展中心'];
  const codes = ['平政发', '平政办发', '平政字', '平政办字', '平教体发', '平民发'];
  const next = random(11 + from);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const started = performance.now();
  for (let at = from; at < count; at += 1000) {
    const rows = [];
    for (let i = at; i < Math.min(count, at + 1000); i++) {
      const organ = Math.floor(next() * codes.length);
      const topic = pick(TOPICS);
      const year = 2015 + (i % 10);
      // Ten years, and a serial per block of ten: every (organ, year, serial) is distinct.
      const serial = Math.floor(i / 10) + 1;
      const title = `${organs[organ]}关于进一步做好${topic}工作的通知`;
      const paragraphs = [
        `为切实做好全县${topic}工作，${pick(filler)}`,
        ...Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(filler)),
        `各单位要把${topic}工作摆上重要位置，${pick(filler)}`,
      ];
      const text = [title, ...paragraphs].join('\n');
      rows.push({
        number: `${codes[organ]}〔${year}〕${serial}号`,
        organ_code: codes[organ],
        year,
        serial,
        index_number: `${codes[organ]}/${year}-${String(serial).padStart(5, '0')}`,
        organ: organs[organ],
        title,
        date_written: `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        published_on: `${year}-12-31`,
        disclosure: 'public' as const,
        paragraphs,
        body_text: text,
        title_words: searchVectorOf(title),
        body_words: searchVectorOf(text),
      });
    }
    await db.insertInto('documents').values(rows).execute();
    if (at % 20_000 === 0) console.error(`  ${at} documents, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  await sql`analyze documents`.execute(db);
}

const existing = Number(
  (
    await db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
if (existing < DOCUMENTS) {
  console.error(`generating ${DOCUMENTS - existing} documents …`);
  await generate(existing, DOCUMENTS);
}
const total = Number(
  (
    await db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);

// ── the two ways of finding them ────────────────────────────────────────────

const repo = documentsRepository(new ScopedDb(db, { path: '/', estateIds: null }));
/** The column's search, as the API runs it: a page of 20 and the count. */
const search = (q: string) => repo.list({ query: searchQueryOf(q)!.tsquery, publicOnly: true }, { offset: 0, limit: 20 });
/** Every document the search finds (its predicate without the page), for the recall. */
const searchIds = async (q: string) =>
  new Set(
    (
      await sql<{ id: number }>`select id from documents where published_on is not null
        and search @@ ${searchQueryOf(q)!.tsquery}::tsquery`.execute(db)
    ).rows.map((r) => r.id),
  );
/** The scan: each of the query's words (as typed, split on spaces) somewhere in the title or the text. */
const likeIds = async (q: string) => {
  let query = db.selectFrom('documents').select('id').where('published_on', 'is not', null);
  for (const part of q.split(/\s+/))
    query = query.where((eb) => eb.or([eb('title', 'like', containing(part)), eb('body_text', 'like', containing(part))]));
  return new Set((await query.execute()).map((r) => r.id));
};

async function timed(work: (q: string) => Promise<unknown>, rounds: number) {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const q of QUERIES) {
      const t = performance.now();
      await work(q);
      samples.push(performance.now() - t);
    }
  return samples;
}

// Warm both paths once (the dictionary, the plan cache, the buffer cache) before measuring.
for (const q of QUERIES) {
  await search(q);
  await likeIds(q);
}

const runs: { searchP50: number; searchP95: number; likeP50: number; likeP95: number }[] = [];
for (let run = 1; run <= RUNS; run++) {
  const s = await timed(search, SEARCH_ROUNDS);
  const l = await timed(likeIds, LIKE_ROUNDS);
  runs.push({ searchP50: percentile(s, 50), searchP95: percentile(s, 95), likeP50: percentile(l, 50), likeP95: percentile(l, 95) });
  console.log(
    `run ${run}: search p50 ${ms(runs.at(-1)!.searchP50)} p95 ${ms(runs.at(-1)!.searchP95)} | LIKE p50 ${ms(runs.at(-1)!.likeP50)} p95 ${ms(runs.at(-1)!.likeP95)}`,
  );
}

let found = 0;
let expected = 0;
const perQuery: string[] = [];
for (const q of QUERIES) {
  const [hits, scan] = await Promise.all([searchIds(q), likeIds(q)]);
  const both = [...scan].filter((id) => hits.has(id)).length;
  found += both;
  expected += scan.size;
  perQuery.push(`| ${q} | ${scan.size} | ${hits.size} | ${scan.size ? (both / scan.size).toFixed(3) : '—'} |`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[]) => `${ms(Math.min(...xs))} – ${ms(Math.max(...xs))}`;
console.log(`\n${total} documents, ${QUERIES.length} queries; ${RUNS} runs of ${SEARCH_ROUNDS} rounds (search) and ${LIKE_ROUNDS} (LIKE)`);
console.log('| | p50 (median of runs) | p95 (median of runs) | p95 spread |');
console.log('|---|---|---|---|');
console.log(
  `| full-text search (page of 20 + count) | ${ms(median(runs.map((r) => r.searchP50)))} | ${ms(median(runs.map((r) => r.searchP95)))} | ${spread(runs.map((r) => r.searchP95))} |`,
);
console.log(
  `| LIKE '%…%' scan (ids) | ${ms(median(runs.map((r) => r.likeP50)))} | ${ms(median(runs.map((r) => r.likeP95)))} | ${spread(runs.map((r) => r.likeP95))} |`,
);
console.log(`\nrecall against the scan: ${found} / ${expected} = ${(found / expected).toFixed(4)}`);
console.log('| query | LIKE hits | search hits | recall |\n|---|---|---|---|');
console.log(perQuery.join('\n'));
await database.close();
