import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ResidentItem } from '../../../common/contracts/people.js';
import type { HouseItem } from '../../../common/contracts/regions.js';
import type { AuditEntry } from '../../platform/audit.js';
import {
  GENDER_ZH,
  HOUSE_USE_ZH,
  POPULATION_TYPE_ZH,
  RELATION_ZH,
  RENTAL_CHANNEL_ZH,
  RENTAL_MODE_ZH,
  TAG_ZH,
} from '../../../common/labels-zh.js';

const PAGE = 2000;
const zh = <T extends Record<string, string>>(labels: T, code: string | null) => (code ? (labels[code as keyof T] ?? code) : '');

export interface ExportLog {
  error(detail: object, message: string): void;
}
/** Writes an audit line as the viewer and gives its id. */
export type ExportAuditLog = (entry: AuditEntry) => Promise<number>;
interface ExportAudit {
  action: string;
  entity: string;
  detail: Record<string, unknown>;
}
/** The rows of a list after an id, presented as the viewer sees them (the owning domain's). */
export type RowsAfter<R> = (afterId: number, limit: number) => Promise<R[]>;

/** An export: its rows, and the filter — with the scope it was asked in — that the audit log records. */
export interface ExportRequest<R> {
  rowsAfter: RowsAfter<R>;
  filter: Record<string, unknown>;
  auditLog: ExportAuditLog;
  log: ExportLog;
}

/**
 * Streams an Excel export page by page (keyset on id), so a county-sized export never sits
 * in memory. The rows come from the domain that owns them through the same presenter as its
 * API, so masking and region scope are exactly what the viewer sees on screen.
 *
 * Audited in two lines. An export the client aborted used to leave no trace, its one line being
 * written after the stream completed (security review, issue 7, item 4); now `<action>` is
 * written, with the filter, before the first row is read, and `<action>_done` (the client has
 * the whole file) or `<action>_aborted` (the client went away, or the export failed) follows
 * with the rows written so far and the id of the first line. writeAudit masks the numbers in
 * the filter.
 */
async function streamWorkbook<R>(
  auditLog: ExportAuditLog,
  audit: ExportAudit,
  log: ExportLog,
  sheetName: string,
  columns: Partial<ExcelJS.Column>[],
  pages: AsyncIterable<R[]>,
  toRow: (row: R) => Record<string, unknown>,
) {
  const startedAs = await auditLog({ action: audit.action, entity: audit.entity, detail: audit.detail });
  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const sheet = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  let rows = 0;
  let failed = false;
  // 'close' comes after 'end' when the reader took everything, and alone when Fastify destroys
  // the stream because the client's connection closed first.
  stream.once('close', () => {
    const outcome = stream.readableEnded ? 'done' : 'aborted';
    const detail = outcome === 'done' ? { startedAs, rows } : { startedAs, rows, reason: failed ? 'error' : 'client_closed' };
    auditLog({ action: `${audit.action}_${outcome}`, entity: audit.entity, detail }).catch((e) =>
      log.error({ err: e, action: audit.action, startedAs }, 'export audit line not written'),
    );
  });
  (async () => {
    for await (const page of pages) {
      await consumerCaughtUp(stream);
      if (stream.destroyed) return; // the client is gone: read no more pages
      for (const row of page) sheet.addRow(toRow(row)).commit();
      rows += page.length;
    }
    sheet.commit();
    await wb.commit();
  })().catch((e) => {
    failed = true;
    log.error({ err: e, action: audit.action, startedAs }, 'export failed');
    stream.destroy(e as Error);
  });
  return stream;
}

/**
 * Waits for the event loop to turn, and for a slow client to take what it was sent. PGlite
 * answers in this thread without a turn of the loop, so without this the zip's deflate
 * callbacks and the client's closed socket were seen only after the last page: an aborted
 * export read the whole table. Waiting for 'drain' keeps a slow download from piling the
 * workbook up in memory.
 */
async function consumerCaughtUp(stream: PassThrough) {
  await new Promise((resolve) => setImmediate(resolve));
  if (!stream.writableNeedDrain || stream.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Pages of rows in id order: each page starts after the last id of the one before. */
async function* keysetPages<R extends { id: number }>(rowsAfter: RowsAfter<R>) {
  for (let last = 0; ;) {
    const rows = await rowsAfter(last, PAGE);
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    last = rows[rows.length - 1].id;
  }
}

export function exportResidents({ rowsAfter, filter, auditLog, log }: ExportRequest<ResidentItem>) {
  return streamWorkbook(
    auditLog,
    { action: 'export_residents', entity: 'resident', detail: { filter } },
    log,
    '居民',
    [
      { header: '姓名', key: 'name', width: 10 },
      { header: '性别', key: 'gender', width: 6 },
      { header: '出生日期', key: 'birthDate', width: 12 },
      { header: '年龄', key: 'age', width: 6 },
      { header: '身份证号', key: 'idCard', width: 22 },
      { header: '联系电话', key: 'phone', width: 15 },
      { header: '人口类型', key: 'populationType', width: 10 },
      { header: '与户主关系', key: 'relation', width: 10 },
      { header: '社区村', key: 'communityName', width: 12 },
      { header: '网格', key: 'gridName', width: 10 },
      { header: '房屋标准地址', key: 'address', width: 50 },
      { header: '标签', key: 'tags', width: 24 },
    ],
    keysetPages(rowsAfter),
    (r) => ({
      ...r,
      gender: zh(GENDER_ZH, r.gender),
      populationType: zh(POPULATION_TYPE_ZH, r.populationType),
      relation: zh(RELATION_ZH, r.relation),
      tags: r.tags.map((t) => zh(TAG_ZH, t)).join('、'),
    }),
  );
}

export function exportHouses({ rowsAfter, filter, auditLog, log }: ExportRequest<HouseItem>) {
  return streamWorkbook(
    auditLog,
    { action: 'export_houses', entity: 'house', detail: { filter } },
    log,
    '房屋',
    [
      { header: '标准地址', key: 'address', width: 50 },
      { header: '社区村', key: 'communityName', width: 12 },
      { header: '网格', key: 'gridName', width: 10 },
      { header: '小区', key: 'estateName', width: 14 },
      { header: '楼栋', key: 'buildingName', width: 8 },
      { header: '单元', key: 'unitName', width: 8 },
      { header: '房号', key: 'room', width: 8 },
      { header: '楼层', key: 'floor', width: 6 },
      // A village house's place (docs/decisions/049), empty for an estate's.
      { header: '组/自然村', key: 'villageGroup', width: 10 },
      { header: '门牌号', key: 'doorNumber', width: 8 },
      { header: '经度', key: 'lon', width: 12 },
      { header: '纬度', key: 'lat', width: 12 },
      { header: '面积', key: 'area', width: 8 },
      { header: '用途', key: 'houseUse', width: 8 },
      { header: '出租方式', key: 'rentalMode', width: 10 },
      { header: '出租渠道', key: 'rentalChannel', width: 10 },
      { header: '月租金', key: 'monthlyRent', width: 10 },
      { header: '租住人数', key: 'tenantCount', width: 10 },
      { header: '居住人数', key: 'residentCount', width: 10 },
    ],
    keysetPages(rowsAfter),
    (h) => ({
      ...h,
      houseUse: zh(HOUSE_USE_ZH, h.houseUse),
      rentalMode: zh(RENTAL_MODE_ZH, h.rentalMode),
      rentalChannel: zh(RENTAL_CHANNEL_ZH, h.rentalChannel),
    }),
  );
}
