import type { Kysely, Selectable } from 'kysely';
import type { BatchOutcome, ImportRowError } from '../../../common/contracts/exchange.js';
import type { DB, ImportJobTable } from '../../platform/db/schema.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { viewerOfUser } from '../identity/index.js';
import { storeResidents, type ImportedResident } from '../people/index.js';
import {
  estateKey,
  housePlaces,
  importedAddress,
  storeEstates,
  storeHouses,
  type ImportedEstate,
  type ImportedHouse,
} from '../regions/index.js';
import { storeVehicles, type ImportedVehicle } from '../vehicles/index.js';
import { deviceBatchStore, type ImportedDevice } from '../iot/index.js';
import { propertyCompanies } from '../orgs/index.js';
import { IMPORT_KIND_PERMISSION, type ImportKind as ImportKindName } from '../../../common/contracts/exchange.js';
import { parseResidentRow } from './resident-rows.js';
import { parseHouseRow } from './house-rows.js';
import { parseVehicleRow } from './vehicle-rows.js';
import { parseEstateRow } from './estate-rows.js';
import { parseDeviceRow } from './device-rows.js';
import { COLUMNS_OF, type SheetColumn } from './sheet-columns.js';
import { countSheetRows, readSheetRows } from './workbook-rows.js';
import { inspectWorkbook } from './workbook-inspection.js';
import { describeImportFailure } from './import-failure.js';
import * as jobs from './import-jobs.repository.js';

export const BATCH_ROWS = 1000;
const ANALYZE_AFTER_ROWS = 1000;

/** Where the English detail of a failure goes: the server log, never the import report. */
export type ImportLog = (line: string) => void;
const stderrLog: ImportLog = (line) => console.error(`[civicgrid] ${line}`);

interface RunControl {
  stopping: () => boolean;
  log?: ImportLog;
  /** The app's clock: a date in the sheet may not be later than today in Pingyin. */
  clock?: Clock;
}

/**
 * One kind of import: how to read its rows, what identifies a row, and how the domain that owns
 * the rows stores a batch of them (people for residents, regions for houses and estates,
 * vehicles for vehicles, iot for devices).
 */
interface ImportKind<V> {
  columns: readonly SheetColumn[];
  parse(row: number, raw: Record<string, string>, today: string): { ok: true; value: V } | { ok: false; errors: ImportRowError[] };
  key(value: V): string;
  duplicate: { field: string; message: string };
  /** What a job needs once (the places it may import into), then a batch's store in a transaction's scope. */
  prepare(scoped: ScopedDb, jobId: number): Promise<(scoped: ScopedDb, batch: V[]) => Promise<BatchOutcome>>;
}

const residentsKind: ImportKind<ImportedResident> = {
  columns: COLUMNS_OF.residents,
  parse: (row, raw, today) => parseResidentRow(row, raw, today),
  key: (v) => v.idCard,
  duplicate: { field: '身份证号', message: '同一文件中身份证号重复，已按第一次出现的行导入' },
  prepare: async () => storeResidents,
};

const housesKind: ImportKind<ImportedHouse> = {
  columns: COLUMNS_OF.houses,
  parse: (row, raw) => parseHouseRow(row, raw),
  key: importedAddress,
  duplicate: { field: '房号', message: '同一文件中房屋地址重复，已按第一次出现的行导入' },
  prepare: async (scoped) => {
    const places = await housePlaces(scoped);
    return (inTransaction, batch) => storeHouses(inTransaction, places, batch);
  },
};

const vehiclesKind: ImportKind<ImportedVehicle> = {
  columns: COLUMNS_OF.vehicles,
  parse: (row, raw) => parseVehicleRow(row, raw),
  key: (v) => v.plate,
  duplicate: { field: '号牌', message: '同一文件中号牌重复，已按第一次出现的行导入' },
  prepare: async () => storeVehicles,
};

const estatesKind: ImportKind<ImportedEstate> = {
  columns: COLUMNS_OF.estates,
  parse: (row, raw) => parseEstateRow(row, raw),
  key: estateKey,
  duplicate: { field: '小区名称', message: '同一文件中同一社区的小区重复，已按第一次出现的行导入' },
  prepare: async (scoped) => {
    const [places, companies] = await Promise.all([housePlaces(scoped), propertyCompanies(scoped)]);
    const byName = new Map(companies.map((c) => [c.name, c.id]));
    return (inTransaction, batch) => storeEstates(inTransaction, places, byName, batch);
  },
};

const devicesKind: ImportKind<ImportedDevice> = {
  columns: COLUMNS_OF.devices,
  parse: (row, raw) => parseDeviceRow(row, raw),
  key: (v) => v.serial,
  duplicate: { field: '设备编号', message: '同一文件中设备编号重复，已按第一次出现的行导入' },
  prepare: (scoped, jobId) => deviceBatchStore(scoped, jobId),
};

const KINDS = {
  residents: residentsKind,
  houses: housesKind,
  vehicles: vehiclesKind,
  estates: estatesKind,
  devices: devicesKind,
} satisfies Record<ImportKindName, unknown>;

/**
 * Runs one claimed job to the end, batch by batch, in the scope of the user who started it.
 * Each batch and the job's progress commit in one transaction, and a resumed job skips the rows
 * already counted, so a crash or a restart neither loses a stored row nor stores one twice.
 */
export async function runImportJob(db: Kysely<DB>, job: Selectable<ImportJobTable>, control: RunControl = { stopping: () => false }) {
  const viewer = await viewerOfUser(db, job.user_id);
  const needs = IMPORT_KIND_PERMISSION[job.kind];
  if (!viewer || !viewer.permissions.has('imports.run') || (needs && !viewer.permissions.has(needs))) {
    await jobs.finishJob(db, job.id, '发起导入的账号已停用或无导入权限');
    return;
  }
  const kind = KINDS[job.kind] as ImportKind<unknown>;
  const today = localDateOf((control.clock ?? systemClock).now());
  try {
    // Bombs, damaged files and zips that are not workbooks stop here, before exceljs (item 8).
    const workbook = await inspectWorkbook(job.file_path);
    if (job.total_rows === 0) await jobs.setTotal(db, job.id, await countSheetRows(workbook, kind.columns));
    const scoped = await scopedDb(db, viewer);
    const store = await kind.prepare(scoped, job.id);
    const seen = new Set<string>();
    let index = 0;
    let batch: unknown[] = [];
    let errors: ImportRowError[] = [];
    let rows = 0;
    const flush = async () => {
      if (rows === 0) return;
      await db.transaction().execute(async (trx) => {
        const outcome = await store(scoped.on(trx), batch);
        await jobs.recordBatch(trx, job.id, { rows, ...outcome, errors: [...errors, ...outcome.errors].sort((a, b) => a.row - b.row) });
      });
      batch = [];
      errors = [];
      rows = 0;
    };
    for await (const { row, raw } of readSheetRows(workbook, kind.columns)) {
      index++;
      const parsed = kind.parse(row, raw as Record<string, string>, today);
      const key = parsed.ok ? kind.key(parsed.value) : undefined;
      const repeated = key !== undefined && seen.has(key);
      if (key !== undefined) seen.add(key);
      if (index <= job.processed) continue; // stored by an earlier run of this job
      rows++;
      if (!parsed.ok) errors.push(...parsed.errors);
      else if (repeated) errors.push({ row, field: kind.duplicate.field, code: 'DUPLICATE_IN_FILE', message: kind.duplicate.message });
      else batch.push(parsed.value);
      if (rows >= BATCH_ROWS) {
        await flush();
        if (control.stopping()) return; // left 'running': the next start resumes it
      }
    }
    await flush();
    await jobs.finishJob(db, job.id);
    const done = await jobs.jobById(db, job.id);
    if (done && done.created + done.updated >= ANALYZE_AFTER_ROWS) await jobs.refreshStatistics(db, job.kind);
  } catch (e) {
    const failure = describeImportFailure(e);
    const detail = failure.logDetail instanceof Error ? failure.logDetail.stack : failure.logDetail;
    (control.log ?? stderrLog)(`import job ${job.id} failed: ${failure.code}${detail ? `\n${detail}` : ''}`);
    await jobs.finishJob(db, job.id, failure.message);
  }
}

/** Polls the job table and runs jobs one at a time until stopped. */
export function startImportWorker(db: Kysely<DB>, options: { soleProcess: boolean; pollMs?: number; log?: ImportLog; clock?: Clock }) {
  const pollMs = options.pollMs ?? 1000;
  const staleMs = 120_000;
  let stopping = false;
  let current: Promise<void> = Promise.resolve();
  // At start every 'running' job is an orphan of a stopped process when this is the only
  // process (PGlite); with PostgreSQL other processes may be alive, so wait for staleness.
  let staleAfterMs = options.soleProcess ? 0 : staleMs;
  const tick = async () => {
    while (!stopping) {
      const job = await jobs.claimJob(db, staleAfterMs).catch(() => undefined);
      staleAfterMs = staleMs;
      if (!job) break;
      await runImportJob(db, job, { stopping: () => stopping, log: options.log, clock: options.clock });
    }
  };
  const timer = setInterval(() => {
    current = current.then(tick);
  }, pollMs);
  current = current.then(tick);
  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await current;
    },
  };
}
