/**
 * Excel import speed: 100 000 resident rows through the real import path (streamed read,
 * per-row validation, batched upserts with progress, the job table) beside a raw multi-row
 * INSERT of the same rows into a scratch copy of the residents table, in the same run.
 *
 *   npx tsx bench/import.bench.ts                      # PGlite
 *   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/civicgrid_bench npx tsx bench/import.bench.ts
 *   BENCH_ROWS=10000 npx tsx bench/import.bench.ts     # quick
 */
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { idCardCheckChar } from '../common/id-card.js';
import { claimJob, createJob, jobById } from '../server/domains/exchange/import-jobs.repository.js';
import { runImportJob } from '../server/domains/exchange/import-worker.js';
import { RESIDENT_COLUMNS } from '../server/domains/exchange/sheet-columns.js';
import { openBenchCounty } from './county.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const COUNTY = Number(process.env.BENCH_RESIDENTS ?? 330_000);

const database = await openBenchCounty(COUNTY);
const db = database.db;

// New people (area codes 99xxxx, which no real place and so no generated person has) living in
// the county's real houses, so every row takes the full path: house lookup, scope, insert.
const houses = await db.selectFrom('houses').select('standard_address').orderBy('id').limit(ROWS).execute();
const runTag = Date.now() % 100000;
const rows = Array.from({ length: ROWS }, (_, i) => {
  const birth = new Date(Date.UTC(1950 + (i % 55), (i * 7) % 12, 1 + (i % 28))).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `99${String(Math.floor(i / 1000) % 100).padStart(2, '0')}${String(runTag % 100).padStart(2, '0')}${birth}${String(i % 1000).padStart(3, '0')}`;
  return {
    name: `导入${i}`,
    idCard: first17 + idCardCheckChar(first17),
    phone: `177${String(i).padStart(8, '0')}`,
    populationType: '流动',
    address: houses[i % houses.length].standard_address,
    relation: '其他',
    tags: i % 10 === 0 ? '党员' : '',
  };
});
const unique = new Set(rows.map((r) => r.idCard)).size;

const dir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-import-bench-'));
const file = path.join(dir, 'residents.xlsx');
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
const sheet = wb.addWorksheet('居民');
sheet.addRow(RESIDENT_COLUMNS.map((c) => c.header)).commit();
for (const r of rows) sheet.addRow([r.name, r.idCard, r.phone, r.populationType, r.address, '', r.relation, r.tags]).commit();
sheet.commit();
await wb.commit();

const admin = await db.selectFrom('users').select(['id', 'region_id']).where('username', '=', 'county.admin').executeTakeFirstOrThrow();
const { id } = await createJob(db, {
  kind: 'residents',
  fileName: 'bench.xlsx',
  sha256: 'bench',
  path: file,
  userId: admin.id,
  regionId: admin.region_id,
});
let t = performance.now();
await runImportJob(db, (await claimJob(db, 0))!);
const importSeconds = (performance.now() - t) / 1000;
const job = (await jobById(db, id))!;
if (job.status !== 'done') throw new Error(`import failed: ${job.failure}`);

// The limit: the same rows as one stream of 1000-row INSERTs into an empty copy of the table.
await sql`drop table if exists bench_raw_residents`.execute(db);
await sql`create table bench_raw_residents (like residents including defaults including indexes)`.execute(db);
const house = await db
  .selectFrom('houses')
  .select(['id', 'community_id', 'grid_id', 'region_path'])
  .orderBy('id')
  .executeTakeFirstOrThrow();
t = performance.now();
for (let i = 0; i < rows.length; i += 1000) {
  await db
    .insertInto('bench_raw_residents' as 'residents')
    .values(
      rows.slice(i, i + 1000).map((r, k) => ({
        id: 10_000_000 + i + k,
        id_card: r.idCard,
        name: r.name,
        gender: 'male',
        birth_date: `${r.idCard.slice(6, 10)}-${r.idCard.slice(10, 12)}-${r.idCard.slice(12, 14)}`,
        phone: r.phone,
        population_type: 'floating',
        relation: 'other',
        house_id: house.id,
        community_id: house.community_id,
        grid_id: house.grid_id,
        region_path: house.region_path,
        tags: r.tags ? ['party_member'] : [],
      })) as never,
    )
    .execute();
}
const rawSeconds = (performance.now() - t) / 1000;
await sql`drop table bench_raw_residents`.execute(db);
// Leave the county as it was, so the next run measures the same thing.
await db
  .deleteFrom('resident_moves')
  .where('resident_id', 'in', db.selectFrom('residents').select('id').where('name', 'like', '导入%'))
  .execute();
await db.deleteFrom('residents').where('name', 'like', '导入%').execute();
await db.deleteFrom('import_jobs').where('id', '=', id).execute();

console.log(
  `# Excel import, ${database.kind}, ${ROWS} rows (${(statSync(file).size / 1048576).toFixed(1)} MB .xlsx) into a county of ${COUNTY}\n`,
);
console.log('| | seconds | rows/s |');
console.log('|---|---|---|');
console.log(`| import (read, validate, upsert, progress) | ${importSeconds.toFixed(1)} | ${Math.round(ROWS / importSeconds)} |`);
console.log(`| raw 1000-row INSERTs of the same rows | ${rawSeconds.toFixed(1)} | ${Math.round(ROWS / rawSeconds)} |`);
console.log(
  `\nimport/raw: ${(importSeconds / rawSeconds).toFixed(2)}×; created ${job.created} of ${unique} distinct rows, rejected ${job.rejected}`,
);
if (process.env.BENCH_SHOW_ERRORS) console.log(job.errors.slice(0, 10));
await database.close();
