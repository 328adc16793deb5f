import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { maskIdCard, maskPersonalNumbers, maskPhone } from '../../../common/mask.js';
import type { ImportJobTable, ImportRowError } from '../../platform/db/schema.js';
import { conflict, fileMissing } from '../../platform/errors.js';
import { COLUMNS_OF } from './sheet-columns.js';
import { readSheetRows } from './workbook-rows.js';

// Headers the importer does not know, so a corrected file imports as it is (workbook-rows.ts
// finds its columns by header and passes over the rest).
export const REASON_HEADER = '拒绝原因';
export const ROW_HEADER = '原行号';

// A number column is masked whole, whatever was typed (a wrong ID number is no less personal);
// every other cell, and the reasons, by the numbers found in it.
const MASK_BY_COLUMN: Record<string, (text: string) => string> = { idCard: maskIdCard, ownerIdCard: maskIdCard, phone: maskPhone };

export interface RejectedRowsRequest {
  kind: ImportJobTable['kind'];
  status: ImportJobTable['status'];
  filePath: string;
  fileName: string;
  errors: ImportRowError[];
  rejected: number;
  /** Whether the viewer sees ID numbers and phones in full ('personal_data.full'). */
  fullNumbers: boolean;
}

/**
 * 下载被拒绝的行: the rows an import rejected, as the uploader typed them (read again from the
 * uploaded file kept with the job), with the reasons in a last column. Corrected in Excel, the
 * file is uploaded again as it is: rows that were fine the first time are not in it, and an
 * import is idempotent anyway. A viewer who sees numbers masked elsewhere gets them masked
 * here too (and is told that such rows must be corrected from the original file).
 */
export async function rejectedRowsWorkbook(job: RejectedRowsRequest): Promise<{ workbook: Buffer; rows: number }> {
  if (job.status !== 'done') throw conflict('IMPORT_NOT_FINISHED', '导入尚未完成，完成后才能下载被拒绝的行');
  const reasons = reasonsByRow(job.errors);
  if (reasons.size === 0) throw conflict('NO_REJECTED_ROWS', '这次导入没有被拒绝的行');
  if (!existsSync(job.filePath)) throw fileMissing();

  // The columns each kind of import reads: the download gives them back under the same headers.
  const columns = COLUMNS_OF[job.kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CivicGrid';
  const sheet = wb.addWorksheet('被拒绝的行', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width, style: { numFmt: '@' } })),
    { header: ROW_HEADER, key: '__row', width: 8 },
    { header: REASON_HEADER, key: '__reason', width: 60, style: { alignment: { wrapText: true } } },
  ];
  sheet.getRow(1).font = { bold: true };
  const shown = (text: string, key?: string) => (job.fullNumbers ? text : (MASK_BY_COLUMN[key ?? ''] ?? maskPersonalNumbers)(text));
  let rows = 0;
  for await (const { row, raw } of readSheetRows(job.filePath, columns)) {
    const reason = reasons.get(row);
    if (!reason) continue;
    const cells = Object.fromEntries(Object.entries(raw as Record<string, string>).map(([key, text]) => [key, shown(text, key)]));
    sheet.addRow({ ...cells, __row: row, __reason: shown(reason) });
    rows++;
  }
  addNotes(wb, job, rows);
  return { workbook: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}

/** Each rejected row's problems as one text: '身份证号：校验位不正确；联系电话：…'. */
function reasonsByRow(errors: ImportRowError[]): Map<number, string> {
  const byRow = new Map<number, string[]>();
  for (const e of errors) {
    if (!(e.row > 0)) continue; // a problem of the whole file has no row to give back
    byRow.set(e.row, [...(byRow.get(e.row) ?? []), e.field ? `${e.field}：${e.message}` : e.message]);
  }
  return new Map([...byRow].map(([row, list]) => [row, list.join('；')]));
}

function addNotes(wb: ExcelJS.Workbook, job: RejectedRowsRequest, rows: number) {
  const notes = wb.addWorksheet('说明');
  notes.columns = [{ header: '说明', width: 100 }];
  notes.getRow(1).font = { bold: true };
  notes.addRow([`原文件：${job.fileName}；被拒绝 ${job.rejected} 行，本表列出 ${rows} 行。`]);
  notes.addRow([`请按“${REASON_HEADER}”列逐行改正后，直接上传本文件重新导入；“${ROW_HEADER}”和“${REASON_HEADER}”两列导入时不读取。`]);
  if (rows < job.rejected) {
    notes.addRow(['被拒绝的行过多，导入报告只保存了前面的部分：其余的行请在原文件中改正后重新导入整个文件（已导入的行不会重复）。']);
  }
  if (!job.fullNumbers) {
    notes.addRow(['按您的角色，身份证号和手机号已脱敏显示：含脱敏号码的行请在原文件中改正后导入。']);
  }
}
